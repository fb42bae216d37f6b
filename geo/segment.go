package geo

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
)

// Exact planar predicates on segments. Validation and the prepared predicates must not
// disagree with themselves on nearly collinear input, so the orientation test is exact: a fast
// floating-point evaluation with Shewchuk's error bound, and exact rational arithmetic in the
// rare cases the bound cannot decide (or the products overflow).

// segOrientErrBound is Shewchuk's ccwerrboundA, (3 + 16ε)ε with ε = 2⁻⁵³.
const segOrientErrBound = (3.0 + 16.0*0x1p-53) * 0x1p-53

// segOrient returns +1 if a, b, c turn counter-clockwise (c left of the directed line a→b),
// −1 if clockwise and 0 if they are collinear, exactly. Non-finite input gives 0.
func segOrient(a, b, c orb.Point) int {
	// The determinant is detL − detR. Differences of floats have exact signs, so when the two
	// products differ in sign (or one is zero) the answer needs no arithmetic at all; this is
	// the common case of axis-parallel edges.
	sL := signOfSeg(a[0]-c[0]) * signOfSeg(b[1]-c[1])
	sR := signOfSeg(a[1]-c[1]) * signOfSeg(b[0]-c[0])
	switch {
	case sL == 0:
		return -sR
	case sR == 0 || sL != sR:
		return sL
	}
	detL := (a[0] - c[0]) * (b[1] - c[1])
	detR := (a[1] - c[1]) * (b[0] - c[0])
	det := detL - detR
	detSum := math.Abs(detL) + math.Abs(detR)
	// Shewchuk's bound holds without underflow or overflow; outside that range decide exactly.
	if detSum > 0x1p-900 && detSum < 0x1p900 {
		if bound := segOrientErrBound * detSum; det >= bound || -det >= bound {
			return signOfSeg(det)
		}
	}
	return segOrientExact(a, b, c)
}

// signOfSeg returns the sign of a finite or infinite x (NaN gives 0).
func signOfSeg(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// segOrientExact evaluates the orientation determinant exactly: with floating-point
// expansions (no allocation) when the magnitudes allow it, else in rational arithmetic.
func segOrientExact(a, b, c orb.Point) int {
	if o, ok := segOrientExpansion(a, b, c); ok {
		return o
	}
	return segOrientRational(a, b, c)
}

// Error-free transformations (Dekker, Knuth; Shewchuk 1997): x + y equals the exact result.
func twoSumOfSeg(a, b float64) (x, y float64) {
	x = a + b
	bv := x - a
	av := x - bv
	return x, (a - av) + (b - bv)
}

func twoProductOfSeg(a, b float64) (x, y float64) {
	x = a * b
	return x, math.FMA(a, b, -x)
}

// segOrientExpansion computes the exact sign of the determinant as a sum of 16 products of
// exact differences, accumulated into a non-overlapping expansion (Shewchuk's Grow-Expansion).
// It reports ok = false when a term could overflow or underflow, where the transformations
// are no longer exact.
func segOrientExpansion(a, b, c orb.Point) (int, bool) {
	var d [8]float64
	d[0], d[1] = twoSumOfSeg(a[0], -c[0])
	d[2], d[3] = twoSumOfSeg(b[1], -c[1])
	d[4], d[5] = twoSumOfSeg(a[1], -c[1])
	d[6], d[7] = twoSumOfSeg(b[0], -c[0])
	for _, x := range d {
		if x != 0 && !(math.Abs(x) > 0x1p-400 && math.Abs(x) < 0x1p400) {
			return 0, false
		}
	}
	var h [32]float64
	n := 0
	grow := func(x float64) {
		q := x
		k := 0
		for i := 0; i < n; i++ {
			var r float64
			q, r = twoSumOfSeg(q, h[i])
			if r != 0 {
				h[k] = r
				k++
			}
		}
		if q != 0 {
			h[k] = q
			k++
		}
		n = k
	}
	for _, i := range [2]int{0, 1} {
		for _, j := range [2]int{2, 3} {
			p, e := twoProductOfSeg(d[i], d[j])
			grow(p)
			grow(e)
		}
	}
	for _, i := range [2]int{4, 5} {
		for _, j := range [2]int{6, 7} {
			p, e := twoProductOfSeg(d[i], d[j])
			grow(-p)
			grow(-e)
		}
	}
	if n == 0 {
		return 0, true
	}
	return signOfSeg(h[n-1]), true
}

// segOrientRational evaluates the orientation determinant in exact rational arithmetic.
func segOrientRational(a, b, c orb.Point) int {
	for _, p := range [...]orb.Point{a, b, c} {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return 0
		}
	}
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	ax, ay, bx, by, cx, cy := r(a[0]), r(a[1]), r(b[0]), r(b[1]), r(c[0]), r(c[1])
	l := new(big.Rat).Mul(ax.Sub(ax, cx), by.Sub(by, cy))
	rr := new(big.Rat).Mul(ay.Sub(ay, cy), bx.Sub(bx, cx))
	return l.Cmp(rr)
}

// segRelation is how two closed segments meet.
type segRelation int8

const (
	segDisjoint segRelation = iota // no common point
	segCross                       // interiors cross at a single point
	segTouch                       // a single common point that is an endpoint of one of them
	segOverlap                     // collinear with a common part of positive length
)

// inSegBox reports whether c lies in the closed bounding box of a and b.
func inSegBox(a, b, c orb.Point) bool {
	return math.Min(a[0], b[0]) <= c[0] && c[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= c[1] && c[1] <= math.Max(a[1], b[1])
}

// pointLessOfSeg orders points lexicographically, which orders collinear points along their line.
func pointLessOfSeg(a, b orb.Point) bool {
	return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1])
}

