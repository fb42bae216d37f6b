package geo

import (
	"sync"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// Prepared is a polygon indexed for many predicate tests and intersections against other
// geometries: point-in-polygon, intersects, contains-properly, distance, and the area of the
// intersection with a footprint. Its edges are indexed by horizontal bands, so a point test
// reads one band and an edge test a few, and its predicates are exact (orientation by exact
// arithmetic), whatever the number of vertices.
//
// Make one with Prepare (longitude/latitude degrees: it works in a LocalTM centred on the
// polygon's bound and projects each query geometry there) or PreparePlanar (planar metres:
// queries must be in the same plane, and nothing is projected). The query methods take and
// return the coordinates of the constructor.
//
// The predicates test the geometry as given and do not validate the query geometry; for a
// self-intersecting query they answer by the even-odd rule. IntersectionArea and Intersection
// check the query as the overlay functions do. A Prepared is immutable and safe for concurrent
// use.
type Prepared struct {
	ix     shapeIndex
	tm     *TransverseMercator // nil for PreparePlanar
	frame  *overlayFrame       // tm and its latitude, for the overlay's artefact threshold
	planar bool
	orig   orb.Geometry // a copy of the polygon as given
	sfOnce sync.Once
	sf     geom.Geometry // the polygon for the overlay engine, built on first need
}

// Prepare indexes polygon g (orb.Polygon, orb.MultiPolygon, orb.Ring or orb.Bound, in
// longitude/latitude degrees) for repeated tests. It checks g as Intersection does and returns
// GeometryErrors naming it "g" if it is not valid.
func Prepare(g orb.Geometry) (*Prepared, error) {
	return prepareIn(g, false)
}

// PreparePlanar is Prepare for a polygon already projected to planar metres.
func PreparePlanar(g orb.Geometry) (*Prepared, error) {
	return prepareIn(g, true)
}

func prepareIn(g orb.Geometry, planar bool) (*Prepared, error) {
	if errs := checkAreal("g", g, planar); len(errs) > 0 {
		return nil, errs
	}
	p := &Prepared{planar: planar, orig: orb.Clone(g)}
	p.frame = newOverlayFrame(g.Bound(), planar)
	p.tm = p.frame.tm
	if le := p.ix.shape.load(g, !planar, p.tm); le != nil {
		return nil, GeometryErrors{le.asGeometryError("g", planar)} // cannot happen after the check
	}
	p.ix.build()
	return p, nil
}

// Bound returns the bound of the prepared polygon in the coordinates it was given in.
func (p *Prepared) Bound() orb.Bound { return p.orig.Bound() }

// queryShapes recycles the flattened query geometries, so that the predicates allocate nothing.
var queryShapes = sync.Pool{New: func() any { return new(flatShape) }}

// load flattens a query geometry into a pooled shape in the prepared plane.
func (p *Prepared) load(g orb.Geometry) (*flatShape, error) {
	s := queryShapes.Get().(*flatShape)
	if le := s.load(g, !p.planar, p.tm); le != nil {
		queryShapes.Put(s)
		return nil, GeometryErrors{le.asGeometryError("g", p.planar)}
	}
	return s, nil
}

// LocatePoint returns whether pt lies inside, on the boundary of, or outside the polygon.
// A point with NaN or out-of-range coordinates is outside.
func (p *Prepared) LocatePoint(pt orb.Point) PointLocation {
	if !p.planar {
		if !(pt[0] >= -180 && pt[0] <= 180 && pt[1] >= -90 && pt[1] <= 90) {
			return PointOutside
		}
		pt = p.tm.Forward(pt)
	}
	return p.ix.locate(pt)
}

// ContainsPoint reports whether pt lies in the interior of the polygon (not on its boundary;
// use LocatePoint to tell the boundary apart).
func (p *Prepared) ContainsPoint(pt orb.Point) bool {
	return p.LocatePoint(pt) == PointInside
}

// Intersects reports whether g (any orb geometry but a Collection) has a point in common with
// the polygon, boundary included. Errors: GeometryErrors for an empty, unsupported or
// non-finite (or, in degrees, out-of-range) g.
func (p *Prepared) Intersects(g orb.Geometry) (bool, error) {
	s, err := p.load(g)
	if err != nil {
		return false, err
	}
	defer queryShapes.Put(s)
	return p.ix.intersects(s), nil
}

// ContainsProperly reports whether g lies in the interior of the polygon without touching its
// boundary: "this footprint is wholly inside the compound". Errors as for Intersects.
func (p *Prepared) ContainsProperly(g orb.Geometry) (bool, error) {
	s, err := p.load(g)
	if err != nil {
		return false, err
	}
	defer queryShapes.Put(s)
	return p.ix.containsProperly(s), nil
}

// DistanceTo returns the distance in metres from the polygon to g: 0 if they intersect,
// otherwise the planar distance between their nearest points in the prepared plane (the
// LocalTM of Prepare, good to a relative (D/R)² for geometries D apart or wide; see
// GeometryDistance for a geodesic figure). Errors as for Intersects.
func (p *Prepared) DistanceTo(g orb.Geometry) (float64, error) {
	s, err := p.load(g)
	if err != nil {
		return 0, err
	}
	defer queryShapes.Put(s)
	return distanceOfShapes(&p.ix, s), nil
}

// IntersectionArea returns the area in m² of the part of polygon g inside the prepared
// polygon, planar in the prepared plane. It is fast on the cases a district is made of: g
// wholly inside (its own area, no overlay), g outside (0), and g a convex ring crossing the
// boundary (exact clipping, no overlay engine); only other crossing shapes go through the
// overlay engine. Lines and points have no area and give 0. Errors: GeometryErrors for g as the
// overlay functions report them (named "g").
func (p *Prepared) IntersectionArea(g orb.Geometry) (float64, error) {
	s, err := p.load(g)
	if err != nil {
		return 0, err
	}
	defer queryShapes.Put(s)
	if !s.areal || !boundsMeet(s.bound, p.ix.shape.bound) {
		return 0, nil
	}
	if !quickValidShape(s) {
		if errs := checkAreal("g", g, p.planar); len(errs) > 0 {
			return 0, errs
		}
	}
	if p.ix.containsProperly(s) {
		return s.planarArea(), nil
	}
	if !p.ix.intersects(s) {
		return 0, nil
	}
	if len(s.parts) == 1 && s.parts[0].end-s.parts[0].start <= maxClipVertices {
		ring := s.pts[s.parts[0].start:s.parts[0].end]
		if convex, ccw := convexRingOfOverlay(ring); convex {
			return p.clipArea(ring, ccw), nil
		}
		if area, ok := p.triangleClipArea(ring); ok {
			return area, nil
		}
	}
	res, err := p.overlay(g)
	if err != nil {
		return 0, err
	}
	_, area := planarPolygonsOfSF(res, noiseOfFrame(p.frame, res))
	return area, nil
}

// maxClipVertices is the size up to which a footprint crossing the boundary is cut into
// triangles and clipped rather than sent to the overlay engine; ear clipping is O(n²).
const maxClipVertices = 64

// triangleClipArea returns the area of the prepared polygon inside the simple ring r, by
// cutting r into triangles and clipping against each; ok is false if r could not be cut.
func (p *Prepared) triangleClipArea(r []orb.Point) (area float64, ok bool) {
	sc := clipScratches.Get().(*clipScratch)
	defer clipScratches.Put(sc)
	sc.idx, ok = earTriangles(r, sc.idx, func(t *[4]orb.Point) {
		area += p.clipAreaWith(t[:], true, sc)
	})
	return area, ok
}

// clipScratches recycles the work space of convex clipping.
var clipScratches = sync.Pool{New: func() any { return new(clipScratch) }}

// clipArea returns the area of the prepared polygon inside the convex ring c.
func (p *Prepared) clipArea(c []orb.Point, ccw bool) float64 {
	sc := clipScratches.Get().(*clipScratch)
	defer clipScratches.Put(sc)
	return p.clipAreaWith(c, ccw, sc)
}

func (p *Prepared) clipAreaWith(c []orb.Point, ccw bool, sc *clipScratch) float64 {
	if !ccw {
		// Clip against the counter-clockwise ring; reversing a copy keeps the query intact.
		rev := make([]orb.Point, len(c))
		for i := range c {
			rev[i] = c[len(c)-1-i]
		}
		c = rev
	}
	cb := orb.MultiPoint(c).Bound()
	s := &p.ix.shape
	var area float64
	for _, pt := range s.parts {
		if pt.kind != shapeRing || !boundsMeet(pt.bound, cb) {
			continue
		}
		a := convexClipArea(s.pts[pt.start:pt.end], c, sc)
		if pt.hole {
			area -= a
		} else {
			area += a
		}
	}
	return max(area, 0)
}

// Intersection returns the part of polygon g inside the prepared polygon, in the prepared
// coordinates, as Intersection does (orb.Polygon, or orb.MultiPolygon when empty or in
// pieces). A g wholly inside comes back as a copy of itself (rewound to RFC 7946) and a g
// outside as an empty MultiPolygon, both without the overlay engine. Errors as for
// IntersectionArea.
func (p *Prepared) Intersection(g orb.Geometry) (orb.Geometry, error) {
	s, err := p.load(g)
	if err != nil {
		return nil, err
	}
	defer queryShapes.Put(s)
	if !s.areal {
		return nil, GeometryErrors{newGeometryErrorWith("g", ErrNotPolygonal, p.planar, "Intersection needs a polygon")}
	}
	if errs := checkAreal("g", g, p.planar); len(errs) > 0 {
		return nil, errs
	}
	if !p.ix.intersects(s) {
		return orb.MultiPolygon{}, nil
	}
	f := &overlayFrame{tm: p.tm, lat0: p.frame.lat0}
	if p.ix.containsProperly(s) {
		// Rewinding through the engine's converters keeps one code path for the output form.
		polys, _ := planarPolygonsOfSF(sfOfOrb(g, f), overlayNoise{})
		return orbOfPlanarPolygons(polys, f), nil
	}
	res, err := p.overlayIn(g, f)
	if err != nil {
		return nil, err
	}
	polys, _ := planarPolygonsOfSF(res, noiseOfFrame(f, res))
	return orbOfPlanarPolygons(polys, f), nil
}

// overlay intersects g with the prepared polygon in the overlay engine.
func (p *Prepared) overlay(g orb.Geometry) (geom.Geometry, error) {
	return p.overlayIn(g, &overlayFrame{tm: p.tm, lat0: p.frame.lat0})
}

func (p *Prepared) overlayIn(g orb.Geometry, f *overlayFrame) (geom.Geometry, error) {
	p.sfOnce.Do(func() { p.sf = sfOfOrb(p.orig, &overlayFrame{tm: p.tm}) })
	f.registerSnaps(p.orig)
	res, err := geom.Intersection(p.sf, sfOfOrb(g, f))
	if err != nil {
		e := newGeometryErrorWith("g", ErrOverlay, p.planar, err.Error())
		return geom.Geometry{}, e
	}
	return res, nil
}

// newGeometryErrorWith is newGeometryError with a detail.
func newGeometryErrorWith(feature string, kind error, planar bool, detail string) *GeometryError {
	e := newGeometryError(feature, kind, planar)
	e.Detail = detail
	return e
}

// quickValidShape reports, without allocating, whether every ring of s is simple and has at
// least three distinct vertices, for shapes of one ring up to sweepBruteMax edges (the
// common building footprint). It returns false when unsure; the caller then runs the full
// check.
func quickValidShape(s *flatShape) bool {
	if len(s.parts) != 1 || s.parts[0].kind != shapeRing {
		return false
	}
	r := s.pts[s.parts[0].start:s.parts[0].end]
	n := len(r) - 1
	if n < 3 || n > sweepBruteMax {
		return false
	}
	for i := range n {
		if r[i] == r[i+1] {
			return false
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			adjacent := j == i+1 || (i == 0 && j == n-1)
			if adjacent {
				if rel, _ := segRelate(r[i], r[i+1], r[j], r[j+1]); rel == segOverlap {
					return false
				}
				continue
			}
			a, b, c, d := r[i], r[i+1], r[j], r[j+1]
			if max(a[0], b[0]) < min(c[0], d[0]) || max(c[0], d[0]) < min(a[0], b[0]) ||
				max(a[1], b[1]) < min(c[1], d[1]) || max(c[1], d[1]) < min(a[1], b[1]) {
				continue
			}
			if segsMeet(a, b, c, d) {
				return false
			}
		}
	}
	return true
}
