package geo

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// ValidateOptions sets the sliver tolerances of Validate and Repair. The zero value (or a nil
// *ValidateOptions) uses the defaults; a negative value switches that test off.
type ValidateOptions struct {
	// SliverArea is the smallest area in m² a ring may enclose (DefaultSliverArea if 0).
	SliverArea float64
	// SliverWidth is the smallest mean width 2A/P in metres a ring may have, where A is its
	// area and P its perimeter (DefaultSliverWidth if 0). 2A/P is the width of a long thin
	// strip, half the side of a square and the radius of a disc, so it flags thin rings whatever
	// their length.
	SliverWidth float64
}

// The default sliver tolerances: no ring of a compound, building or hole is smaller than 1 m²
// or thinner on average than 10 cm; such rings are digitising artefacts.
const (
	DefaultSliverArea  = 1.0 // m²
	DefaultSliverWidth = 0.1 // m
)

// Validate checks a polygon (orb.Polygon, orb.MultiPolygon, orb.Ring or orb.Bound) in
// longitude/latitude degrees and returns every problem it finds as a GeometryErrors, or nil if
// there is none. feature names the geometry in the errors (a name or ID; may be empty).
//
// It reports, each as a *GeometryError whose Kind is the sentinel named:
//   - nil or empty geometries (ErrEmpty) and non-polygonal ones (ErrNotPolygonal);
//   - rings with fewer than three distinct vertices (ErrTooFewPoints) and unclosed rings
//     (ErrUnclosedRing);
//   - NaN or infinite coordinates (ErrNotFinite), longitudes outside [−180, 180] or latitudes
//     outside [−90, 90] (ErrLonLatRange), or, when a ring's latitudes are out of range but the
//     ring lies in China with each point's numbers swapped, one ErrSwappedLonLat for the ring
//     suggesting the swap (a "lon" of 39.9 and a "lat" of 116.4 is Beijing written lat, lon;
//     the far west of China, below 90°E, written lat, lon has in-range coordinates in the
//     Arctic and cannot be told apart);
//   - consecutive repeated points (ErrRepeatedPoint, one per run);
//   - exterior rings that are not counter-clockwise or holes that are not clockwise, as RFC 7946
//     §3.1.6 requires (ErrWrongWinding);
//   - edges of one ring that cross, touch or overlap, with the point and both edges
//     (ErrSelfIntersection);
//   - holes outside, crossing or sharing an edge with their shell (ErrHoleOutsideShell), holes
//     that cross, share an edge or nest (ErrHolesOverlap), rings touching in a cycle that cuts
//     the interior (ErrInteriorDisconnected), and polygons of a multipolygon that overlap,
//     share an edge or nest (ErrPolygonsOverlap);
//   - rings whose area or mean width 2A/P is below the tolerances of opt (ErrSliver), measured
//     in a LocalTM frame centred on the geometry's bound.
//
// Topology is tested on the coordinates as given, with exact predicates, after dropping
// repeated points and closing unclosed rings, so that one call reports everything. Rings with
// bad coordinates are left out of the topological tests. Self-intersection search sweeps the
// edges sorted along one axis: O(n log n) plus the pairs whose boxes overlap. At most 500
// intersections are listed per geometry; then a last error says the search stopped. Validate
// never panics, whatever the input.
func Validate(feature string, g orb.Geometry, opt *ValidateOptions) error {
	c := newGeomChecker(feature, false, opt)
	return c.run(g).asError()
}

// ValidatePlanar is Validate for a geometry already projected to planar metres (easting,
// northing): instead of the longitude/latitude range tests it requires coordinates within
// ±MaxPlanarCoordinate, it measures slivers directly in the plane, and it gives Where in metres.
func ValidatePlanar(feature string, g orb.Geometry, opt *ValidateOptions) error {
	c := newGeomChecker(feature, true, opt)
	return c.run(g).asError()
}

// MaxPlanarCoordinate bounds planar coordinates, in metres: 1e12, a million times the size of
// the Earth and far beyond any projected system (Gauss-Krüger eastings with the zone prefix
// stay below 5e7). Beyond it products of coordinates lose the overlay engine's precision, so
// the Planar functions report ErrLonLatRange rather than return a wrong answer.
const MaxPlanarCoordinate = 1e12

