package load_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
	"github.com/xiaoqu/xiaoqu/geo/gpkg"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// fixture is a small district laid out in metres about a centre and written out in lon/lat:
// two compounds (one with a school cut out of it), buildings that do not name their compound
// (one across the boundary, one tied between the two), green spaces, facilities and a zone.
type fixture struct {
	tm     *geo.TransverseMercator
	layers map[string]*geojson.FeatureCollection
}

func newFixture(centre orb.Point) *fixture {
	f := &fixture{tm: geo.LocalTM(centre), layers: map[string]*geojson.FeatureCollection{}}
	rect := func(x0, y0, x1, y1 float64) orb.Ring {
		var r orb.Ring
		for _, p := range []orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}} {
			r = append(r, f.tm.Inverse(p))
		}
		return r
	}
	hole := rect(-20, -20, 20, 20)
	for i, j := 0, len(hole)-1; i < j; i, j = i+1, j-1 {
		hole[i], hole[j] = hole[j], hole[i]
	}
	add := func(layer string, g orb.Geometry, props geojson.Properties) {
		if f.layers[layer] == nil {
			f.layers[layer] = geojson.NewFeatureCollection()
		}
		ft := geojson.NewFeature(g)
		ft.Properties = props
		f.layers[layer].Append(ft)
	}
	add("compounds", orb.Polygon{rect(-100, -100, 100, 100), hole}, geojson.Properties{"id": "c1", "name": "北苑", "community": "一社区"})
	add("compounds", orb.Polygon{rect(120, -100, 320, 100)}, geojson.Properties{"编号": "c2", "名称": "南苑", "社区": "二社区"})
	add("buildings", orb.Polygon{rect(-80, -80, -40, -68)}, geojson.Properties{"id": "b1", "storeys": 6})
	add("buildings", orb.Polygon{rect(40, 50, 80, 62)}, geojson.Properties{"id": "b2", "层数": "7层"})
	add("buildings", orb.Polygon{rect(90, 0, 125, 12)}, geojson.Properties{"id": "b3", "storeys": 5})   // 10 m in c1, 5 m in c2
	add("buildings", orb.Polygon{rect(95, 30, 125, 40)}, geojson.Properties{"id": "tie", "storeys": 5}) // 5 m in each
	add("buildings", orb.Polygon{rect(150, 40, 200, 52)}, geojson.Properties{"id": "b4", "storeys": 12, "has_elevator": true})
	add("green", orb.Polygon{rect(-60, 30, -20, 70)}, geojson.Properties{"id": "g1"})
	add("green", orb.Polygon{rect(-40, 50, 0, 90)}, geojson.Properties{"id": "g2"})
	add("green", orb.Polygon{rect(250, -120, 290, -80)}, geojson.Properties{"id": "g3"})
	add("facilities", f.tm.Inverse(orb.Point{0, 300}), geojson.Properties{"id": "k1", "kind": "幼儿园"})
	add("facilities", f.tm.Inverse(orb.Point{500, 0}), geojson.Properties{"id": "k2", "kind": "kindergarten"})
	add("facilities", orb.Polygon{rect(-400, -300, -300, -200)}, geojson.Properties{"id": "s1", "kind": "primary_school"})
	add("facilities", f.tm.Inverse(orb.Point{0, 0}), geojson.Properties{"id": "m1", "kind": "market"}) // in the school hole
	add("zones", orb.Polygon{rect(-500, -500, 200, 500)}, geojson.Properties{"id": "z1", "kind": "实施范围", "field_office": "西片区"})
	return f
}

// write writes the fixture's layers as GeoJSON into dir, transformed to crs, with a legacy crs
// member when crsName is not empty; it returns the paths by layer.
func (f *fixture) write(t *testing.T, dir string, crs geo.CRS, crsName string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for name, fc := range f.layers {
		out := geojson.NewFeatureCollection()
		for _, ft := range fc.Features {
			g, err := geo.Transform(ft.Geometry, geo.WGS84, crs)
			if err != nil {
				t.Fatal(err)
			}
			c := geojson.NewFeature(g)
			c.Properties = ft.Properties
			out.Append(c)
		}
		var buf bytes.Buffer
		if err := xgeojson.Write(&buf, out, &xgeojson.WriteOptions{CRSName: crsName}); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".geojson")
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths[name] = p
	}
	return paths
}

