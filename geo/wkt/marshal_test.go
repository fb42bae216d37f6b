package wkt

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// Variables, not constants: Go folds 0.1 + 0.2 exactly at compile time.
var point1, point2 = 0.1, 0.2

func TestMarshal(t *testing.T) {
	tests := []struct {
		g    orb.Geometry
		want string
	}{
		{orb.Point{116.39, 39.9}, "POINT (116.39 39.9)"},
		{orb.Point{point1 + point2, math.Copysign(0, -1)}, "POINT (0.30000000000000004 -0)"},
		{orb.Point{1e21, 1e-7}, "POINT (1e+21 1e-7)"},
		{orb.Point{123456789012.5, 0.000001}, "POINT (123456789012.5 0.000001)"},
		{orb.LineString{{1, 2}, {3, 4}}, "LINESTRING (1 2, 3 4)"},
		{orb.LineString{}, "LINESTRING EMPTY"},
		{orb.Polygon{tri}, "POLYGON ((0 0, 1 0, 1 1, 0 0))"},
		{orb.Polygon{}, "POLYGON EMPTY"},
		{orb.Polygon{{}}, "POLYGON (EMPTY)"},
		{tri, "POLYGON ((0 0, 1 0, 1 1, 0 0))"},
		{orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 1}}, "POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))"},
		{orb.MultiPoint{{1, 2}, {3, 4}}, "MULTIPOINT ((1 2), (3 4))"},
		{orb.MultiPoint{}, "MULTIPOINT EMPTY"},
		{orb.MultiLineString{{{1, 2}, {3, 4}}, {}}, "MULTILINESTRING ((1 2, 3 4), EMPTY)"},
		{orb.MultiPolygon{{tri}, {}}, "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), EMPTY)"},
		{orb.Collection{orb.Point{1, 2}, orb.Collection{}}, "GEOMETRYCOLLECTION (POINT (1 2), GEOMETRYCOLLECTION EMPTY)"},
		{orb.Collection{}, "GEOMETRYCOLLECTION EMPTY"},
	}
	for _, tc := range tests {
		got, err := Marshal(tc.g)
		if err != nil {
			t.Errorf("Marshal(%v): %v", tc.g, err)
			continue
		}
		if got != tc.want {
			t.Errorf("Marshal(%#v) = %q, want %q", tc.g, got, tc.want)
		}
	}
	got, err := MarshalEWKT(orb.Point{1, 2}, 4490)
	if want := "SRID=4490;POINT (1 2)"; got != want || err != nil {
		t.Errorf("MarshalEWKT = %q, %v; want %q", got, err, want)
	}
}

func TestMarshalErrors(t *testing.T) {
	for _, g := range []orb.Geometry{nil, orb.Point{math.NaN(), 0}, orb.LineString{{0, 0}, {math.Inf(1), 0}},
		orb.Collection{orb.Polygon{{{0, 0}, {0, math.Inf(-1)}}}}, orb.Collection{nil}} {
		if s, err := Marshal(g); !errors.Is(err, ErrInvalid) {
			t.Errorf("Marshal(%v) = %q, %v; want ErrInvalid", g, s, err)
		}
	}
	if _, err := MarshalEWKT(orb.Point{}, -1); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative SRID: error %v, want ErrInvalid", err)
	}
}

func randomGeometry(rng *rand.Rand, depth int) orb.Geometry {
	num := func() float64 {
		switch rng.IntN(4) {
		case 0:
			return math.Float64frombits(rng.Uint64() &^ (0x7ff << 52)) // tiny or subnormal
		case 1:
			return float64(rng.IntN(1000) - 500)
		}
		return rng.NormFloat64() * 1e3
	}
	pts := func(n int) []orb.Point {
		ps := make([]orb.Point, n)
		for i := range ps {
			ps[i] = orb.Point{num(), num()}
		}
		return ps
	}
	poly := func() orb.Polygon {
		p := make(orb.Polygon, rng.IntN(3))
		for i := range p {
			p[i] = pts(rng.IntN(5))
		}
		return p
	}
	kinds := 6
	if depth > 0 {
		kinds = 7
	}
	switch rng.IntN(kinds) {
	case 0:
		return orb.Point{num(), num()}
	case 1:
		return orb.LineString(pts(rng.IntN(4)))
	case 2:
		return poly()
	case 3:
		return orb.MultiPoint(pts(rng.IntN(4)))
	case 4:
		m := make(orb.MultiLineString, rng.IntN(3))
		for i := range m {
			m[i] = pts(rng.IntN(4))
		}
		return m
	case 5:
		m := make(orb.MultiPolygon, rng.IntN(3))
		for i := range m {
			m[i] = poly()
		}
		return m
	}
	c := make(orb.Collection, rng.IntN(4))
	for i := range c {
		c[i] = randomGeometry(rng, depth-1)
	}
	return c
}

// Property: Unmarshal(Marshal(g)) == g exactly, float64 bits included.
func TestRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		g := randomGeometry(rng, 3)
		s, err := MarshalEWKT(g, i%5000)
		if err != nil {
			t.Fatal(err)
		}
		back, srid, err := Unmarshal(s)
		if err != nil {
			t.Fatalf("case %d %q: %v", i, s, err)
		}
		if diff := cmp.Diff(normalizeEmpty(g), back); diff != "" || srid != i%5000 {
			t.Fatalf("case %d %q: srid %d; (-want +got):\n%s", i, s, srid, diff)
		}
	}
}

// normalizeEmpty maps nil slices to empty ones, as the reader returns, so that cmp compares
// values.
func normalizeEmpty(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.LineString:
		if g == nil {
			return orb.LineString{}
		}
	case orb.MultiPoint:
		if len(g) == 0 {
			return orb.MultiPoint{}
		}
	case orb.Polygon:
		if len(g) == 0 {
			return orb.Polygon{}
		}
		p := make(orb.Polygon, len(g))
		for i, r := range g {
			p[i] = orb.Ring(normalizeEmpty(orb.LineString(r)).(orb.LineString))
		}
		return p
	case orb.MultiLineString:
		if len(g) == 0 {
			return orb.MultiLineString{}
		}
		m := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			m[i] = normalizeEmpty(ls).(orb.LineString)
		}
		return m
	case orb.MultiPolygon:
		if len(g) == 0 {
			return orb.MultiPolygon{}
		}
		m := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			m[i] = normalizeEmpty(p).(orb.Polygon)
		}
		return m
	case orb.Collection:
		c := orb.Collection{}
		for _, m := range g {
			c = append(c, normalizeEmpty(m))
		}
		return c
	}
	return g
}