// maxIntersectionErrors bounds the intersections listed for one geometry, so that a scrambled
// ring of many vertices cannot make Validate allocate without bound.
const maxIntersectionErrors = 500

// maxVertexErrorsPerRing bounds the per-vertex coordinate errors listed for one ring; the rest
// are counted in one last error.
const maxVertexErrorsPerRing = 20

// chinaBoundForSwap is the box (lon 73–136°E, lat 3–54°N) that a swapped ring must fall in
// for Validate to call the swap probable.
var chinaBoundForSwap = orb.Bound{Min: orb.Point{73, 3}, Max: orb.Point{136, 54}}

// geomChecker runs the tests of Validate on one geometry.
type geomChecker struct {
	feature     string
	planar      bool
	winding     bool // report ErrWrongWinding
	repeated    bool // report ErrRepeatedPoint
	slivers     bool // report ErrSliver
	sliverArea  float64
	sliverWidth float64

	multi        bool
	polys        []checkPoly
	errs         GeometryErrors
	dropped      int   // problems past MaxGeometryErrors, counted but not kept
	firstDropped error // the kind of the first of them
	scratch      GeometryError
	crossings    int
	stopped      bool
	touches      []ringTouch
	pairFlags    map[[4]int]bool // (poly, ring, poly, ring) pairs already reported as crossing
	bound        orb.Bound
	haveBound    bool
	locatorFor   map[[2]int]*shapeIndex // (poly, 0 = shell only | 1 = with holes | 2+k = hole k)
}

// checkPoly is one polygon under test.
type checkPoly struct {
	rings []checkRing
	ok    bool // every ring usable for the topological tests
	bound orb.Bound
}

// checkRing is one ring under test, deduplicated and closed.
type checkRing struct {
	pts     []orb.Point // distinct consecutive vertices, closed (last equals first)
	orig    []int       // index in the ring as given of each pts[i]
	ok      bool
	selfBad bool // has a self-intersection
	bound   orb.Bound
}

// ringTouch records that a ring of a polygon passes through a point shared with another ring.
type ringTouch struct {
	poly  int
	at    orb.Point
	ring  int
	other int // the other ring at this point
}

func newGeomChecker(feature string, planar bool, opt *ValidateOptions) *geomChecker {
	c := &geomChecker{feature: feature, planar: planar, winding: true, repeated: true, slivers: true,
		sliverArea: DefaultSliverArea, sliverWidth: DefaultSliverWidth}
	if opt != nil {
		if opt.SliverArea != 0 {
			c.sliverArea = opt.SliverArea
		}
		if opt.SliverWidth != 0 {
			c.sliverWidth = opt.SliverWidth
		}
	}
	return c
}

// newOverlayChecker tests only what the overlay engine needs: sound coordinates, closed rings
// and valid topology. Winding, repeated points and slivers do not disturb it.
func newOverlayChecker(feature string, planar bool) *geomChecker {
	return &geomChecker{feature: feature, planar: planar}
}

// polyIndex is the Polygon field for polygon i: −1 unless the input is a MultiPolygon.
func (c *geomChecker) polyIndex(i int) int {
	if c.multi {
		return i
	}
	return -1
}

// add records a problem. Past MaxGeometryErrors it only counts it, and returns a scratch
// value the caller may fill in.
func (c *geomChecker) add(kind error, poly, ring, vertex int, where orb.Point, detail string) *GeometryError {
	if len(c.errs) >= MaxGeometryErrors {
		if c.dropped == 0 {
			c.firstDropped = kind
		}
		c.dropped++
		c.scratch = GeometryError{}
		return &c.scratch
	}
	e := newGeometryError(c.feature, kind, c.planar)
	if poly >= 0 {
		e.Polygon = c.polyIndex(poly)
	}
	e.Ring, e.Vertex, e.Where, e.Detail = ring, vertex, where, detail
	c.errs = append(c.errs, e)
	return e
}

// MaxGeometryErrors bounds the problems one validation keeps: a polygon of a million empty
// rings must not cost a hundred times its size in messages. Past it, the problems are counted,
// and one last GeometryError (of the first left-out problem's kind) says how many were left out.
const MaxGeometryErrors = 1000

