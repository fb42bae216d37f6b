package gogeom

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
)

var (
	square = orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	hole   = orb.Ring{{0.2, 0.2}, {0.2, 0.8}, {0.8, 0.8}, {0.2, 0.2}}
)

// shape is what we compare of a go-geom value: its type, layout, SRID, flat coordinates and
// ends, and for collections its members.
type shape struct {
	Type    string
	Layout  geom.Layout
	SRID    int
	Flat    []float64
	Ends    []int
	Endss   [][]int
	Members []shape
}

func shapeOf(t geom.T) shape {
	if gc, ok := t.(*geom.GeometryCollection); ok {
		// go-geom panics on FlatCoords of a collection, and derives its layout from members.
		s := shape{Type: fmt.Sprintf("%T", t), SRID: t.SRID()}
		for _, m := range gc.Geoms() {
			s.Members = append(s.Members, shapeOf(m))
		}
		return s
	}
	return shape{Type: fmt.Sprintf("%T", t), Layout: t.Layout(), SRID: t.SRID(), Flat: t.FlatCoords(), Ends: t.Ends(), Endss: t.Endss()}
}

func TestToGeom(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		srid int
		want shape
	}{
		{"point", orb.Point{116.39, 39.9}, 4490, shape{Type: "*geom.Point", Layout: geom.XY, SRID: 4490, Flat: []float64{116.39, 39.9}}},
		{"multipoint", orb.MultiPoint{{1, 2}, {3, 4}}, 4326, shape{Type: "*geom.MultiPoint", Layout: geom.XY, SRID: 4326, Flat: []float64{1, 2, 3, 4}, Ends: []int{2, 4}}},
		{"empty multipoint", orb.MultiPoint{}, 0, shape{Type: "*geom.MultiPoint", Layout: geom.XY, Flat: []float64{}}},
		{"line string", orb.LineString{{1, 2}, {3, 4}}, 0, shape{Type: "*geom.LineString", Layout: geom.XY, Flat: []float64{1, 2, 3, 4}}},
		{"multilinestring", orb.MultiLineString{{{1, 2}, {3, 4}}, {}, {{5, 6}, {7, 8}}}, 0,
			shape{Type: "*geom.MultiLineString", Layout: geom.XY, Flat: []float64{1, 2, 3, 4, 5, 6, 7, 8}, Ends: []int{4, 4, 8}}},
		{"ring", orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, 0, shape{Type: "*geom.LinearRing", Layout: geom.XY, Flat: []float64{0, 0, 1, 0, 1, 1, 0, 0}}},
		{"polygon with hole", orb.Polygon{square[0], hole}, 4490, shape{Type: "*geom.Polygon", Layout: geom.XY, SRID: 4490,
			Flat: []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0.2, 0.2, 0.2, 0.8, 0.8, 0.8, 0.2, 0.2}, Ends: []int{10, 18}}},
		{"empty polygon", orb.Polygon{}, 0, shape{Type: "*geom.Polygon", Layout: geom.XY, Ends: []int{}}},
		{"bound", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, 0, shape{Type: "*geom.Polygon", Layout: geom.XY,
			Flat: []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}, Ends: []int{10}}},
		{"multipolygon", orb.MultiPolygon{square, {}, {hole}}, 0, shape{Type: "*geom.MultiPolygon", Layout: geom.XY,
			Flat: []float64{0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0.2, 0.2, 0.2, 0.8, 0.8, 0.8, 0.2, 0.2}, Endss: [][]int{{10}, {}, {18}}}},
		{"collection", orb.Collection{orb.Point{1, 2}, orb.Collection{}}, 4490, shape{Type: "*geom.GeometryCollection", SRID: 4490,
			Members: []shape{{Type: "*geom.Point", Layout: geom.XY, Flat: []float64{1, 2}}, {Type: "*geom.GeometryCollection"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ToGeom(tc.g, tc.srid)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, shapeOf(got), cmp.Comparer(func(a, b []float64) bool {
				return len(a) == len(b) && (len(a) == 0 || cmp.Equal(a, b))
			})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			back, err := FromGeom(got)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.g
			if b, ok := want.(orb.Bound); ok {
				want = b.ToPolygon()
			}
			if diff := cmp.Diff(want, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFromGeom(t *testing.T) {
	mpEmpty := geom.NewMultiPointFlat(geom.XY, []float64{1, 2}, geom.NewMultiPointFlatOptionWithEnds([]int{2, 2}))
	tests := []struct {
		name   string
		g      geom.T
		want   orb.Geometry // for FromGeom2D
		strict error        // FromGeom's error, nil if it succeeds with want
		lax    error        // FromGeom2D's error
	}{
		{"point xy", geom.NewPointFlat(geom.XY, []float64{1, 2}), orb.Point{1, 2}, nil, nil},
		{"point xyz", geom.NewPointFlat(geom.XYZ, []float64{1, 2, 3}), orb.Point{1, 2}, ErrZM, nil},
		{"line xym", geom.NewLineStringFlat(geom.XYM, []float64{1, 2, 3, 4, 5, 6}), orb.LineString{{1, 2}, {4, 5}}, ErrZM, nil},
		{"polygon xyzm", geom.NewPolygonFlat(geom.XYZM, []float64{0, 0, 9, 9, 1, 0, 9, 9, 1, 1, 9, 9, 0, 0, 9, 9}, []int{16}),
			orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, ErrZM, nil},
		{"multipolygon xyz", geom.NewMultiPolygonFlat(geom.XYZ, []float64{0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1}, [][]int{{}, {12}}),
			orb.MultiPolygon{{}, {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}, ErrZM, nil},
		{"collection with xyz member", geom.NewGeometryCollection().MustPush(geom.NewPointFlat(geom.XYZ, []float64{1, 2, 3})),
			orb.Collection{orb.Point{1, 2}}, ErrZM, nil},
		{"empty point", geom.NewPointEmpty(geom.XY), nil, ErrEmptyPoint, ErrEmptyPoint},
		{"multipoint with empty member", mpEmpty, nil, ErrEmptyPoint, ErrEmptyPoint},
		{"nil", nil, nil, ErrUnsupported, ErrUnsupported},
		{"typed nil", (*geom.Polygon)(nil), nil, ErrUnsupported, ErrUnsupported},
		{"ends beyond coordinates", geom.NewPolygonFlat(geom.XY, []float64{0, 0, 1, 1}, []int{6}), nil, ErrInvalid, ErrInvalid},
		{"coordinates not a multiple of stride", geom.NewLineStringFlat(geom.XY, []float64{0, 0, 1}), nil, ErrInvalid, ErrInvalid},
		{"point with 4 values", geom.NewPointFlat(geom.XY, []float64{0, 0, 1, 1}), nil, ErrInvalid, ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FromGeom(tc.g)
			if !errors.Is(err, tc.strict) {
				t.Errorf("FromGeom error %v, want %v", err, tc.strict)
			}
			if tc.strict == nil {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("FromGeom (-want +got):\n%s", diff)
				}
			}
			got, err = FromGeom2D(tc.g)
			if !errors.Is(err, tc.lax) {
				t.Errorf("FromGeom2D error %v, want %v", err, tc.lax)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("FromGeom2D (-want +got):\n%s", diff)
			}
		})
	}
}

func TestToGeomErrors(t *testing.T) {
	for _, g := range []orb.Geometry{nil, orb.Collection{orb.Point{}, nil}} {
		if _, err := ToGeom(g, 0); !errors.Is(err, ErrUnsupported) {
			t.Errorf("ToGeom(%v): error %v, want ErrUnsupported", g, err)
		}
	}
	deep := orb.Collection{}
	for range 100 {
		deep = orb.Collection{deep}
	}
	if _, err := ToGeom(deep, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("deep collection: error %v, want ErrInvalid", err)
	}
}

// A collection that contains itself must give an error, not overflow the stack.
func TestFromGeomCycle(t *testing.T) {
	gc := geom.NewGeometryCollection()
	gc.MustPush(gc)
	if _, err := FromGeom(gc); !errors.Is(err, ErrInvalid) {
		t.Errorf("error %v, want ErrInvalid", err)
	}
}
