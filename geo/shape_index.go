package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// shapeEdge is one edge of a flatShape: pts[a]→pts[b], or a single point when a == b.
type shapeEdge struct {
	a, b int32
	ring bool // belongs to a ring, so it counts in point location
}

// edgeBands indexes edges by horizontal bands of equal height: band k holds every edge whose
// y-range meets it, in compressed-row form. A point query reads one band; a segment query reads
// the few bands its y-range spans. For the polygons of a district (tens to thousands of edges)
// this is as fast as a tree and costs two flat slices.
type edgeBands struct {
	y0, scale float64
	nb        int
	start     []int32 // band k's edge ids are ids[start[k]:start[k+1]]
	ids       []int32
}

// band returns the band of ordinate y, clamped into range.
func (eb *edgeBands) band(y float64) int {
	f := (y - eb.y0) * eb.scale
	if !(f >= 0) {
		return 0
	}
	if f >= float64(eb.nb) {
		return eb.nb - 1
	}
	return int(f)
}

// build indexes edges of pts over [ymin, ymax], reusing eb's slices.
func (eb *edgeBands) build(pts []orb.Point, edges []shapeEdge, ymin, ymax float64) {
	n := len(edges)
	nb := min(max(n/4, 1), 4096)
	for {
		eb.nb, eb.y0, eb.scale = nb, ymin, 0
		if h := ymax - ymin; h > 0 && !math.IsInf(h, 0) {
			eb.scale = float64(nb) / h
		}
		eb.start = append(eb.start[:0], make([]int32, nb+1)...)
		total := 0
		for _, e := range edges {
			lo, hi := eb.edgeBandRange(pts, e)
			for k := lo; k <= hi; k++ {
				eb.start[k+1]++
			}
			total += hi - lo + 1
		}
		// Long edges spanning many bands inflate the index; fewer bands bound it to 8n.
		if nb > 1 && total > 8*n+64 {
			nb /= 2
			continue
		}
		for k := 1; k <= nb; k++ {
			eb.start[k] += eb.start[k-1]
		}
		if cap(eb.ids) < total {
			eb.ids = make([]int32, total)
		}
		eb.ids = eb.ids[:total]
		fill := append([]int32(nil), eb.start[:nb]...)
		for id, e := range edges {
			lo, hi := eb.edgeBandRange(pts, e)
			for k := lo; k <= hi; k++ {
				eb.ids[fill[k]] = int32(id)
				fill[k]++
			}
		}
		return
	}
}

func (eb *edgeBands) edgeBandRange(pts []orb.Point, e shapeEdge) (int, int) {
	ya, yb := pts[e.a][1], pts[e.b][1]
	if ya > yb {
		ya, yb = yb, ya
	}
	return eb.band(ya), eb.band(yb)
}

// shapeIndex is a flatShape with its edges indexed: the planar core of Prepared and of the
// join. Its methods do not modify it and may run concurrently.
type shapeIndex struct {
	shape flatShape
	edges []shapeEdge
	bands edgeBands
}

// build indexes ix.shape, reusing ix's slices.
func (ix *shapeIndex) build() {
	s := &ix.shape
	ix.edges = ix.edges[:0]
	for _, pt := range s.parts {
		if pt.kind == shapePoint {
			ix.edges = append(ix.edges, shapeEdge{pt.start, pt.start, false})
			continue
		}
		for i := pt.start; i+1 < pt.end; i++ {
			ix.edges = append(ix.edges, shapeEdge{i, i + 1, pt.kind == shapeRing})
		}
	}
	ix.bands.build(s.pts, ix.edges, s.bound.Min[1], s.bound.Max[1])
}

// bandEdges returns the ids of the edges in band k.
func (ix *shapeIndex) bandEdges(k int) []int32 {
	return ix.bands.ids[ix.bands.start[k]:ix.bands.start[k+1]]
}

// locate returns where p lies relative to the rings of the shape (even-odd rule), exactly.
func (ix *shapeIndex) locate(p orb.Point) PointLocation {
	s := &ix.shape
	if !s.areal || !boundHas(s.bound, p) {
		return PointOutside
	}
	inside := false
	for _, id := range ix.bandEdges(ix.bands.band(p[1])) {
		e := ix.edges[id]
		if !e.ring {
			continue
		}
		switch crossingOfRay(s.pts[e.a], s.pts[e.b], p) {
		case rayOnEdge:
			return PointOnBoundary
		case rayCrosses:
			inside = !inside
		}
	}
	if inside {
		return PointInside
	}
	return PointOutside
}