func options(paths map[string]string) load.Options {
	return load.Options{Compounds: paths["compounds"], Buildings: paths["buildings"], Facilities: paths["facilities"], GreenSpaces: paths["green"], Zones: paths["zones"]}
}

// measures returns the numbers the analyses give for a district, flat, for comparison.
func measures(t *testing.T, d *renovation.District) []float64 {
	t.Helper()
	a := renovation.NewAnalyzer(d)
	ind, err := a.Indicators(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	lc, err := a.LifeCircle(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := a.Scope(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []float64
	for i, c := range ind.Compounds {
		out = append(out, c.SiteArea, c.FootprintArea, c.FloorArea, c.FAR, c.GreenArea, c.GreenRatio, sc.Compounds[i].Share)
		for _, r := range lc.Compounds[i].Reach {
			if r.Nearest != nil {
				out = append(out, *r.Nearest)
			}
			out = append(out, r.AreaShare)
		}
	}
	return out
}

func close(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(want) < 30 {
		t.Fatalf("%s: only %d measures", what, len(want))
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d measures, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-6*math.Abs(want[i])+1e-9 {
			t.Errorf("%s: measure %d is %.12g, want %.12g (relative %.2g)", what, i, got[i], want[i], (got[i]-want[i])/want[i])
		}
	}
}

func TestDistrictWGS84(t *testing.T) {
	f := newFixture(orb.Point{121.5, 31.2})
	d, rep, err := load.District(context.Background(), options(f.write(t, t.TempDir(), geo.WGS84, "")))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Compounds) != 2 || len(d.Compounds[0].Buildings) != 3 || len(d.Compounds[1].Buildings) != 1 || len(d.Facilities) != 4 || len(d.GreenSpaces) != 3 || len(d.Zones) != 1 {
		t.Fatalf("loaded %+v", d)
	}
	if d.Compounds[0].Buildings[1].Storeys != 7 || d.Compounds[1].Name != "南苑" || d.Facilities[0].Kind != renovation.Kindergarten {
		t.Errorf("properties not read: %+v", d.Compounds)
	}
	j := rep.Join
	if j == nil || len(j.Placed) != 4 || len(j.Ambiguous) != 1 || j.Ambiguous[0].ID != "tie" || len(j.Unassigned) != 0 {
		t.Fatalf("join report %+v", j)
	}
	if p := j.Placed[2]; p.ID != "b3" || p.CompoundID != "c1" || math.Abs(p.Share-10.0/35) > 1e-6 {
		t.Errorf("building across the boundary: %+v", p)
	}
	for _, l := range rep.Layers {
		if l.CRS != "wgs84" || l.CRSFrom != load.FromDefault {
			t.Errorf("layer %s: CRS %s from %s", l.Role, l.CRS, l.CRSFrom)
		}
	}
	ind, err := renovation.Indicators(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	// c1: 200 m square less a 40 m school: 38,400 m²; footprints 480 + 480 + 120 (of 420).
	if c := ind.Compounds[0]; math.Abs(c.SiteArea-38400) > 1e-3 || math.Abs(c.FootprintArea-1080) > 1e-5 || math.Abs(c.GreenArea-2800) > 1e-5 {
		t.Errorf("c1 indicators %+v", c)
	}
}

// TestDistrictCRS loads the same district written in GCJ-02 and in a CGCS2000 Gauss-Krüger
// zone (EPSG:4548, CM 117°E, so the fixture sits in Beijing) and checks that every measure
// agrees with the WGS84 original to 1e-6.
func TestDistrictCRS(t *testing.T) {
	for _, c := range []struct {
		name    string
		centre  orb.Point
		crs     geo.CRS
		crsName string // written as the legacy crs member
		given   geo.CRS
		from    string
	}{
		{"gcj02", orb.Point{121.5, 31.2}, geo.GCJ02, "", geo.GCJ02, load.FromOption},
		{"bd09", orb.Point{121.5, 31.2}, geo.BD09, "", geo.BD09, load.FromOption},
		{"EPSG:4548 declared", orb.Point{116.36, 39.96}, mustCRS(t, "EPSG:4548"), "urn:ogc:def:crs:EPSG::4548", geo.CRS{}, load.FromFile},
		{"EPSG:4548 given", orb.Point{116.36, 39.96}, mustCRS(t, "EPSG:4548"), "", mustCRS(t, "EPSG:4548"), load.FromOption},
		{"cgcs2000 declared", orb.Point{116.36, 39.96}, geo.CGCS2000, "urn:ogc:def:crs:EPSG::4490", geo.WGS84, load.FromOption},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(c.centre)
			orig, _, err := load.District(context.Background(), options(f.write(t, t.TempDir(), geo.WGS84, "")))
			if err != nil {
				t.Fatal(err)
			}
			o := options(f.write(t, t.TempDir(), c.crs, c.crsName))
			o.CRS = c.given
			d, rep, err := load.District(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			if l := rep.Layers[0]; l.CRSFrom != c.from {
				t.Errorf("CRS %s from %s, want from %s", l.CRS, l.CRSFrom, c.from)
			}
			close(t, c.name, measures(t, d), measures(t, orig))
		})
	}
}

func mustCRS(t *testing.T, s string) geo.CRS {
	c, err := geo.ParseCRS(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDistrictCRSConflict(t *testing.T) {
	f := newFixture(orb.Point{116.36, 39.96})
	o := options(f.write(t, t.TempDir(), mustCRS(t, "EPSG:4548"), "urn:ogc:def:crs:EPSG::4548"))
	o.CRS = geo.GCJ02
	_, _, err := load.District(context.Background(), o)
	if !errors.Is(err, load.ErrCRSConflict) || !bytes.Contains([]byte(err.Error()), []byte("compounds.geojson")) {
		t.Errorf("conflict: %v", err)
	}
	o = options(f.write(t, t.TempDir(), geo.WGS84, "urn:ogc:def:crs:EPSG::2385"))
	if _, _, err := load.District(context.Background(), o); !errors.Is(err, geo.ErrUnknownCRS) {
		t.Errorf("unknown declared CRS: %v", err)
	}
}

// TestDistrictGeoPackage loads the fixture from GeoPackages written with geo/gpkg: one in
// WGS84 with every layer, one in EPSG:4548.
func TestDistrictGeoPackage(t *testing.T) {
	for _, c := range []struct {
		centre orb.Point
		srs    int
	}{{orb.Point{121.5, 31.2}, 4326}, {orb.Point{116.36, 39.96}, 4548}} {
		f := newFixture(c.centre)
		orig, _, err := load.District(context.Background(), options(f.write(t, t.TempDir(), geo.WGS84, "")))
		if err != nil {
			t.Fatal(err)
		}
		crs := crsOfSRS(t, c.srs)
		opts := &gpkg.Options{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		if c.srs != 4326 {
			gk, err := gpkg.GaussKrugerSRS(c.srs)
			if err != nil {
				t.Fatal(err)
			}
			opts.SRS = []gpkg.SRS{gk}
		}
		var layers []gpkg.Layer
		for _, name := range []string{"compounds", "buildings", "facilities", "green", "zones"} {
			l := gpkg.Layer{Name: name, SRSID: c.srs, GeometryType: "GEOMETRY"}
			for _, ft := range f.layers[name].Features {
				g, err := geo.Transform(ft.Geometry, geo.WGS84, crs)
				if err != nil {
					t.Fatal(err)
				}
				n := geojson.NewFeature(g)
				n.Properties = ft.Properties
				l.Features = append(l.Features, n)
			}
			layers = append(layers, l)
		}
		path := filepath.Join(t.TempDir(), "district.gpkg")
		if err := gpkg.WriteFile(path, opts, layers...); err != nil {
			t.Fatal(err)
		}
		d, rep, err := load.District(context.Background(), load.Options{Compounds: path, Buildings: path + "#buildings", Facilities: path, GreenSpaces: path, Zones: path})
		if err != nil {
			t.Fatal(err)
		}
		if l := rep.Layers[1]; l.Layer != "buildings" || l.CRSFrom != load.FromFile || l.CRS != crsNameOf(crs) {
			t.Errorf("layer report %+v", l)
		}
		close(t, path, measures(t, d), measures(t, orig))
	}
}

func crsOfSRS(t *testing.T, srs int) geo.CRS {
	if srs == 4326 {
		return geo.WGS84
	}
	return mustCRS(t, "EPSG:"+itoa(srs))
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func crsNameOf(c geo.CRS) string { b, _ := c.MarshalText(); return string(b) }

// TestReadRepairs: an unclosed ring and a clockwise one are repaired and reported; a
// self-intersecting ring is an error naming the file and the feature.
func TestReadRepairs(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"open"},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.501,31.2],[121.501,31.201],[121.5,31.201]]]}},
{"type":"Feature","properties":{"id":"cw"},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.5,31.201],[121.501,31.201],[121.501,31.2],[121.5,31.2]]]}},
{"type":"Feature","properties":{"id":"ok"},"geometry":{"type":"Polygon","coordinates":[[[121.6,31.2],[121.601,31.2],[121.601,31.201],[121.6,31.2]]]}}
]}`
	l, err := load.ReadGeoJSON(bytes.NewReader([]byte(doc)), "c.geojson", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Repairs) != 2 || l.Repairs[0].ID != "open" || l.Repairs[1].Index != 1 || len(l.Repairs[1].Fixed) != 1 {
		t.Errorf("repairs %+v", l.Repairs)
	}
	if r := l.Features[0].Geometry.(orb.Polygon)[0]; len(r) != 5 || r[0] != r[4] {
		t.Errorf("ring not closed: %v", r)
	}
	bad := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"bow"},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.501,31.201],[121.501,31.2],[121.5,31.201],[121.5,31.2]]]}},
{"type":"Feature","properties":{"id":"far"},"geometry":{"type":"Point","coordinates":[221.5,31.2]}}
]}`
	_, err = load.ReadGeoJSON(bytes.NewReader([]byte(bad)), "c.geojson", nil)
	var fe renovation.FeatureErrors
	if !errors.As(err, &fe) || len(fe) != 2 || fe[0].ID != "bow" || fe[0].File != "c.geojson" || !errors.Is(err, geo.ErrSelfIntersection) || !errors.Is(err, geo.ErrLonLatRange) {
		t.Errorf("bad geometries: %v", err)
	}
	// Projected coordinates read as degrees are out of range, and say so.
	proj := `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,4400000],[500100,4400000],[500100,4400100],[500000,4400000]]]}}`
	if _, err := load.ReadGeoJSON(bytes.NewReader([]byte(proj)), "p.geojson", nil); !errors.Is(err, geo.ErrLonLatRange) {
		t.Errorf("metres read as degrees: %v", err)
	}
}

func TestReadLayerErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := load.ReadLayer(filepath.Join(dir, "x.shp"), nil); err == nil {
		t.Error("a shapefile accepted")
	}
	if _, err := load.ReadLayer(filepath.Join(dir, "missing.geojson"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	path := filepath.Join(dir, "two.gpkg")
	pt := []*geojson.Feature{geojson.NewFeature(orb.Point{121.5, 31.2})}
	if err := gpkg.WriteFile(path, nil, gpkg.Layer{Name: "a", SRSID: 4326, Features: pt}, gpkg.Layer{Name: "b", SRSID: 4326, Features: pt}); err != nil {
		t.Fatal(err)
	}
	if _, err := load.ReadLayer(path, nil); err == nil {
		t.Error("a GeoPackage of two layers read without a layer name")
	}
	if _, err := load.ReadLayer(path+"#c", nil); !errors.Is(err, gpkg.ErrNoLayer) {
		t.Errorf("missing layer: %v", err)
	}
	if l, err := load.ReadLayer(path+"#b", nil); err != nil || l.Layer != "b" || len(l.Features) != 1 {
		t.Errorf("layer b: %v", err)
	}
	// srs_id -1 is the undefined Cartesian system: not WGS84 unless the caller says so.
	cart := filepath.Join(dir, "cartesian.gpkg")
	if err := gpkg.WriteFile(cart, nil, gpkg.Layer{Name: "plan", SRSID: -1, Features: pt}); err != nil {
		t.Fatal(err)
	}
	if _, err := load.ReadLayer(cart, nil); !errors.Is(err, geo.ErrUnknownCRS) || !strings.Contains(err.Error(), cart) || !strings.Contains(err.Error(), "layer plan") {
		t.Errorf("srs_id -1 read without a CRS: %v", err)
	}
	if l, err := load.ReadLayer(cart, &load.ReadOptions{CRS: geo.WGS84}); err != nil || l.CRSFrom != load.FromOption || len(l.Features) != 1 {
		t.Errorf("srs_id -1 with the caller's CRS: %v", err)
	}
	if _, _, err := load.District(context.Background(), load.Options{}); err == nil {
		t.Error("no compounds file accepted")
	}
}
