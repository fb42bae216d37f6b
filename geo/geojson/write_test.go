package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func write(t *testing.T, fc *geojson.FeatureCollection, opts *WriteOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, fc, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.String()
}

// Variables, not constants: Go folds constant arithmetic exactly.
var tenth, fifth = 0.1, 0.2

func TestWrite(t *testing.T) {
	cwShell := orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}         // clockwise: must be reversed
	ccwHole := orb.Ring{{0.2, 0.2}, {0.8, 0.2}, {0.8, 0.8}, {0.2, 0.2}} // counter-clockwise: must be reversed
	fc := &geojson.FeatureCollection{
		Type:         "FeatureCollection",
		ExtraMembers: geojson.Properties{"name": "小区", "type": "ignored", "features": "ignored"},
		Features: []*geojson.Feature{
			{ID: "way/123", Geometry: orb.Polygon{cwShell, ccwHole},
				Properties: geojson.Properties{"名称": "陆家嘴<一>&小区", "area": json.Number("86.50"), "floors": 6, "ratio": tenth + fifth, "ok": true, "none": nil}},
			{ID: json.Number("42"), Geometry: nil, Properties: nil, ExtraMembers: geojson.Properties{"title": "t", "id": "ignored"}},
			{Geometry: orb.Point{121.50000000000001, 1e-7}, BBox: geojson.BBox{1, 2, 3, 4}},
			{Geometry: orb.Collection{orb.MultiPoint{{1, 2}}, orb.LineString{{1, 2}, {3, 4}}, orb.MultiLineString{{{1, 2}, {3, 4}}},
				orb.MultiPolygon{{cwShell}}, orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, orb.Ring{{0, 0}, {0, 1}, {1, 0}, {0, 0}}}},
		},
	}
	got := write(t, fc, &WriteOptions{CRSName: "urn:ogc:def:crs:EPSG::4490"})
	want := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"name":"小区","features":[
{"type":"Feature","id":"way/123","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.8,0.8],[0.8,0.2],[0.2,0.2]]]},"properties":{"area":86.50,"floors":6,"none":null,"ok":true,"ratio":0.30000000000000004,"名称":"陆家嘴<一>&小区"}},
{"type":"Feature","id":42,"geometry":null,"properties":{},"title":"t"},
{"type":"Feature","bbox":[1,2,3,4],"geometry":{"type":"Point","coordinates":[121.50000000000001,1e-7]},"properties":{}},
{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[1,2]]},{"type":"LineString","coordinates":[[1,2],[3,4]]},{"type":"MultiLineString","coordinates":[[[1,2],[3,4]]]},{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]},{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1],[0,0]]]}]},"properties":{}}
]}
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The caller's rings are untouched.
	if diff := cmp.Diff(orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}, cwShell); diff != "" {
		t.Errorf("Write modified the input ring:\n%s", diff)
	}
	if got := write(t, &geojson.FeatureCollection{}, nil); got != "{\"type\":\"FeatureCollection\",\"features\":[]}\n" {
		t.Errorf("empty collection: %q", got)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		fc   *geojson.FeatureCollection
		msg  string
	}{
		{"nil collection", nil, "geojson: nil FeatureCollection"},
		{"nil feature", &geojson.FeatureCollection{Features: []*geojson.Feature{geojson.NewFeature(orb.Point{}), nil}}, "geojson: feature 1: nil feature"},
		{"NaN coordinate", &geojson.FeatureCollection{Features: []*geojson.Feature{{ID: "a", Geometry: orb.Polygon{{{0, 0}, {math.NaN(), 1}, {1, 1}, {0, 0}}}}}},
			`geojson: feature 0 (id "a"): ring 0: position [NaN, 1] is not finite; JSON has no NaN or infinity`},
		{"infinite point", &geojson.FeatureCollection{Features: []*geojson.Feature{{Geometry: orb.Point{math.Inf(1), 0}}}},
			"geojson: feature 0: position [+Inf, 0] is not finite; JSON has no NaN or infinity"},
		{"bool id", &geojson.FeatureCollection{Features: []*geojson.Feature{{ID: true}}}, "geojson: feature 0 (id true): id is a bool; RFC 7946 §3.2 allows a string or a number"},
		{"bad json.Number id", &geojson.FeatureCollection{Features: []*geojson.Feature{{ID: json.Number("12a")}}}, `geojson: feature 0 (id 12a): id: json: invalid number literal "12a"`},
		{"NaN property", &geojson.FeatureCollection{Features: []*geojson.Feature{{Properties: geojson.Properties{"x": math.NaN()}}}},
			"geojson: feature 0: properties: json: unsupported value: NaN"},
		{"nil collection member", &geojson.FeatureCollection{Features: []*geojson.Feature{{Geometry: orb.Collection{nil}}}},
			"geojson: feature 0: geometry collection member 0 is nil"},
	}
	for _, tc := range tests {
		err := Write(&bytes.Buffer{}, tc.fc, nil)
		if !errors.Is(err, ErrInvalid) || err.Error() != tc.msg {
			t.Errorf("%s: error\n got %v\nwant %s", tc.name, err, tc.msg)
		}
	}
}

func randomFeature(rng *rand.Rand, i int) *geojson.Feature {
	coord := func() float64 {
		if rng.IntN(3) == 0 {
			return float64(rng.IntN(180))
		}
		return 100 + rng.Float64()*30
	}
	ring := func(n int, ccw bool) orb.Ring {
		r := make(orb.Ring, n)
		cx, cy := coord(), coord()/3
		for j := range n - 1 {
			a := 2 * math.Pi * float64(j) / float64(n-1)
			if !ccw {
				a = -a
			}
			r[j] = orb.Point{cx + 0.01*math.Cos(a), cy + 0.01*math.Sin(a)}
		}
		r[n-1] = r[0]
		return r
	}
	var g orb.Geometry
	switch rng.IntN(5) {
	case 0:
		g = orb.Point{coord(), coord()}
	case 1:
		g = orb.LineString{{coord(), coord()}, {coord(), coord()}}
	case 2:
		g = orb.Polygon{ring(4+rng.IntN(8), true)}
	case 3:
		g = orb.MultiPolygon{{ring(5, true)}, {ring(6, true)}}
	case 4:
		g = nil
	}
	props := geojson.Properties{"n": json.Number(strconv.Itoa(i)), "名": "第" + strconv.Itoa(i) + "号楼", "f": json.Number("1.50")}
	if rng.IntN(2) == 0 {
		props["nested"] = map[string]any{"list": []any{json.Number("1"), "two", nil, true}}
	}
	var id any
	if rng.IntN(2) == 0 {
		id = "way/" + strconv.Itoa(i)
	} else {
		id = json.Number(strconv.Itoa(i))
	}
	return &geojson.Feature{Type: "Feature", ID: id, Geometry: g, Properties: props}
}

// Property: Read(Write(fc)) gives fc back, feature order, ids and exact numbers included,
// for collections whose rings already follow RFC 7946's winding.
func TestRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 50 {
		fc := &geojson.FeatureCollection{Type: "FeatureCollection", Features: []*geojson.Feature{}}
		for i := range n {
			fc.Features = append(fc.Features, randomFeature(rng, i))
		}
		out := write(t, fc, nil)
		doc := read(t, out, nil)
		if diff := cmp.Diff(fc, doc.Collection); diff != "" {
			t.Fatalf("collection of %d: (-want +got):\n%s", n, diff)
		}
		if again := write(t, doc.Collection, nil); again != out {
			t.Fatalf("collection of %d: writing what was read changed the bytes", n)
		}
	}
}
