package geo

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// ovHostile is input that must give errors or empty answers, never a panic.
var ovHostile = []orb.Geometry{
	nil,
	orb.Polygon(nil),
	orb.Polygon{},
	orb.Polygon{{}},
	orb.Polygon{{{1, 1}}},
	orb.Polygon{{{1, 1}, {2, 2}}},
	orb.Polygon{{{1, 1}, {2, 2}, {1, 1}}},
	orb.Polygon{{{1, 1}, {2, 2}, {3, 1}}},
	orb.Polygon{{{0, 0}, {1e300, 0}, {1e300, 1e300}, {0, 0}}},
	orb.Polygon{{{-1e308, -1e308}, {1e308, -1e308}, {1e308, 1e308}, {-1e308, -1e308}}},
	orb.Polygon{{{0, 0}, {5e-324, 0}, {5e-324, 5e-324}, {0, 0}}},
	orb.Polygon{{{math.NaN(), 0}, {1, 0}, {1, 1}, {math.NaN(), 0}}},
	orb.Polygon{{{math.Inf(-1), 0}, {1, 0}, {1, 1}, {math.Inf(-1), 0}}},
	orb.MultiPolygon{},
	orb.MultiPolygon{{}},
	orb.MultiPolygon{nil, {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
	orb.Ring{},
	orb.Ring{{0, 0}},
	orb.Bound{},
	orb.Bound{Min: orb.Point{math.NaN(), 0}, Max: orb.Point{1, 1}},
	orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{0, 0}},
	orb.Point{math.NaN(), math.NaN()},
	orb.Point{1e300, 1e300},
	orb.MultiPoint{},
	orb.LineString{},
	orb.LineString{{0, 0}},
	orb.MultiLineString{{}},
	orb.Collection{orb.Point{0, 0}},
	orb.Collection{},
}

func TestNoPanicOnHostileInput(t *testing.T) {
	good := orb.Polygon{ovRect(0, 0, 10, 10)}
	goodLL := orb.Polygon{ovSquare}
	prepared, err := PreparePlanar(good)
	if err != nil {
		t.Fatal(err)
	}
	preparedLL, err := Prepare(goodLL)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range ovHostile {
		t.Run(fmt.Sprintf("%d_%T", i, g), func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panic on %#v: %v", g, r)
				}
			}()
			Validate("x", g, nil)
			ValidatePlanar("x", g, nil)
			Repair("x", g, nil)
			RepairPlanar("x", g, nil)
			for _, other := range []orb.Geometry{good, goodLL, g} {
				Intersection(g, other)
				IntersectionArea(other, g)
				IntersectionPlanar(g, other)
				UnionPlanar(other, g)
				DifferencePlanar(g, other)
				Difference(other, g)
				UnionMany([]orb.Geometry{g, other})
				GeometryDistance(g, other)
				GeometryDistancePlanar(other, g)
				JoinPlanar(context.Background(), []orb.Geometry{g}, []orb.Geometry{other}, 1)
				Join(context.Background(), []orb.Geometry{other}, []orb.Geometry{g}, 0)
			}
			Buffer(g, 10, nil)
			BufferPlanar(g, -1, &BufferOptions{QuadrantSegments: 1 << 30})
			Prepare(g)
			PreparePlanar(g)
			for _, pp := range []*Prepared{prepared, preparedLL} {
				pp.Intersects(g)
				pp.ContainsProperly(g)
				pp.IntersectionArea(g)
				pp.Intersection(g)
				pp.DistanceTo(g)
				if pt, ok := g.(orb.Point); ok {
					pp.LocatePoint(pt)
				}
			}
			if g == nil {
				return
			}
			var ix Index[int]
			ix.Insert(g.Bound(), 1)
			ix.Search(g.Bound(), func(orb.Bound, int) bool { return true })
			if pt, ok := g.(orb.Point); ok {
				ix.Nearest(pt, 3)
				ix.NearestGeodesic(pt, 3)
			}
		})
	}
}

func TestHostileInputIsReported(t *testing.T) {
	for i, g := range ovHostile {
		if _, ok := g.(orb.Bound); ok {
			continue // a Bound is a rectangle: only the degenerate ones fail, and they do below
		}
		if err := Validate("x", g, nil); err == nil {
			t.Errorf("%d: Validate(%#v) accepted it", i, g)
		}
		if _, err := IntersectionPlanar(g, orb.Polygon{ovRect(0, 0, 10, 10)}); err == nil {
			if i != 10 { // the tiny triangle is a valid polygon
				t.Errorf("%d: IntersectionPlanar(%#v) accepted it", i, g)
			}
		}
	}
	for _, b := range []orb.Bound{{}, {Min: orb.Point{math.NaN(), 0}, Max: orb.Point{1, 1}}, {Min: orb.Point{1, 1}, Max: orb.Point{0, 0}}} {
		if err := ValidatePlanar("x", b, nil); err == nil {
			t.Errorf("ValidatePlanar(%v) accepted it", b)
		}
	}
}