// touchesSeg reports whether segment q1q2 (a point when q1 == q2) meets any edge of the shape.
func (ix *shapeIndex) touchesSeg(q1, q2 orb.Point) bool {
	s := &ix.shape
	qb := orb.Bound{Min: orb.Point{math.Min(q1[0], q2[0]), math.Min(q1[1], q2[1])},
		Max: orb.Point{math.Max(q1[0], q2[0]), math.Max(q1[1], q2[1])}}
	if !boundsMeet(qb, s.bound) {
		return false
	}
	lo, hi := ix.bands.band(qb.Min[1]), ix.bands.band(qb.Max[1])
	for k := lo; k <= hi; k++ {
		for _, id := range ix.bandEdges(k) {
			e := ix.edges[id]
			a, b := s.pts[e.a], s.pts[e.b]
			if math.Max(a[0], b[0]) < qb.Min[0] || math.Min(a[0], b[0]) > qb.Max[0] ||
				math.Max(a[1], b[1]) < qb.Min[1] || math.Min(a[1], b[1]) > qb.Max[1] {
				continue
			}
			if segsMeet(a, b, q1, q2) {
				return true
			}
		}
	}
	return false
}

// verticesOnSeg appends to dst the vertices of the shape that lie on segment q1q2 (exactly,
// ends included) and returns dst sorted along the segment, so that consecutive points bound
// the pieces of q1q2 between its meetings with the shape's vertices.
func (ix *shapeIndex) verticesOnSeg(q1, q2 orb.Point, dst []orb.Point) []orb.Point {
	s := &ix.shape
	qb := orb.Bound{Min: orb.Point{math.Min(q1[0], q2[0]), math.Min(q1[1], q2[1])},
		Max: orb.Point{math.Max(q1[0], q2[0]), math.Max(q1[1], q2[1])}}
	if boundsMeet(qb, s.bound) {
		lo, hi := ix.bands.band(qb.Min[1]), ix.bands.band(qb.Max[1])
		for k := lo; k <= hi; k++ {
			for _, id := range ix.bandEdges(k) {
				// Each vertex starts an edge (rings are closed), so testing edge starts finds
				// them all; a vertex on band borders is found twice, which is harmless.
				p := s.pts[ix.edges[id].a]
				if p != q1 && p != q2 && inSegBox(q1, q2, p) && segOrient(q1, q2, p) == 0 {
					dst = append(dst, p)
				}
			}
		}
	}
	slices.SortFunc(dst, func(a, b orb.Point) int {
		if pointLessOfSeg(a, b) {
			return -1
		}
		if pointLessOfSeg(b, a) {
			return 1
		}
		return 0
	})
	return dst
}

// boundaryMeets reports whether any edge or point of o meets any edge or point of the shape.
func (ix *shapeIndex) boundaryMeets(o *flatShape) bool {
	for _, pt := range o.parts {
		if !boundsMeet(pt.bound, ix.shape.bound) {
			continue
		}
		if pt.kind == shapePoint {
			if ix.touchesSeg(o.pts[pt.start], o.pts[pt.start]) {
				return true
			}
			continue
		}
		for i := pt.start; i+1 < pt.end; i++ {
			if ix.touchesSeg(o.pts[i], o.pts[i+1]) {
				return true
			}
		}
	}
	return false
}

// intersects reports whether the shape and o have a common point (boundaries included).
func (ix *shapeIndex) intersects(o *flatShape) bool {
	s := &ix.shape
	if !boundsMeet(s.bound, o.bound) {
		return false
	}
	if ix.boundaryMeets(o) {
		return true
	}
	// No edges meet, so each part of one lies wholly inside or wholly outside the other:
	// testing one point of each part decides.
	if s.areal {
		for _, pt := range o.parts {
			if ix.locate(o.pts[pt.start]) != PointOutside {
				return true
			}
		}
	}
	if o.areal {
		for _, pt := range s.parts {
			if p := s.pts[pt.start]; boundHas(o.bound, p) && o.locateBrute(p) != PointOutside {
				return true
			}
		}
	}
	return false
}

// containsProperly reports whether o lies in the interior of the shape, touching no boundary.
func (ix *shapeIndex) containsProperly(o *flatShape) bool {
	s := &ix.shape
	if !s.areal || !boundHas(s.bound, o.bound.Min) || !boundHas(s.bound, o.bound.Max) {
		return false
	}
	if ix.boundaryMeets(o) {
		return false
	}
	for _, pt := range o.parts {
		if ix.locate(o.pts[pt.start]) != PointInside {
			return false
		}
	}
	if o.areal {
		// A ring of the shape (a hole) inside o would put part of o outside the shape.
		for _, pt := range s.parts {
			if p := s.pts[pt.start]; boundHas(o.bound, p) && o.locateBrute(p) == PointInside {
				return false
			}
		}
	}
	return true
}

