package network

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo"
)

// Location is a place on the graph: a vertex, or a point on an edge at an offset in metres
// from the edge's first vertex. Get one from Locate or Snap; the zero value is no place
// (Valid reports false) and a Location is meaningful only on the graph that made it.
type Location struct {
	kind   uint8 // 0 none, 1 vertex, 2 on an edge
	v      int32 // vertex (kind 1) or edge (kind 2)
	offset float64
}

// Valid reports whether l is a place (not the zero Location).
func (l Location) Valid() bool { return l.kind != 0 }

// vertexLocation is the Location of vertex v.
func vertexLocation(v int32) Location { return Location{kind: 1, v: v} }

// Locate returns the Location of the OSM node id (a junction, a way end or a shape node of
// a walkable way; for a weighted graph, a vertex id), and false if the node is not on the
// graph.
func (g *Graph) Locate(id int64) (Location, bool) {
	i, ok := slices.BinarySearch(g.lookID, id)
	if !ok {
		return Location{}, false
	}
	r := g.lookRef[i]
	if r >= 0 {
		return vertexLocation(r), true
	}
	s := -r - 1
	e := g.edgeOfShape(s)
	return Location{kind: 2, v: e, offset: g.shapeOff[s]}, true
}

// edgeOfShape returns the edge whose shape nodes include the shape-array position s.
func (g *Graph) edgeOfShape(s int32) int32 {
	// shapeFirst is non-decreasing: the edge is the last e with shapeFirst[e] <= s.
	e, _ := slices.BinarySearch(g.shapeFirst, s+1)
	return int32(e - 1)
}

// Component returns the connected component of l, numbered from 0; two places in different
// components can never reach each other ("unreachable", not "far"). Components ignore
// no-through rules and one-way weights. It returns -1 for the zero Location.
func (g *Graph) Component(l Location) int {
	switch l.kind {
	case 1:
		return int(g.comp[l.v])
	case 2:
		return int(g.comp[g.edgeFrom[l.v]])
	}
	return -1
}

// Point returns the position (lon/lat degrees) of l, and false for the zero Location or a
// graph without geometry (BuildWeighted).
func (g *Graph) Point(l Location) (orb.Point, bool) {
	if g.weighted || l.kind == 0 {
		return orb.Point{}, false
	}
	if l.kind == 1 {
		return g.vertPt[l.v], true
	}
	e := l.v
	prev, prevOff := g.vertPt[g.edgeFrom[e]], 0.0
	for s := g.shapeFirst[e]; s <= g.shapeFirst[e+1]; s++ {
		pt, off := g.vertPt[g.edgeTo[e]], g.edgeLen[e]
		if s < g.shapeFirst[e+1] {
			pt, off = g.shapePt[s], g.shapeOff[s]
		}
		if l.offset <= off {
			if off == prevOff {
				return pt, true
			}
			return interpolateGeodesic(prev, pt, (l.offset-prevOff)/(off-prevOff)), true
		}
		prev, prevOff = pt, off
	}
	return g.vertPt[g.edgeTo[e]], true
}