// run tests g and returns the problems in a stable order.
func (c *geomChecker) run(g orb.Geometry) GeometryErrors {
	var polys []orb.Polygon
	switch g := g.(type) {
	case nil:
		c.add(ErrEmpty, -1, -1, -1, orb.Point{}, "nil geometry")
		return c.errs
	case orb.Ring:
		polys = []orb.Polygon{{g}}
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
		c.multi = true
	case orb.Bound:
		if g.Min[0] > g.Max[0] || g.Min[1] > g.Max[1] {
			c.add(ErrEmpty, -1, -1, -1, orb.Point{}, fmt.Sprintf("bound %v has Min beyond Max", g))
			return c.errs
		}
		polys = []orb.Polygon{g.ToPolygon()}
	default:
		c.add(ErrNotPolygonal, -1, -1, -1, orb.Point{}, fmt.Sprintf("%T has no area", g))
		return c.errs
	}
	if len(polys) == 0 {
		c.add(ErrEmpty, -1, -1, -1, orb.Point{}, "no polygons")
		return c.errs
	}
	c.polys = make([]checkPoly, len(polys))
	for pi, p := range polys {
		cp := &c.polys[pi]
		if len(p) == 0 {
			c.add(ErrEmpty, pi, -1, -1, orb.Point{}, "polygon has no rings")
			continue
		}
		cp.rings = make([]checkRing, len(p))
		cp.ok = true
		for ri, r := range p {
			cp.rings[ri] = c.prepareRing(pi, ri, r)
			if !cp.rings[ri].ok {
				cp.ok = false
				continue
			}
			if ri == 0 {
				cp.bound = cp.rings[ri].bound
			} else {
				cp.bound = cp.bound.Union(cp.rings[ri].bound)
			}
			if !c.haveBound {
				c.bound, c.haveBound = cp.rings[ri].bound, true
			} else {
				c.bound = c.bound.Union(cp.rings[ri].bound)
			}
		}
	}
	c.checkIntersections()
	c.checkConnectivity()
	c.checkNesting()
	if c.slivers {
		c.checkSlivers()
	}
	if c.stopped {
		c.add(ErrSelfIntersection, -1, -1, -1, orb.Point{},
			fmt.Sprintf("search stopped after %d intersections; fix those listed first", maxIntersectionErrors))
	}
	slices.SortStableFunc(c.errs, func(a, b *GeometryError) int {
		if x := cmp.Compare(a.Polygon, b.Polygon); x != 0 {
			return x
		}
		if x := cmp.Compare(a.Ring, b.Ring); x != 0 {
			return x
		}
		return cmp.Compare(a.Vertex, b.Vertex)
	})
	if c.dropped > 0 {
		e := newGeometryError(c.feature, c.firstDropped, c.planar)
		e.Detail = fmt.Sprintf("and %d more problems, not kept (geo.MaxGeometryErrors)", c.dropped)
		c.errs = append(c.errs, e)
	}
	return c.errs
}

