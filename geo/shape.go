package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// flatShape is a geometry flattened into one slice of planar points, the form the prepared
// predicates, distances and the join work on. It is reused between calls to avoid allocation.
type flatShape struct {
	pts   []orb.Point
	parts []shapePart
	areal bool // made of rings that enclose area (even-odd rule)
	bound orb.Bound
}

// shapePartKind says what a run of points is.
type shapePartKind int8

const (
	shapePoint shapePartKind = iota // a single point
	shapeLine                       // a polyline of ≥ 2 points
	shapeRing                       // a closed ring (last point equals first), part of an area
)

// shapePart is pts[start:end] of a flatShape.
type shapePart struct {
	start, end int32
	kind       shapePartKind
	hole       bool // a ring that is a hole of its polygon
	bound      orb.Bound
}

// PointLocation is where a point lies relative to a polygonal geometry.
type PointLocation int8

// The locations of a point relative to a polygonal geometry.
const (
	PointOutside    PointLocation = iota // in the exterior
	PointOnBoundary                      // on a ring, to the exactness of the predicates
	PointInside                          // in the interior
)

// String returns "outside", "on boundary" or "inside".
func (l PointLocation) String() string {
	switch l {
	case PointOutside:
		return "outside"
	case PointOnBoundary:
		return "on boundary"
	case PointInside:
		return "inside"
	}
	return fmt.Sprintf("PointLocation(%d)", int8(l))
}

// reset empties s, keeping its capacity.
func (s *flatShape) reset() {
	s.pts = s.pts[:0]
	s.parts = s.parts[:0]
	s.areal = false
	s.bound = orb.Bound{}
}

// shapeLoadError says why a geometry could not be flattened: its kind and where.
type shapeLoadError struct {
	kind  error
	where orb.Point
	what  string
}

// load flattens g into s (after reset), projecting each point with tm when it is not nil.
// With lonlat set, coordinates must be valid longitudes and latitudes. Unclosed rings are
// closed; consecutive repeated points are kept. Supported: Point, MultiPoint, LineString,
// MultiLineString, Ring, Polygon, MultiPolygon, Bound.
func (s *flatShape) load(g orb.Geometry, lonlat bool, tm *TransverseMercator) *shapeLoadError {
	s.reset()
	var bad *shapeLoadError
	add := func(p orb.Point) {
		if bad != nil {
			return
		}
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			bad = &shapeLoadError{ErrNotFinite, p, "coordinate is NaN or infinite"}
			return
		}
		if lonlat && (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
			bad = &shapeLoadError{ErrLonLatRange, p, "longitude or latitude out of range"}
			return
		}
		if !lonlat && (math.Abs(p[0]) > MaxPlanarCoordinate || math.Abs(p[1]) > MaxPlanarCoordinate) {
			bad = &shapeLoadError{ErrLonLatRange, p, fmt.Sprintf("planar coordinates must be within ±%g m", MaxPlanarCoordinate)}
			return
		}
		if tm != nil {
			p = tm.Forward(p)
		}
		s.pts = append(s.pts, p)
	}
	addRun := func(pts []orb.Point, kind shapePartKind, hole bool) {
		if len(pts) == 0 {
			return
		}
		start := int32(len(s.pts))
		for _, p := range pts {
			add(p)
		}
		if bad != nil {
			return
		}
		switch {
		case kind == shapeRing && len(pts) > 1 && pts[0] != pts[len(pts)-1]:
			s.pts = append(s.pts, s.pts[start])
		case len(pts) == 1:
			kind = shapePoint
		}
		s.parts = append(s.parts, shapePart{start: start, end: int32(len(s.pts)), kind: kind, hole: hole})
	}
	addPolygon := func(p orb.Polygon) {
		for i, r := range p {
			addRun(r, shapeRing, i > 0)
		}
	}
	switch g := g.(type) {
	case orb.Point:
		addRun([]orb.Point{g}, shapePoint, false)
	case orb.MultiPoint:
		for _, p := range g {
			addRun([]orb.Point{p}, shapePoint, false)
		}
	case orb.LineString:
		addRun(g, shapeLine, false)
	case orb.MultiLineString:
		for _, l := range g {
			addRun(l, shapeLine, false)
		}
	case orb.Ring:
		s.areal = true
		addRun(g, shapeRing, false)
	case orb.Polygon:
		s.areal = true
		addPolygon(g)
	case orb.MultiPolygon:
		s.areal = true
		for _, p := range g {
			addPolygon(p)
		}
	case orb.Bound:
		if g.Min[0] > g.Max[0] || g.Min[1] > g.Max[1] {
			return &shapeLoadError{ErrEmpty, orb.Point{}, "bound has Min beyond Max"}
		}
		s.areal = true
		addPolygon(g.ToPolygon())
	case nil:
		return &shapeLoadError{ErrEmpty, orb.Point{}, "nil geometry"}
	default:
		return &shapeLoadError{ErrUnsupportedGeometry, orb.Point{}, fmt.Sprintf("%T is not supported", g)}
	}
	if bad != nil {
		return bad
	}
	if len(s.parts) == 0 {
		return &shapeLoadError{ErrEmpty, orb.Point{}, "no points"}
	}
	s.setBounds()
	return nil
}

