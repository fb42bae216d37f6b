package geo

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// orientByRat is the orientation determinant in exact rational arithmetic, the reference.
func ovOrientByRat(a, b, c orb.Point) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	bx, by := r(b[0]), r(b[1])
	bx.Sub(bx, r(a[0]))
	by.Sub(by, r(a[1]))
	cx, cy := r(c[0]), r(c[1])
	cx.Sub(cx, r(a[0]))
	cy.Sub(cy, r(a[1]))
	return new(big.Rat).Mul(bx, cy).Cmp(new(big.Rat).Mul(by, cx))
}

func TestSegOrientExact(t *testing.T) {
	tests := []struct {
		name    string
		a, b, c orb.Point
		want    int
	}{
		{"left", orb.Point{0, 0}, orb.Point{1, 0}, orb.Point{0, 1}, 1},
		{"right", orb.Point{0, 0}, orb.Point{1, 0}, orb.Point{0, -1}, -1},
		{"collinear", orb.Point{0, 0}, orb.Point{1, 1}, orb.Point{3, 3}, 0},
		// Nearly collinear in lon/lat: the naive determinant rounds to the wrong sign or zero.
		{"near collinear", orb.Point{121.5, 31.2}, orb.Point{121.6, 31.3}, orb.Point{121.7, 31.4 + 1e-14}, ovOrientByRat(orb.Point{121.5, 31.2}, orb.Point{121.6, 31.3}, orb.Point{121.7, 31.4 + 1e-14})},
		{"huge", orb.Point{-1e300, -1e300}, orb.Point{1e300, 1e300}, orb.Point{1e300, -1e300}, -1},
		{"tiny", orb.Point{0, 0}, orb.Point{1e-300, 1e-300}, orb.Point{1e-300, 0}, -1},
		{"NaN", orb.Point{math.NaN(), 0}, orb.Point{1, 0}, orb.Point{0, 1}, segOrient(orb.Point{math.NaN(), 0}, orb.Point{1, 0}, orb.Point{0, 1})},
	}
	for _, tc := range tests {
		if got := segOrient(tc.a, tc.b, tc.c); got != tc.want {
			t.Errorf("%s: segOrient = %d, want %d", tc.name, got, tc.want)
		}
	}
	// Points on a line through lon/lat-sized coordinates, nudged by an ulp: the float filter
	// must hand these to the exact path and agree with rational arithmetic.
	rng := rand.New(rand.NewPCG(5, 6))
	for range 10000 {
		a := orb.Point{121 + rng.Float64(), 31 + rng.Float64()}
		b := orb.Point{121 + rng.Float64(), 31 + rng.Float64()}
		s := rng.Float64() * 3
		c := orb.Point{a[0] + s*(b[0]-a[0]), a[1] + s*(b[1]-a[1])}
		switch rng.IntN(3) {
		case 0:
			c[0] = math.Nextafter(c[0], math.Inf(1))
		case 1:
			c[1] = math.Nextafter(c[1], math.Inf(-1))
		}
		if got, want := segOrient(a, b, c), ovOrientByRat(a, b, c); got != want {
			t.Fatalf("segOrient(%v, %v, %v) = %d, want %d", a, b, c, got, want)
		}
	}
}

func TestSegOrientExpansionMatchesRational(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range 10000 {
		// Exactly collinear triples through symmetric points (the case the float filter can
		// never decide), nudged by a few ulps, at several scales.
		scale := math.Pow(10, float64(rng.IntN(12)-4))
		c := orb.Point{(rng.Float64() - 0.5) * scale, (rng.Float64() - 0.5) * scale}
		v := orb.Point{(rng.Float64() - 0.5) * scale, (rng.Float64() - 0.5) * scale}
		a, b := orb.Point{c[0] + v[0], c[1] + v[1]}, orb.Point{c[0] - v[0], c[1] - v[1]}
		q := c
		for range rng.IntN(3) {
			k := rng.IntN(2)
			q[k] = math.Nextafter(q[k], math.Inf(2*rng.IntN(2)-1))
		}
		pts := [3]orb.Point{a, b, q}
		rng.Shuffle(3, func(i, j int) { pts[i], pts[j] = pts[j], pts[i] })
		got, ok := segOrientExpansion(pts[0], pts[1], pts[2])
		if want := ovOrientByRat(pts[0], pts[1], pts[2]); ok && got != want {
			t.Fatalf("case %d: expansion %d, rational %d for %v", i, got, want, pts)
		}
		if !ok && scale > 1e-3 && scale < 1e6 {
			t.Fatalf("case %d: expansion refused ordinary magnitudes %v", i, pts)
		}
	}
}