// segRelate classifies how segments p1p2 and q1q2 meet and returns a common point: the crossing
// point (computed in floating point), the touching endpoint, or the first point of the overlap.
// Degenerate segments (a point) are handled: a point on the other segment touches it.
func segRelate(p1, p2, q1, q2 orb.Point) (segRelation, orb.Point) {
	o1 := segOrient(p1, p2, q1)
	o2 := segOrient(p1, p2, q2)
	o3 := segOrient(q1, q2, p1)
	o4 := segOrient(q1, q2, p2)
	if o1 == 0 && o2 == 0 && o3 == 0 && o4 == 0 {
		// Collinear (or degenerate): compare the extents along the line.
		pLo, pHi := p1, p2
		if pointLessOfSeg(pHi, pLo) {
			pLo, pHi = pHi, pLo
		}
		qLo, qHi := q1, q2
		if pointLessOfSeg(qHi, qLo) {
			qLo, qHi = qHi, qLo
		}
		lo, hi := pLo, pHi
		if pointLessOfSeg(lo, qLo) {
			lo = qLo
		}
		if pointLessOfSeg(qHi, hi) {
			hi = qHi
		}
		switch {
		case pointLessOfSeg(hi, lo):
			return segDisjoint, orb.Point{}
		case lo == hi:
			return segTouch, lo
		}
		return segOverlap, lo
	}
	if o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 {
		if o1 != o2 && o3 != o4 {
			return segCross, segCrossPoint(p1, p2, q1, q2)
		}
		return segDisjoint, orb.Point{}
	}
	switch {
	case o1 == 0 && inSegBox(p1, p2, q1):
		return segTouch, q1
	case o2 == 0 && inSegBox(p1, p2, q2):
		return segTouch, q2
	case o3 == 0 && inSegBox(q1, q2, p1):
		return segTouch, p1
	case o4 == 0 && inSegBox(q1, q2, p2):
		return segTouch, p2
	}
	return segDisjoint, orb.Point{}
}

// segsMeet reports whether closed segments p1p2 and q1q2 have a common point. It is segRelate
// without the point, for the hot paths of the prepared predicates.
func segsMeet(p1, p2, q1, q2 orb.Point) bool {
	o1 := segOrient(p1, p2, q1)
	o2 := segOrient(p1, p2, q2)
	if o1 != 0 && o1 == o2 {
		return false
	}
	o3 := segOrient(q1, q2, p1)
	o4 := segOrient(q1, q2, p2)
	if o3 != 0 && o3 == o4 {
		return false
	}
	if o1 != 0 || o2 != 0 || o3 != 0 || o4 != 0 {
		// Not all collinear: they meet unless a zero orientation is a point beyond the segment.
		if o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 {
			return true
		}
		return (o1 == 0 && inSegBox(p1, p2, q1)) || (o2 == 0 && inSegBox(p1, p2, q2)) ||
			(o3 == 0 && inSegBox(q1, q2, p1)) || (o4 == 0 && inSegBox(q1, q2, p2))
	}
	// All collinear: the bounding boxes overlap exactly when the segments do.
	return math.Max(math.Min(p1[0], p2[0]), math.Min(q1[0], q2[0])) <= math.Min(math.Max(p1[0], p2[0]), math.Max(q1[0], q2[0])) &&
		math.Max(math.Min(p1[1], p2[1]), math.Min(q1[1], q2[1])) <= math.Min(math.Max(p1[1], p2[1]), math.Max(q1[1], q2[1]))
}

// segCrossPoint returns the intersection of the lines through p1p2 and q1q2, clamped into the
// bounding box of p1p2 so that round-off cannot put it outside the segments.
func segCrossPoint(p1, p2, q1, q2 orb.Point) orb.Point {
	dx, dy := p2[0]-p1[0], p2[1]-p1[1]
	ex, ey := q2[0]-q1[0], q2[1]-q1[1]
	den := dx*ey - dy*ex
	if den == 0 {
		return p1
	}
	t := ((q1[0]-p1[0])*ey - (q1[1]-p1[1])*ex) / den
	t = math.Max(0, math.Min(1, t))
	return orb.Point{p1[0] + t*dx, p1[1] + t*dy}
}

// pointSegNearest returns the point of segment ab nearest to p and the squared distance.
func pointSegNearest(p, a, b orb.Point) (orb.Point, float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	q := a
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
		switch {
		case t >= 1:
			q = b
		case t > 0:
			q = orb.Point{a[0] + t*dx, a[1] + t*dy}
		}
	}
	ex, ey := p[0]-q[0], p[1]-q[1]
	return q, ex*ex + ey*ey
}

// segNearest returns the nearest points of segments p1p2 and q1q2 (on each) and their squared
// distance. Intersecting segments give distance 0 at their common point.
func segNearest(p1, p2, q1, q2 orb.Point) (onP, onQ orb.Point, d2 float64) {
	if segsMeet(p1, p2, q1, q2) {
		rel, x := segRelate(p1, p2, q1, q2)
		if rel != segDisjoint {
			return x, x, 0
		}
	}
	onQ, d2 = pointSegNearest(p1, q1, q2)
	onP = p1
	if q, d := pointSegNearest(p2, q1, q2); d < d2 {
		onP, onQ, d2 = p2, q, d
	}
	if q, d := pointSegNearest(q1, p1, p2); d < d2 {
		onP, onQ, d2 = q, q1, d
	}
	if q, d := pointSegNearest(q2, p1, p2); d < d2 {
		onP, onQ, d2 = q, q2, d
	}
	return onP, onQ, d2
}
