package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Area of a polygon inside a convex polygon by Sutherland–Hodgman clipping, and inside any
// simple polygon by cutting that one into triangles first. Clipping a closed
// ring against the half-planes of a convex polygon keeps the signed area of the part of the
// ring's region inside it (the clipped ring may run back along itself where the region leaves
// and re-enters, which adds no area), so the area of a polygon with holes inside a convex
// footprint is Σ|clipped shells| − Σ|clipped holes|: exact up to rounding, in O(n·k) and
// without the overlay engine. Prepared.IntersectionArea uses it for the common case of a
// convex building footprint crossing a compound boundary.

// convexRingOfOverlay reports whether the closed ring r (without consecutive repeats) is a
// convex polygon, and whether it is counter-clockwise. Collinear vertices are allowed; a ring
// that turns back on itself or winds more than once is not convex.
func convexRingOfOverlay(r []orb.Point) (convex, ccw bool) {
	n := len(r) - 1
	if n < 3 || r[0] != r[n] {
		return false, false
	}
	turn := 0
	xFlips := 0
	lastDX := 0
	for i := range n {
		a, b, c := r[(i+n-1)%n], r[i], r[(i+1)%n]
		if a == b || b == c {
			return false, false
		}
		o := segOrient(a, b, c)
		if o == 0 {
			// Collinear: fine if it goes on, not if it doubles back.
			if (b[0]-a[0])*(c[0]-b[0])+(b[1]-a[1])*(c[1]-b[1]) < 0 {
				return false, false
			}
			continue
		}
		if turn == 0 {
			turn = o
		} else if o != turn {
			return false, false
		}
		if dx := signOfSeg(c[0] - b[0]); dx != 0 {
			if lastDX != 0 && dx != lastDX {
				xFlips++
			}
			lastDX = dx
		}
	}
	// A convex polygon reverses its x direction exactly twice around the ring; a star that
	// turns one way but winds twice reverses more often.
	if turn == 0 || xFlips > 2 {
		return false, false
	}
	return true, turn > 0
}

// clipScratch holds the work buffers of convexClipArea and earTriangles.
type clipScratch struct {
	a, b []orb.Point
	idx  []int
}

// convexClipArea returns the area of the region of closed ring r inside the convex polygon c
// (closed, counter-clockwise), using s for work space.
func convexClipArea(r, c []orb.Point, s *clipScratch) float64 {
	in := append(s.a[:0], r[:len(r)-1]...)
	out := s.b[:0]
	for k := 0; k+1 < len(c) && len(in) > 0; k++ {
		c1, c2 := c[k], c[k+1]
		ex, ey := c2[0]-c1[0], c2[1]-c1[1]
		side := func(p orb.Point) float64 { return ex*(p[1]-c1[1]) - ey*(p[0]-c1[0]) }
		out = out[:0]
		prev := in[len(in)-1]
		sPrev := side(prev)
		for _, cur := range in {
			sCur := side(cur)
			if sCur >= 0 {
				if sPrev < 0 {
					out = append(out, cutOfClip(prev, cur, sPrev, sCur))
				}
				out = append(out, cur)
			} else if sPrev >= 0 {
				out = append(out, cutOfClip(prev, cur, sPrev, sCur))
			}
			prev, sPrev = cur, sCur
		}
		in, out = out, in
	}
	s.a, s.b = in, out
	return math.Abs(shoelaceOfOverlay(in))
}

// cutOfClip returns where segment pq crosses the clipping line, given the signed sides of p
// and q (of opposite signs).
func cutOfClip(p, q orb.Point, sp, sq float64) orb.Point {
	t := sp / (sp - sq)
	return orb.Point{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])}
}

// earTriangles cuts the simple closed ring r (no self-intersections, no consecutive repeats)
// into triangles by ear clipping and calls fn with each, counter-clockwise and closed. It
// returns false if it could not finish (which a simple ring never causes; the caller then
// falls back on the overlay engine). Collinear vertices are dropped without a triangle.
// O(n²) for n vertices, meant for footprints of a few dozen.
func earTriangles(r []orb.Point, idx []int, fn func(t *[4]orb.Point)) ([]int, bool) {
	n := len(r) - 1
	idx = idx[:0]
	if shoelaceOfOverlay(r) >= 0 {
		for i := range n {
			idx = append(idx, i)
		}
	} else {
		for i := n - 1; i >= 0; i-- {
			idx = append(idx, i)
		}
	}
	var tri [4]orb.Point
	for len(idx) > 3 {
		m := len(idx)
		cut := false
		for k := 0; k < m; k++ {
			a, b, c := r[idx[(k+m-1)%m]], r[idx[k]], r[idx[(k+1)%m]]
			o := segOrient(a, b, c)
			if o < 0 {
				continue // reflex
			}
			if o > 0 {
				// An ear only if no other vertex lies in or on the triangle.
				ear := true
				for _, j := range idx {
					q := r[j]
					if q == a || q == b || q == c {
						continue
					}
					if segOrient(a, b, q) >= 0 && segOrient(b, c, q) >= 0 && segOrient(c, a, q) >= 0 {
						ear = false
						break
					}
				}
				if !ear {
					continue
				}
				tri = [4]orb.Point{a, b, c, a}
				fn(&tri)
			}
			idx = append(idx[:k], idx[k+1:]...)
			cut = true
			break
		}
		if !cut {
			return idx, false
		}
	}
	if len(idx) == 3 {
		a, b, c := r[idx[0]], r[idx[1]], r[idx[2]]
		if segOrient(a, b, c) > 0 {
			tri = [4]orb.Point{a, b, c, a}
			fn(&tri)
		}
	}
	return idx, true
}
