package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
	"github.com/tidwall/geodesic"
)

func TestGeometryDistancePlanar(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.Geometry
		want float64
	}{
		{"point inside", orb.Point{50, 50}, ovCompoundWithSchool, 0},
		{"point on boundary", orb.Point{100, 50}, ovCompoundWithSchool, 0},
		{"point in the school", orb.Point{25, 30}, ovCompoundWithSchool, 5},
		{"point east", orb.Point{130, 50}, ovCompoundWithSchool, 30},
		{"point off a corner", orb.Point{103, 104}, ovCompoundWithSchool, 5},
		{"square apart", orb.Polygon{ovRect(110, 0, 120, 10)}, ovCompoundWithSchool, 10},
		{"overlapping", orb.Polygon{ovRect(90, 90, 120, 120)}, ovCompoundWithSchool, 0},
		{"containing", orb.Polygon{ovRect(-10, -10, 200, 200)}, ovCompoundWithSchool, 0},
		{"inside the school", orb.Polygon{ovRect(22, 22, 28, 48)}, ovCompoundWithSchool, 2},
		{"line", orb.LineString{{110, -50}, {110, 150}}, ovCompoundWithSchool, 10},
		{"multipoint", orb.MultiPoint{{130, 50}, {50, 120}}, ovCompoundWithSchool, 20},
		{"point to point", orb.Point{0, 0}, orb.Point{3, 4}, 5},
	}
	for _, tc := range tests {
		for _, order := range []bool{false, true} {
			a, b := tc.a, tc.b
			if order {
				a, b = b, a
			}
			got, err := GeometryDistancePlanar(a, b)
			if err != nil || math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("%s (swapped %v): %v, %v; want %v", tc.name, order, got, err, tc.want)
			}
		}
	}
	if d, err := PointGeometryDistancePlanar(orb.Point{130, 50}, ovCompoundWithSchool); err != nil || d != 30 {
		t.Errorf("PointGeometryDistancePlanar = %v, %v", d, err)
	}
}

func TestGeometryDistanceMatchesSimplefeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for trial := range 500 {
		a := ovRandomStar(rng, orb.Point{rng.Float64() * 300, rng.Float64() * 300}, 20+rng.Float64()*80, 3+rng.IntN(40))
		var b orb.Geometry = ovRandomFootprint(rng, orb.Point{rng.Float64() * 300, rng.Float64() * 300})
		if trial%3 == 0 {
			b = orb.Point{rng.Float64() * 300, rng.Float64() * 300}
		}
		got, err := GeometryDistancePlanar(a, b)
		if err != nil {
			t.Fatal(err)
		}
		want, ok := geom.Distance(ovSF(a), ovSF(b))
		if !ok || math.Abs(got-want) > 1e-9 {
			t.Fatalf("trial %d: distance %v, simplefeatures %v", trial, got, want)
		}
	}
}

func TestGeometryDistanceLonLat(t *testing.T) {
	// Point to point is the geodesic distance itself.
	p, q := orb.Point{121.5, 31.2}, orb.Point{121.53, 31.22}
	var want float64
	geodesic.WGS84.Inverse(p[1], p[0], q[1], q[0], &want, nil, nil)
	if got, err := GeometryDistance(p, q); err != nil || got != want {
		t.Errorf("point to point: %v, %v; want %v", got, err, want)
	}
	// A point 30 m east of a compound placed through a LocalTM: the planar answer in that
	// frame and the geodesic one agree to (D/R)².
	c := orb.Point{121.5, 31.2}
	tm := LocalTM(c)
	compound := ovToLonLat(ovCompoundWithSchool, c)
	for _, tc := range []struct {
		xy   orb.Point
		want float64
	}{{orb.Point{130, 50}, 30}, {orb.Point{2100, 50}, 2000}, {orb.Point{50, 5100}, 5000}, {orb.Point{25, 30}, 5}, {orb.Point{60, 60}, 0}} {
		got, err := PointGeometryDistance(tm.Inverse(tc.xy), compound)
		if err != nil {
			t.Fatal(err)
		}
		// 0.1 µm absolute covers the projection series (5 nm) and the two frames' edge lines.
		tol := tc.want*math.Pow(tc.want/6371e3, 2)*4 + 1e-7
		if math.Abs(got-tc.want) > tol {
			t.Errorf("point at %v m: %v m, want %v within %v", tc.xy, got, tc.want, tol)
		}
	}
	// Distance is symmetric and 0 for intersecting geometries.
	a := ovToLonLat(orb.Polygon{ovRect(0, 0, 10, 10)}, c)
	b := ovToLonLat(orb.Polygon{ovRect(40, 0, 50, 10)}, c)
	d1, err1 := GeometryDistance(a, b)
	d2, err2 := GeometryDistance(b, a)
	if errors.Join(err1, err2) != nil || math.Abs(d1-30) > 1e-6 || math.Abs(d1-d2) > 1e-9 {
		t.Errorf("squares 30 m apart: %v, %v (%v %v)", d1, d2, err1, err2)
	}
	if _, err := GeometryDistance(orb.Point{0, 100}, a); !errors.Is(err, ErrLonLatRange) {
		t.Errorf("latitude 100: %v", err)
	}
	if _, err := GeometryDistance(nil, a); !errors.Is(err, ErrEmpty) {
		t.Errorf("nil: %v", err)
	}
}