// prepareRing checks the coordinates of a ring, drops repeated points and closes it.
func (c *geomChecker) prepareRing(pi, ri int, r orb.Ring) checkRing {
	var cr checkRing
	if len(r) == 0 {
		c.add(ErrTooFewPoints, pi, ri, -1, orb.Point{}, "ring has no points")
		return cr
	}
	if !c.checkRingCoordinates(pi, ri, r) {
		return cr
	}
	// Drop consecutive repeats, one error per run.
	cr.pts = make([]orb.Point, 0, len(r)+1)
	cr.orig = make([]int, 0, len(r)+1)
	for i := 0; i < len(r); i++ {
		if i > 0 && r[i] == r[i-1] {
			j := i
			for j+1 < len(r) && r[j+1] == r[i] {
				j++
			}
			if c.repeated {
				d := fmt.Sprintf("vertex %d repeats vertex %d", i, i-1)
				if j > i {
					d = fmt.Sprintf("vertices %d–%d repeat vertex %d (%d copies)", i, j, i-1, j-i+1)
				}
				c.add(ErrRepeatedPoint, pi, ri, i, r[i], d)
			}
			i = j
			continue
		}
		cr.pts = append(cr.pts, r[i])
		cr.orig = append(cr.orig, i)
	}
	closed := r[0] == r[len(r)-1]
	if len(cr.pts) > 1 && cr.pts[len(cr.pts)-1] == cr.pts[0] {
		cr.pts, cr.orig = cr.pts[:len(cr.pts)-1], cr.orig[:len(cr.orig)-1]
	}
	if n := len(cr.pts); n < 3 {
		c.add(ErrTooFewPoints, pi, ri, -1, r[0],
			fmt.Sprintf("%d distinct vertices; a ring needs at least 3 (4 points with the closing one)", n))
		return checkRing{}
	}
	if !closed {
		c.add(ErrUnclosedRing, pi, ri, len(r)-1, r[len(r)-1],
			fmt.Sprintf("last vertex %s differs from first vertex %s", formatPlaceOfError(r[len(r)-1], c.planar), formatPlaceOfError(r[0], c.planar)))
	}
	cr.pts = append(cr.pts, cr.pts[0])
	if closed {
		cr.orig = append(cr.orig, len(r)-1) // the closing vertex as numbered in the input
	} else {
		cr.orig = append(cr.orig, 0) // the closing edge of an unclosed ring returns to vertex 0
	}
	cr.ok = true
	cr.bound = boundOfPointsForShape(cr.pts)
	if c.winding {
		a := shoelaceOfOverlay(cr.pts)
		switch {
		case ri == 0 && a < 0:
			c.add(ErrWrongWinding, pi, ri, -1, cr.pts[0], "exterior ring is clockwise; RFC 7946 wants counter-clockwise")
		case ri > 0 && a > 0:
			c.add(ErrWrongWinding, pi, ri, -1, cr.pts[0], "hole is counter-clockwise; RFC 7946 wants clockwise")
		}
	}
	return cr
}

// checkRingCoordinates reports NaN, infinite and out-of-range coordinates, and a probable
// lat/lon swap; it returns whether all coordinates are usable.
func (c *geomChecker) checkRingCoordinates(pi, ri int, r orb.Ring) bool {
	var nonFinite, outOfRange []int
	for i, p := range r {
		switch {
		case math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0):
			nonFinite = append(nonFinite, i)
		case !c.planar && (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90):
			outOfRange = append(outOfRange, i)
		case c.planar && (math.Abs(p[0]) > MaxPlanarCoordinate || math.Abs(p[1]) > MaxPlanarCoordinate):
			outOfRange = append(outOfRange, i)
		}
	}
	if len(nonFinite) == 0 && len(outOfRange) == 0 {
		return true
	}
	for k, i := range nonFinite {
		if k == maxVertexErrorsPerRing {
			c.add(ErrNotFinite, pi, ri, -1, orb.Point{}, fmt.Sprintf("and %d more vertices with NaN or infinite coordinates", len(nonFinite)-k))
			break
		}
		c.add(ErrNotFinite, pi, ri, i, r[i], "coordinate is NaN or infinite")
	}
	if len(outOfRange) == 0 {
		return false
	}
	if len(nonFinite) == 0 {
		swapped := true
		for _, p := range r {
			if !boundHas(chinaBoundForSwap, orb.Point{p[1], p[0]}) {
				swapped = false
				break
			}
		}
		if swapped {
			i := outOfRange[0]
			c.add(ErrSwappedLonLat, pi, ri, i, r[i], fmt.Sprintf(
				"latitude %g is out of range at %d of %d vertices, and with each point's numbers swapped the ring lies in China: "+
					"this looks like lat, lon order; write (%g, %g), i.e. longitude first", r[i][1], len(outOfRange), len(r), r[i][1], r[i][0]))
			return false
		}
	}
	if c.planar {
		for k, i := range outOfRange {
			if k == maxVertexErrorsPerRing {
				c.add(ErrLonLatRange, pi, ri, -1, orb.Point{}, fmt.Sprintf("and %d more vertices out of range", len(outOfRange)-k))
				break
			}
			c.add(ErrLonLatRange, pi, ri, i, r[i], fmt.Sprintf("planar coordinates must be within ±%g m", MaxPlanarCoordinate))
		}
		return false
	}
	allLarge := true
	for _, p := range r {
		if math.Abs(p[0]) < 1000 && math.Abs(p[1]) < 1000 {
			allLarge = false
			break
		}
	}
	hint := ""
	if allLarge {
		hint = "; all coordinates are ≥ 1000 in size: these look like projected metres (use ValidatePlanar, or transform to lon/lat)"
	}
	for k, i := range outOfRange {
		if k == maxVertexErrorsPerRing {
			c.add(ErrLonLatRange, pi, ri, -1, orb.Point{}, fmt.Sprintf("and %d more vertices out of range%s", len(outOfRange)-k, hint))
			break
		}
		c.add(ErrLonLatRange, pi, ri, i, r[i], fmt.Sprintf("longitude must be in [−180, 180] and latitude in [−90, 90]%s", hint))
	}
	return false
}