// setBounds computes the bounds of the parts and of the whole from the points.
func (s *flatShape) setBounds() {
	for i := range s.parts {
		pt := &s.parts[i]
		b := boundOfPointsForShape(s.pts[pt.start:pt.end])
		pt.bound = b
		if i == 0 {
			s.bound = b
		} else {
			s.bound = orb.Bound{Min: orb.Point{math.Min(s.bound.Min[0], b.Min[0]), math.Min(s.bound.Min[1], b.Min[1])},
				Max: orb.Point{math.Max(s.bound.Max[0], b.Max[0]), math.Max(s.bound.Max[1], b.Max[1])}}
		}
	}
}

// boundOfPointsForShape returns the bound of a non-empty run of points.
func boundOfPointsForShape(pts []orb.Point) orb.Bound {
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		lo = orb.Point{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
		hi = orb.Point{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
	}
	return orb.Bound{Min: lo, Max: hi}
}

// asGeometryError turns a load error into a GeometryError naming feature.
func (e *shapeLoadError) asGeometryError(feature string, planar bool) *GeometryError {
	ge := newGeometryError(feature, e.kind, planar)
	ge.Where = e.where
	ge.Detail = e.what
	return ge
}

// boundsMeet reports whether two closed bounds have a common point.
func boundsMeet(a, b orb.Bound) bool {
	return a.Min[0] <= b.Max[0] && b.Min[0] <= a.Max[0] && a.Min[1] <= b.Max[1] && b.Min[1] <= a.Max[1]
}

// boundHas reports whether p lies in the closed bound b.
func boundHas(b orb.Bound, p orb.Point) bool {
	return b.Min[0] <= p[0] && p[0] <= b.Max[0] && b.Min[1] <= p[1] && p[1] <= b.Max[1]
}

// locateBrute locates p against the rings of s by the even-odd rule, testing every edge. It is
// for small shapes; shapeIndex.locate is the indexed version.
func (s *flatShape) locateBrute(p orb.Point) PointLocation {
	if !s.areal || !boundHas(s.bound, p) {
		return PointOutside
	}
	inside := false
	for _, pt := range s.parts {
		if pt.kind != shapeRing || !boundHas(pt.bound, p) {
			continue
		}
		for i := pt.start; i+1 < pt.end; i++ {
			switch crossingOfRay(s.pts[i], s.pts[i+1], p) {
			case rayOnEdge:
				return PointOnBoundary
			case rayCrosses:
				inside = !inside
			}
		}
	}
	if inside {
		return PointInside
	}
	return PointOutside
}

// rayResult is how the ray from a point towards +x meets an edge.
type rayResult int8

const (
	rayMisses rayResult = iota
	rayCrosses
	rayOnEdge
)

// crossingOfRay tests edge ab against the ray from p towards +x with the half-open rule (an
// edge counts when one end is at or below p and the other above), exactly; it reports rayOnEdge
// when p lies on the closed edge.
func crossingOfRay(a, b, p orb.Point) rayResult {
	if (a[1] > p[1]) == (b[1] > p[1]) {
		// Both ends on the same side of the ray's line: only a point on a horizontal edge or at
		// an end can be on the edge.
		if (a[1] == p[1] || b[1] == p[1]) && inSegBox(a, b, p) && segOrient(a, b, p) == 0 {
			return rayOnEdge
		}
		return rayMisses
	}
	o := segOrient(a, b, p)
	if o == 0 {
		return rayOnEdge // p is between the ends in y and on the line: on the edge
	}
	if (b[1] > a[1]) == (o > 0) {
		return rayCrosses // upward edge with p on its left, or downward edge with p on its right
	}
	return rayMisses
}

// planarArea returns the area of the areal parts of s: shells minus holes, each ring taken
// with its absolute area, in the square of the coordinate unit.
func (s *flatShape) planarArea() float64 {
	var a float64
	for _, pt := range s.parts {
		if pt.kind != shapeRing {
			continue
		}
		r := math.Abs(shoelaceOfOverlay(s.pts[pt.start:pt.end]))
		if pt.hole {
			a -= r
		} else {
			a += r
		}
	}
	return a
}

// shoelaceOfOverlay returns the signed area of a closed ring (positive counter-clockwise),
// with coordinates taken relative to the first point to keep the products small.
func shoelaceOfOverlay(r []orb.Point) float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0]
	var s float64
	for i := 1; i+1 < len(r); i++ {
		s += (r[i][0]-o[0])*(r[i+1][1]-o[1]) - (r[i+1][0]-o[0])*(r[i][1]-o[1])
	}
	return s / 2
}