// nearest finds the nearest points of the shape and o, if their distance is at most limit
// (+Inf for no limit): it returns the squared distance, the point on the shape, the point on o
// and found = true. Intersecting geometries give 0 at a common point.
func (ix *shapeIndex) nearest(o *flatShape, limit float64) (d2 float64, onS, onO orb.Point, found bool) {
	if ix.intersects(o) {
		p := ix.commonPoint(o)
		return 0, p, p, true
	}
	s := &ix.shape
	best2 := limit * limit
	consider := func(q1, q2 orb.Point) {
		r := math.Sqrt(best2)
		qb := orb.Bound{Min: orb.Point{math.Min(q1[0], q2[0]), math.Min(q1[1], q2[1])},
			Max: orb.Point{math.Max(q1[0], q2[0]), math.Max(q1[1], q2[1])}}
		if qb.Min[1]-r > s.bound.Max[1] || qb.Max[1]+r < s.bound.Min[1] ||
			qb.Min[0]-r > s.bound.Max[0] || qb.Max[0]+r < s.bound.Min[0] {
			return
		}
		try := func(e shapeEdge) {
			a, b := s.pts[e.a], s.pts[e.b]
			if bd := boxGap2OfShape(a, b, qb); bd > best2 || (found && bd == best2) {
				return
			}
			ps, po, d := segNearest(a, b, q1, q2)
			if d < best2 || (!found && d <= best2) {
				best2, onS, onO, found = d, ps, po, true
			}
		}
		lo, hi := ix.bands.band(qb.Min[1]-r), ix.bands.band(qb.Max[1]+r)
		if lo == 0 && hi == ix.bands.nb-1 {
			// Every band: read each edge once rather than once per band it spans.
			for _, e := range ix.edges {
				try(e)
			}
			return
		}
		for k := lo; k <= hi; k++ {
			for _, id := range ix.bandEdges(k) {
				try(ix.edges[id])
			}
		}
	}
	for _, pt := range o.parts {
		if pt.kind == shapePoint {
			consider(o.pts[pt.start], o.pts[pt.start])
			continue
		}
		for i := pt.start; i+1 < pt.end; i++ {
			consider(o.pts[i], o.pts[i+1])
		}
	}
	return best2, onS, onO, found
}

// boxGap2OfShape returns the squared distance between the bounding box of segment ab and the
// bound qb (0 if they meet).
func boxGap2OfShape(a, b orb.Point, qb orb.Bound) float64 {
	lox, hix := a[0], b[0]
	if lox > hix {
		lox, hix = hix, lox
	}
	loy, hiy := a[1], b[1]
	if loy > hiy {
		loy, hiy = hiy, loy
	}
	var dx, dy float64
	if lox > qb.Max[0] {
		dx = lox - qb.Max[0]
	} else if qb.Min[0] > hix {
		dx = qb.Min[0] - hix
	}
	if loy > qb.Max[1] {
		dy = loy - qb.Max[1]
	} else if qb.Min[1] > hiy {
		dy = qb.Min[1] - hiy
	}
	return dx*dx + dy*dy
}

// commonPoint returns a point shared by the shape and o, which must intersect.
func (ix *shapeIndex) commonPoint(o *flatShape) orb.Point {
	s := &ix.shape
	for _, pt := range o.parts {
		if pt.kind == shapePoint {
			if ix.touchesSeg(o.pts[pt.start], o.pts[pt.start]) {
				return o.pts[pt.start]
			}
			continue
		}
		for i := pt.start; i+1 < pt.end; i++ {
			q1, q2 := o.pts[i], o.pts[i+1]
			if !ix.touchesSeg(q1, q2) {
				continue
			}
			for _, e := range ix.edges {
				if rel, x := segRelate(s.pts[e.a], s.pts[e.b], q1, q2); rel != segDisjoint {
					return x
				}
			}
		}
	}
	if s.areal {
		for _, pt := range o.parts {
			if ix.locate(o.pts[pt.start]) != PointOutside {
				return o.pts[pt.start]
			}
		}
	}
	for _, pt := range s.parts {
		if o.locateBrute(s.pts[pt.start]) != PointOutside {
			return s.pts[pt.start]
		}
	}
	return o.pts[0]
}

// upperDistance2 returns a squared distance no smaller than the distance between the shape and
// o: from o's first point to the nearest vertex of the shape.
func (ix *shapeIndex) upperDistance2(o *flatShape) float64 {
	q := o.pts[0]
	best := math.Inf(1)
	for _, p := range ix.shape.pts {
		dx, dy := p[0]-q[0], p[1]-q[1]
		best = math.Min(best, dx*dx+dy*dy)
	}
	return best
}