// edgeName names edge k of ring cr by the vertex indices of the ring as given.
func (cr *checkRing) edgeName(k int) string {
	return fmt.Sprintf("%d–%d", cr.orig[k], cr.orig[k+1])
}

// checkIntersections sweeps the edges of every usable polygon and classifies each meeting of
// two edges: within a ring, between rings of a polygon, between polygons.
func (c *geomChecker) checkIntersections() {
	total := 0
	for pi := range c.polys {
		if c.polys[pi].ok {
			for ri := range c.polys[pi].rings {
				total += len(c.polys[pi].rings[ri].pts) - 1
			}
		}
	}
	segs := make([]sweepSeg, 0, total)
	for pi := range c.polys {
		cp := &c.polys[pi]
		if !cp.ok {
			continue
		}
		for ri := range cp.rings {
			pts := cp.rings[ri].pts
			for k := 0; k+1 < len(pts); k++ {
				segs = append(segs, sweepSeg{a: pts[k], b: pts[k+1], poly: pi, ring: ri, seg: k})
			}
		}
	}
	sweepSegmentPairs(segs, func(i, j int) bool {
		s, t := &segs[i], &segs[j]
		rel, x := segRelate(s.a, s.b, t.a, t.b)
		if rel == segDisjoint {
			return true
		}
		if s.poly == t.poly && s.ring == t.ring {
			cr := &c.polys[s.poly].rings[s.ring]
			n := len(cr.pts) - 1
			a, b := min(s.seg, t.seg), max(s.seg, t.seg)
			adjacent := b == a+1 || (a == 0 && b == n-1)
			if adjacent && rel != segOverlap {
				return true // neighbours share their common vertex
			}
			cr.selfBad = true
			var d string
			switch {
			case adjacent:
				d = fmt.Sprintf("spike: edges %s and %s double back along each other", cr.edgeName(a), cr.edgeName(b))
			case rel == segCross:
				d = fmt.Sprintf("edge %s crosses edge %s", cr.edgeName(a), cr.edgeName(b))
			case rel == segTouch:
				d = fmt.Sprintf("edge %s touches edge %s (a ring may not pass through a point twice)", cr.edgeName(a), cr.edgeName(b))
			default:
				d = fmt.Sprintf("edge %s overlaps edge %s", cr.edgeName(a), cr.edgeName(b))
			}
			e := c.add(ErrSelfIntersection, s.poly, s.ring, cr.orig[a], x, d)
			e.OtherPolygon, e.OtherRing, e.OtherVertex = e.Polygon, s.ring, cr.orig[b]
			return c.countCrossing()
		}
		if rel == segTouch {
			if s.poly == t.poly {
				c.touches = append(c.touches, ringTouch{s.poly, x, s.ring, t.ring}, ringTouch{s.poly, x, t.ring, s.ring})
			}
			return true
		}
		key := [4]int{s.poly, s.ring, t.poly, t.ring}
		if c.pairFlags[key] {
			return true
		}
		if c.pairFlags == nil {
			c.pairFlags = map[[4]int]bool{}
		}
		c.pairFlags[key] = true
		verb := "crosses"
		if rel == segOverlap {
			verb = "shares part of an edge with"
		}
		sr, tr := &c.polys[s.poly].rings[s.ring], &c.polys[t.poly].rings[t.ring]
		var e *GeometryError
		switch {
		case s.poly != t.poly:
			e = c.add(ErrPolygonsOverlap, s.poly, s.ring, sr.orig[s.seg], x,
				fmt.Sprintf("polygon %d ring %d edge %s %s polygon %d ring %d edge %s", s.poly, s.ring, sr.edgeName(s.seg), verb, t.poly, t.ring, tr.edgeName(t.seg)))
		case s.ring == 0:
			e = c.add(ErrHoleOutsideShell, t.poly, t.ring, tr.orig[t.seg], x,
				fmt.Sprintf("hole %d edge %s %s shell edge %s", t.ring, tr.edgeName(t.seg), verb, sr.edgeName(s.seg)))
		default:
			e = c.add(ErrHolesOverlap, s.poly, s.ring, sr.orig[s.seg], x,
				fmt.Sprintf("hole %d edge %s %s hole %d edge %s", s.ring, sr.edgeName(s.seg), verb, t.ring, tr.edgeName(t.seg)))
		}
		if s.poly == t.poly && s.ring == 0 {
			e.OtherRing, e.OtherVertex = 0, sr.orig[s.seg]
		} else {
			e.OtherPolygon, e.OtherRing, e.OtherVertex = c.polyIndex(t.poly), t.ring, tr.orig[t.seg]
		}
		return c.countCrossing()
	})
}

