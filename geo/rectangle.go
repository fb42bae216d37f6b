package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Rectangle is an oriented rectangle in planar metres: Centre, the unit vector Axis along
// its long side (pointing east, or north when the long side runs due north–south), Length
// along Axis and Width across it.
type Rectangle struct {
	Centre orb.Point
	Axis   orb.Point
	Length float64
	Width  float64
}

// At returns the point s metres along the axis and t metres to its left (counter-clockwise
// of Axis) from the centre.
func (r Rectangle) At(s, t float64) orb.Point {
	return orb.Point{r.Centre[0] + s*r.Axis[0] - t*r.Axis[1], r.Centre[1] + s*r.Axis[1] + t*r.Axis[0]}
}

// MinimumRectangle returns the smallest-area rectangle enclosing points (planar metres),
// which gives a building footprint's long axis. It tries each edge of the convex hull, as
// the minimum-area rectangle has a side on one (Freeman and Shapira, CACM 18(7), 1975); of
// equal areas the first hull edge counterclockwise from the lowest point wins. ok is false
// for fewer than three distinct points or points on a line.
func MinimumRectangle(points []orb.Point) (r Rectangle, ok bool) {
	h := convexHull(points)
	if len(h) < 3 {
		return Rectangle{}, false
	}
	best := math.Inf(1)
	for i := range h {
		p, q := h[i], h[(i+1)%len(h)]
		ux, uy := q[0]-p[0], q[1]-p[1]
		l := math.Hypot(ux, uy)
		if l == 0 {
			continue
		}
		ux, uy = ux/l, uy/l
		minS, maxS, minT, maxT := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, v := range h {
			dx, dy := v[0]-p[0], v[1]-p[1]
			s, t := dx*ux+dy*uy, -dx*uy+dy*ux
			minS, maxS = math.Min(minS, s), math.Max(maxS, s)
			minT, maxT = math.Min(minT, t), math.Max(maxT, t)
		}
		area := (maxS - minS) * (maxT - minT)
		if area >= best*(1-1e-12) {
			continue
		}
		best = area
		cs, ct := (minS+maxS)/2, (minT+maxT)/2
		centre := orb.Point{p[0] + cs*ux - ct*uy, p[1] + cs*uy + ct*ux}
		length, width := maxS-minS, maxT-minT
		ax := orb.Point{ux, uy}
		if width > length {
			length, width = width, length
			ax = orb.Point{-uy, ux}
		}
		if ax[0] < -1e-12 || (math.Abs(ax[0]) <= 1e-12 && ax[1] < 0) {
			ax = orb.Point{-ax[0], -ax[1]}
		}
		r = Rectangle{Centre: centre, Axis: ax, Length: length, Width: width}
	}
	return r, best > 0 && !math.IsInf(best, 1)
}

// convexHull returns the convex hull of points counter-clockwise from the lowest-leftmost,
// without collinear points (Andrew's monotone chain).
func convexHull(points []orb.Point) []orb.Point {
	ps := slices.Clone(points)
	slices.SortFunc(ps, func(a, b orb.Point) int {
		if a[0] != b[0] {
			if a[0] < b[0] {
				return -1
			}
			return 1
		}
		switch {
		case a[1] < b[1]:
			return -1
		case a[1] > b[1]:
			return 1
		}
		return 0
	})
	ps = slices.Compact(ps)
	if len(ps) < 3 {
		return ps
	}
	cross := func(o, a, b orb.Point) float64 { return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0]) }
	h := make([]orb.Point, 0, 2*len(ps))
	for _, p := range ps {
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(ps) - 2; i >= 0; i-- {
		p := ps[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1]
}