// interpolateGeodesic returns the point at fraction t of the way from a to b. Segments of a
// street are short, so the interpolation is linear in lon/lat; offsets are measured
// geodesically from the segment start by Snap, so the error is in the position only.
func interpolateGeodesic(a, b orb.Point, t float64) orb.Point {
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// Snap returns the point of the graph's edges nearest to p (lon/lat degrees) within
// maxMetres: a Location on an edge at the exact offset of the foot of the perpendicular
// (never moved to the nearest node), its distance in metres from p, and true; false if no
// edge comes within maxMetres or the graph has no geometry. Ties go to the lower edge, then
// the lower offset. The first call builds a segment index (safe under concurrency).
func (g *Graph) Snap(p orb.Point, maxMetres float64) (Location, float64, bool) {
	if g.weighted || !validLonLat(p) || !(maxMetres >= 0) || math.IsInf(maxMetres, 0) {
		return Location{}, 0, false
	}
	g.snapOnce.Do(g.buildSnapIndex)
	// Search boxes growing from snapFirstMetres to maxMetres: a segment found within r is the
	// nearest overall, since every nearer segment lies in the same box. Most points have a
	// street close by, so the geodesic work stays small even when maxMetres is large.
	for r := min(maxMetres, snapFirstMetres); ; r = min(maxMetres, r*4) {
		if l, d, ok := g.snapWithin(p, r, maxMetres); ok {
			return l, d, true
		}
		if r == maxMetres {
			return Location{}, 0, false
		}
	}
}

// snapFirstMetres is the first search radius of Snap.
const snapFirstMetres = 32

// snapWithin is Snap within r metres (r <= maxMetres, which bounds the planar pruning).
func (g *Graph) snapWithin(p orb.Point, r, maxMetres float64) (Location, float64, bool) {
	// A box around p at least r wide on every side.
	const metresPerDegree = 111320.0
	dLat := r/metresPerDegree*1.01 + 1e-9
	cosLat := math.Cos(p[1] * math.Pi / 180)
	dLon := dLat
	if cosLat > 1e-6 {
		dLon = dLat / cosLat
	} else {
		dLon = 360
	}
	// A planar lower bound on the geodesic distance skips most segments before the costly
	// geodesic: a degree is at least 110,574 m of latitude anywhere, and within 20 km the
	// longitude scale moves by less than the 1 % margin kept below.
	prune := maxMetres <= 20000 && cosLat > 0.05
	box := orb.Bound{Min: orb.Point{p[0] - dLon, p[1] - dLat}, Max: orb.Point{p[0] + dLon, p[1] + dLat}}
	best := Location{}
	bestD := math.Inf(1)
	g.snapIdx.Search(box, func(_ orb.Bound, seg int32) bool {
		e, a, b, aOff := g.snapSegment(seg)
		t := projectLocal(p, a, b, cosLat)
		q := interpolateGeodesic(a, b, t)
		if prune {
			dx, dy := (q[0]-p[0])*cosLat, q[1]-p[1]
			if lb := math.Sqrt(dx*dx+dy*dy)*110574*0.99 - 0.001; lb > r || lb > bestD {
				return true
			}
		}
		d := geo.Distance(p, q)
		if d > r || d > bestD {
			return true
		}
		off := aOff + geo.Distance(a, q)
		if off > g.edgeLen[e] {
			off = g.edgeLen[e]
		}
		if d < bestD || e < best.v || e == best.v && off < best.offset {
			best, bestD = Location{kind: 2, v: e, offset: off}, d
		}
		return true
	})
	if best.kind == 0 {
		return Location{}, 0, false
	}
	return best, bestD, true
}

// projectLocal returns the parameter in [0, 1] of the foot of the perpendicular from p onto
// the segment a–b, in a local equirectangular frame scaled by cosLat.
func projectLocal(p, a, b orb.Point, cosLat float64) float64 {
	bx, by := (b[0]-a[0])*cosLat, b[1]-a[1]
	px, py := (p[0]-a[0])*cosLat, p[1]-a[1]
	l2 := bx*bx + by*by
	if l2 == 0 {
		return 0
	}
	return min(1, max(0, (px*bx+py*by)/l2))
}

// buildSnapIndex indexes every segment of every edge. A segment is named by its edge e and
// its position k in the edge (k = 0 starts at the first vertex), packed as shapeFirst[e]+e+k,
// so that the segments of edge e are shapeFirst[e]+e … shapeFirst[e+1]+e.
func (g *Graph) buildSnapIndex() {
	g.snapIdx = &geo.Index[int32]{}
	for e := range g.edgeFrom {
		n := int(g.shapeFirst[e+1]-g.shapeFirst[e]) + 1
		for k := 0; k < n; k++ {
			seg := g.shapeFirst[e] + int32(e) + int32(k)
			_, a, b, _ := g.snapSegment(seg)
			bd := orb.Bound{Min: a, Max: a}.Extend(b)
			_ = g.snapIdx.Insert(bd, seg) // coordinates were checked by Build
		}
	}
}

// snapSegment unpacks a segment number: its edge, its end points and the offset of its start.
func (g *Graph) snapSegment(seg int32) (e int32, a, b orb.Point, aOff float64) {
	// The edge is the last e with shapeFirst[e]+e <= seg.
	lo, hi := 0, len(g.edgeFrom)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if g.shapeFirst[mid]+int32(mid) <= seg {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	e = int32(lo)
	k := seg - g.shapeFirst[e] - e
	s0, s1 := g.shapeFirst[e], g.shapeFirst[e+1]
	if k == 0 {
		a, aOff = g.vertPt[g.edgeFrom[e]], 0
	} else {
		a, aOff = g.shapePt[s0+k-1], g.shapeOff[s0+k-1]
	}
	if s0+k < s1 {
		b = g.shapePt[s0+k]
	} else {
		b = g.vertPt[g.edgeTo[e]]
	}
	return e, a, b, aOff
}