func TestSegRelate(t *testing.T) {
	pt := func(x, y float64) orb.Point { return orb.Point{x, y} }
	tests := []struct {
		name           string
		p1, p2, q1, q2 orb.Point
		want           segRelation
		at             orb.Point
	}{
		{"cross", pt(0, 0), pt(2, 2), pt(0, 2), pt(2, 0), segCross, pt(1, 1)},
		{"disjoint", pt(0, 0), pt(1, 0), pt(0, 1), pt(1, 1), segDisjoint, orb.Point{}},
		{"touch at end", pt(0, 0), pt(2, 0), pt(1, 0), pt(1, 5), segTouch, pt(1, 0)},
		{"share end", pt(0, 0), pt(2, 0), pt(2, 0), pt(3, 5), segTouch, pt(2, 0)},
		{"collinear overlap", pt(0, 0), pt(4, 0), pt(2, 0), pt(6, 0), segOverlap, pt(2, 0)},
		{"collinear touch", pt(0, 0), pt(2, 0), pt(2, 0), pt(6, 0), segTouch, pt(2, 0)},
		{"collinear apart", pt(0, 0), pt(2, 0), pt(3, 0), pt(6, 0), segDisjoint, orb.Point{}},
		{"line beyond end", pt(0, 0), pt(2, 0), pt(3, 0), pt(3, 1), segDisjoint, orb.Point{}},
		{"point on segment", pt(0, 0), pt(2, 2), pt(1, 1), pt(1, 1), segTouch, pt(1, 1)},
		{"point off segment", pt(0, 0), pt(2, 2), pt(1, 0), pt(1, 0), segDisjoint, orb.Point{}},
		{"two equal points", pt(1, 1), pt(1, 1), pt(1, 1), pt(1, 1), segTouch, pt(1, 1)},
	}
	for _, tc := range tests {
		got, at := segRelate(tc.p1, tc.p2, tc.q1, tc.q2)
		if got != tc.want || at != tc.at {
			t.Errorf("%s: segRelate = %v at %v, want %v at %v", tc.name, got, at, tc.want, tc.at)
		}
		if meet := segsMeet(tc.p1, tc.p2, tc.q1, tc.q2); meet != (tc.want != segDisjoint) {
			t.Errorf("%s: segsMeet = %v", tc.name, meet)
		}
	}
	// segsMeet agrees with segRelate on a coarse grid, where degenerate cases abound.
	rng := rand.New(rand.NewPCG(7, 8))
	g := func() orb.Point { return orb.Point{float64(rng.IntN(5)), float64(rng.IntN(5))} }
	for range 20000 {
		p1, p2, q1, q2 := g(), g(), g(), g()
		rel, _ := segRelate(p1, p2, q1, q2)
		if segsMeet(p1, p2, q1, q2) != (rel != segDisjoint) {
			t.Fatalf("segsMeet(%v, %v, %v, %v) disagrees with segRelate = %v", p1, p2, q1, q2, rel)
		}
	}
}

func TestSegNearest(t *testing.T) {
	pt := func(x, y float64) orb.Point { return orb.Point{x, y} }
	_, _, d2 := segNearest(pt(0, 0), pt(10, 0), pt(5, 3), pt(5, 8))
	if d2 != 9 {
		t.Errorf("distance² = %v, want 9", d2)
	}
	a, b, d2 := segNearest(pt(0, 0), pt(10, 0), pt(12, 1), pt(12, 5))
	if d2 != 5 || a != pt(10, 0) || b != pt(12, 1) {
		t.Errorf("nearest = %v %v %v", a, b, d2)
	}
	if _, _, d2 := segNearest(pt(0, 0), pt(2, 2), pt(0, 2), pt(2, 0)); d2 != 0 {
		t.Errorf("crossing segments at distance² %v", d2)
	}
}