// countCrossing counts one more listed intersection and says whether to go on.
func (c *geomChecker) countCrossing() bool {
	c.crossings++
	if c.crossings >= maxIntersectionErrors {
		c.stopped = true
		return false
	}
	return true
}

// crossed reports whether rings (p1, r1) and (p2, r2) were already reported as crossing.
func (c *geomChecker) crossed(p1, r1, p2, r2 int) bool {
	return c.pairFlags[[4]int{p1, r1, p2, r2}] || c.pairFlags[[4]int{p2, r2, p1, r1}]
}

// checkConnectivity finds rings of a polygon that touch in a cycle: rings and touching points
// form a graph whose cycles cut the interior (the test of OGC SFA §6.1.11.1 and JTS).
func (c *geomChecker) checkConnectivity() {
	// Rings already reported as crossing or sharing an edge are not counted again here.
	t := slices.DeleteFunc(c.touches, func(r ringTouch) bool { return c.crossed(r.poly, r.ring, r.poly, r.other) })
	for i := range t {
		t[i].other = 0 // one entry per (point, ring) after Compact
	}
	slices.SortFunc(t, func(a, b ringTouch) int {
		if x := cmp.Compare(a.poly, b.poly); x != 0 {
			return x
		}
		if x := cmp.Compare(a.at[0], b.at[0]); x != 0 {
			return x
		}
		if x := cmp.Compare(a.at[1], b.at[1]); x != 0 {
			return x
		}
		return cmp.Compare(a.ring, b.ring)
	})
	t = slices.Compact(t)
	for lo := 0; lo < len(t); {
		hi := lo
		for hi < len(t) && t[hi].poly == t[lo].poly {
			hi++
		}
		pi := t[lo].poly
		nr := len(c.polys[pi].rings)
		parent := make([]int, nr+hi-lo)
		for i := range parent {
			parent[i] = i
		}
		find := func(x int) int {
			for parent[x] != x {
				parent[x] = parent[parent[x]]
				x = parent[x]
			}
			return x
		}
		nextNode := nr
		for k := lo; k < hi; k++ {
			if k == lo || t[k].at != t[k-1].at {
				nextNode++
			}
			pn, rn := find(nextNode-1), find(t[k].ring)
			if pn == rn {
				c.add(ErrInteriorDisconnected, pi, t[k].ring, -1, t[k].at,
					fmt.Sprintf("ring %d touches rings it already meets elsewhere, so the rings enclose part of the interior on their own", t[k].ring))
				break
			}
			parent[pn] = rn
		}
		lo = hi
	}
}

// locator returns (and caches) an index to locate points against: the shell of polygon pi
// (which = 0), the whole polygon with its holes (which = 1), or hole k (which = 1+k).
func (c *geomChecker) locator(pi, which int) *shapeIndex {
	if c.locatorFor == nil {
		c.locatorFor = map[[2]int]*shapeIndex{}
	}
	key := [2]int{pi, which}
	if ix := c.locatorFor[key]; ix != nil {
		return ix
	}
	ix := &shapeIndex{}
	ix.shape.areal = true
	addRing := func(cr *checkRing, hole bool) {
		start := int32(len(ix.shape.pts))
		ix.shape.pts = append(ix.shape.pts, cr.pts...)
		ix.shape.parts = append(ix.shape.parts, shapePart{start: start, end: int32(len(ix.shape.pts)), kind: shapeRing, hole: hole, bound: cr.bound})
	}
	rings := c.polys[pi].rings
	switch {
	case which == 0:
		addRing(&rings[0], false)
	case which == 1:
		for ri := range rings {
			addRing(&rings[ri], ri > 0)
		}
	default:
		addRing(&rings[which-1], false)
	}
	ix.shape.bound = ix.shape.parts[0].bound
	for _, pt := range ix.shape.parts[1:] {
		ix.shape.bound = ix.shape.bound.Union(pt.bound)
	}
	ix.build()
	c.locatorFor[key] = ix
	return ix
}

