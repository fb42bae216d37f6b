package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestMinimumRectangle(t *testing.T) {
	// A 60 × 12 m slab turned 30° counter-clockwise, with a recess and a point inside.
	c, s := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	rot := func(x, y float64) orb.Point { return orb.Point{100 + x*c - y*s, 50 + x*s + y*c} }
	pts := []orb.Point{rot(-30, -6), rot(30, -6), rot(30, 6), rot(5, 6), rot(5, 4), rot(-5, 4), rot(-5, 6), rot(-30, 6), rot(0, 0)}
	r, ok := MinimumRectangle(pts)
	if !ok {
		t.Fatal("not ok")
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(r.Length, 60) || !near(r.Width, 12) || !near(r.Centre[0], 100) || !near(r.Centre[1], 50) ||
		!near(r.Axis[0], c) || !near(r.Axis[1], s) {
		t.Errorf("got %+v", r)
	}
	if p := r.At(30, 6); !near(p[0], rot(30, 6)[0]) || !near(p[1], rot(30, 6)[1]) {
		t.Errorf("At(30, 6) = %v, want %v", p, rot(30, 6))
	}
	// North–south slab: the axis points north.
	r, _ = MinimumRectangle([]orb.Point{{0, 0}, {10, 0}, {10, 50}, {0, 50}})
	if !near(r.Axis[0], 0) || !near(r.Axis[1], 1) || !near(r.Length, 50) {
		t.Errorf("north–south slab: %+v", r)
	}
	if _, ok := MinimumRectangle([]orb.Point{{0, 0}, {1, 1}, {2, 2}}); ok {
		t.Error("collinear points gave a rectangle")
	}
	if _, ok := MinimumRectangle(nil); ok {
		t.Error("no points gave a rectangle")
	}
}
