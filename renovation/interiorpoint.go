package renovation

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// interiorPoint returns a point inside the polygon made of rings (planar; exteriors and holes
// in any order, taken by the even-odd rule): its centroid when that lies inside, as it does for
// the convex and nearly convex footprints most buildings have; otherwise the middle of the
// widest stretch inside along the horizontal line through the centroid (an L- or U-shaped
// building). It stands for a building in point tests, as ST_PointOnSurface does in PostGIS.
// Empty or degenerate rings give their first vertex, or the zero point.
func interiorPoint(rings [][]orb.Point) orb.Point {
	var a, cx, cy float64
	var origin orb.Point
	found := false
	for _, r := range rings {
		if len(r) > 0 && !found {
			origin, found = r[0], true
		}
		for i := 0; i+1 < len(r); i++ {
			p := orb.Point{r[i][0] - origin[0], r[i][1] - origin[1]}
			q := orb.Point{r[i+1][0] - origin[0], r[i+1][1] - origin[1]}
			cr := p[0]*q[1] - q[0]*p[1]
			a += cr
			cx += (p[0] + q[0]) * cr
			cy += (p[1] + q[1]) * cr
		}
	}
	if !found {
		return orb.Point{}
	}
	if a == 0 {
		return origin
	}
	c := orb.Point{origin[0] + cx/(3*a), origin[1] + cy/(3*a)}
	if evenOddInside(rings, c) {
		return c
	}
	if p, ok := scanlinePoint(rings, c[1]); ok {
		return p
	}
	var b orb.Bound
	for k, r := range rings {
		rb := orb.MultiPoint(r).Bound()
		if k == 0 {
			b = rb
		} else {
			b = b.Union(rb)
		}
	}
	if p, ok := scanlinePoint(rings, (b.Min[1]+b.Max[1])/2); ok {
		return p
	}
	return origin
}

// evenOddInside reports whether p is inside the rings by the even-odd rule.
func evenOddInside(rings [][]orb.Point, p orb.Point) bool {
	in := false
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] > p[1]) != (b[1] > p[1]) {
				x := a[0] + (p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
				if p[0] < x {
					in = !in
				}
			}
		}
	}
	return in
}

// scanlinePoint returns the middle of the widest interval inside the rings along the
// horizontal line at y.
func scanlinePoint(rings [][]orb.Point, y float64) (orb.Point, bool) {
	var xs []float64
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] > y) != (b[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	best, bestW := orb.Point{}, -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bestW && !math.IsNaN(w) {
			best, bestW = orb.Point{(xs[i] + xs[i+1]) / 2, y}, w
		}
	}
	return best, bestW > 0
}