// ringAgainst locates the vertices of ring r against ix, and for each edge whose ends both lie
// on the boundary of ix, points inside the edge: the edge is split at every vertex of ix lying
// on it and the midpoint of each piece is located. Edges meeting ix only at such points (the
// crossings and shared edges are reported before) lie wholly inside or outside ix between
// them, so this finds a ring that overlaps ix while touching it only at vertices, such as an
// island whose edge cuts across a reflex corner of a non-convex hole (GEOS TestValid.xml, "shell
// inside shell, hole overlapped, all vertices touch hole"). It returns the first inside and the
// first outside point found with the index of its vertex or of its edge's first vertex (−1 if
// none) and how many vertices or edge pieces were outside.
func ringAgainst(r *checkRing, ix *shapeIndex) (in, out int, inAt, outAt orb.Point, nOut int) {
	in, out = -1, -1
	n := len(r.pts) - 1
	note := func(loc PointLocation, k int, p orb.Point) {
		switch loc {
		case PointInside:
			if in < 0 {
				in, inAt = r.orig[k], p
			}
		case PointOutside:
			nOut++
			if out < 0 {
				out, outAt = r.orig[k], p
			}
		}
	}
	firstOn := false
	prevOn := false
	var on []orb.Point
	for k := 0; k <= n; k++ {
		var loc PointLocation
		if k < n {
			loc = ix.locate(r.pts[k])
			note(loc, k, r.pts[k])
		} else if firstOn {
			loc = PointOnBoundary // the closing vertex is vertex 0
		}
		isOn := loc == PointOnBoundary
		if k == 0 {
			firstOn = isOn
		}
		if k > 0 && isOn && prevOn {
			a, b := r.pts[k-1], r.pts[k]
			on = ix.verticesOnSeg(a, b, append(on[:0], a, b))
			for i := 0; i+1 < len(on); i++ {
				if on[i] == on[i+1] {
					continue
				}
				m := orb.Point{(on[i][0] + on[i+1][0]) / 2, (on[i][1] + on[i+1][1]) / 2}
				if ml := ix.locate(m); ml != PointOnBoundary {
					note(ml, k-1, m)
				}
			}
		}
		prevOn = isOn
	}
	return in, out, inAt, outAt, nOut
}

// checkNesting tests that holes lie inside their shell and outside one another, and that the
// polygons of a multipolygon do not lie inside one another. Pairs already reported as crossing
// are skipped.
func (c *geomChecker) checkNesting() {
	for pi := range c.polys {
		cp := &c.polys[pi]
		if !cp.ok || len(cp.rings) < 2 {
			continue
		}
		for hi := 1; hi < len(cp.rings); hi++ {
			if c.crossed(pi, 0, pi, hi) {
				continue
			}
			h := &cp.rings[hi]
			if !boundsMeet(h.bound, cp.rings[0].bound) {
				c.add(ErrHoleOutsideShell, pi, hi, 0, h.pts[0], "hole lies wholly outside the shell")
				continue
			}
			_, out, _, outAt, nOut := ringAgainst(h, c.locator(pi, 0))
			if out >= 0 {
				d := fmt.Sprintf("hole lies partly outside the shell (%d of %d vertices outside)", nOut, len(h.pts)-1)
				if nOut == len(h.pts)-1 {
					d = "hole lies wholly outside the shell"
				}
				e := c.add(ErrHoleOutsideShell, pi, hi, out, outAt, d)
				e.OtherRing = 0
			}
		}
		for h1 := 1; h1 < len(cp.rings); h1++ {
			for h2 := h1 + 1; h2 < len(cp.rings); h2++ {
				r1, r2 := &cp.rings[h1], &cp.rings[h2]
				if !boundsMeet(r1.bound, r2.bound) || c.crossed(pi, h1, pi, h2) {
					continue
				}
				if in, _, inAt, _, _ := ringAgainst(r2, c.locator(pi, 1+h1)); in >= 0 {
					e := c.add(ErrHolesOverlap, pi, h2, in, inAt, fmt.Sprintf("hole %d lies inside hole %d", h2, h1))
					e.OtherRing = h1
				} else if in, _, inAt, _, _ := ringAgainst(r1, c.locator(pi, 1+h2)); in >= 0 {
					e := c.add(ErrHolesOverlap, pi, h1, in, inAt, fmt.Sprintf("hole %d lies inside hole %d", h1, h2))
					e.OtherRing = h2
				}
			}
		}
	}
	if len(c.polys) < 2 {
		return
	}
	// Polygons of a multipolygon: sweep their bounds along x.
	order := make([]int, 0, len(c.polys))
	for pi := range c.polys {
		if c.polys[pi].ok {
			order = append(order, pi)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		if x := cmp.Compare(c.polys[a].bound.Min[0], c.polys[b].bound.Min[0]); x != 0 {
			return x
		}
		return cmp.Compare(a, b)
	})
	for k, a := range order {
		for _, b := range order[k+1:] {
			if c.polys[b].bound.Min[0] > c.polys[a].bound.Max[0] {
				break
			}
			i, j := min(a, b), max(a, b)
			if !boundsMeet(c.polys[i].bound, c.polys[j].bound) || c.anyPolyPairCrossed(i, j) {
				continue
			}
			for _, dir := range [2][2]int{{j, i}, {i, j}} {
				inner, outer := dir[0], dir[1]
				if in, _, inAt, _, _ := ringAgainst(&c.polys[inner].rings[0], c.locator(outer, 1)); in >= 0 {
					e := c.add(ErrPolygonsOverlap, inner, 0, in, inAt, fmt.Sprintf("polygon %d lies (partly) inside polygon %d", inner, outer))
					e.OtherPolygon = c.polyIndex(outer)
					break
				}
			}
		}
	}
}

// anyPolyPairCrossed reports whether some ring of polygon i was reported crossing some ring of
// polygon j.
func (c *geomChecker) anyPolyPairCrossed(i, j int) bool {
	for ri := range c.polys[i].rings {
		for rj := range c.polys[j].rings {
			if c.crossed(i, ri, j, rj) {
				return true
			}
		}
	}
	return false
}

// checkSlivers measures every usable, simple ring in metres and reports those below the
// tolerances. Longitude/latitude rings are measured in a LocalTM centred on the geometry.
func (c *geomChecker) checkSlivers() {
	if !c.haveBound || (c.sliverArea < 0 && c.sliverWidth < 0) {
		return
	}
	var tm *TransverseMercator
	if !c.planar {
		tm = LocalTM(c.bound.Center())
	}
	var buf []orb.Point
	for pi := range c.polys {
		for ri := range c.polys[pi].rings {
			cr := &c.polys[pi].rings[ri]
			if !cr.ok || cr.selfBad {
				continue
			}
			buf = buf[:0]
			for _, p := range cr.pts {
				if tm != nil {
					p = tm.Forward(p)
				}
				buf = append(buf, p)
			}
			area := math.Abs(shoelaceOfOverlay(buf))
			var perim float64
			for k := 0; k+1 < len(buf); k++ {
				perim += math.Hypot(buf[k+1][0]-buf[k][0], buf[k+1][1]-buf[k][1])
			}
			width := 0.0
			if perim > 0 {
				width = 2 * area / perim
			}
			switch {
			case c.sliverArea > 0 && area < c.sliverArea:
				c.add(ErrSliver, pi, ri, 0, cr.pts[0], fmt.Sprintf("area %.4g m² is below the tolerance %.4g m²", area, c.sliverArea))
			case c.sliverWidth > 0 && width < c.sliverWidth:
				c.add(ErrSliver, pi, ri, 0, cr.pts[0], fmt.Sprintf("mean width 2A/P = %.4g m is below the tolerance %.4g m (area %.4g m², perimeter %.4g m)",
					width, c.sliverWidth, area, perim))
			}
		}
	}
}
