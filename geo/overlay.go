package geo

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// overlayOp is one of the overlay operations.
type overlayOp int8

const (
	opIntersection overlayOp = iota
	opUnion
	opDifference
)

// overlayRun checks the inputs, projects them to one frame and runs op on them (for
// opUnion on all of them; the others take two).
func overlayRun(planar bool, op overlayOp, names []string, gs []orb.Geometry) (geom.Geometry, *overlayFrame, error) {
	var errs GeometryErrors
	for i, g := range gs {
		errs = append(errs, checkAreal(names[i], g, planar)...)
	}
	if len(errs) > 0 {
		return geom.Geometry{}, nil, errs
	}
	f := &overlayFrame{}
	if len(gs) > 0 {
		f = newOverlayFrame(boundOfOverlayInputs(gs), planar)
	}
	sfs := make([]geom.Geometry, len(gs))
	for i, g := range gs {
		sfs[i] = sfOfOrb(g, f)
	}
	var res geom.Geometry
	var err error
	switch op {
	case opIntersection:
		res, err = geom.Intersection(sfs[0], sfs[1])
	case opDifference:
		res, err = geom.Difference(sfs[0], sfs[1])
	case opUnion:
		switch len(sfs) {
		case 0:
			return geom.Polygon{}.AsGeometry(), f, nil
		case 1:
			res = sfs[0]
		case 2:
			res, err = geom.Union(sfs[0], sfs[1])
		default:
			res, err = geom.UnionMany(sfs)
		}
	}
	if err != nil {
		e := newGeometryError(strings.Join(names, ", "), ErrOverlay, planar)
		e.Detail = err.Error()
		return geom.Geometry{}, nil, e
	}
	return res, f, nil
}

// checkAreal checks a polygonal overlay input and returns its problems.
func checkAreal(name string, g orb.Geometry, planar bool) GeometryErrors {
	return newOverlayChecker(name, planar).run(g)
}

// boundOfOverlayInputs returns the bound of all gs (which have been checked).
func boundOfOverlayInputs(gs []orb.Geometry) orb.Bound {
	b := gs[0].Bound()
	for _, g := range gs[1:] {
		b = b.Union(g.Bound())
	}
	return b
}

// overlayPlanarResult runs an overlay and returns its polygons in the plane, cleaned of noise,
// with their area.
func overlayPlanarResult(planar bool, op overlayOp, names []string, gs []orb.Geometry) ([]orb.Polygon, float64, *overlayFrame, error) {
	res, f, err := overlayRun(planar, op, names, gs)
	if err != nil {
		return nil, 0, nil, err
	}
	polys, area := planarPolygonsOfSF(res, noiseOfFrame(f, res))
	return polys, area, f, nil
}

func overlayGeometry(planar bool, op overlayOp, names []string, gs []orb.Geometry) (orb.Geometry, error) {
	polys, _, f, err := overlayPlanarResult(planar, op, names, gs)
	if err != nil {
		return nil, err
	}
	return orbOfPlanarPolygons(polys, f), nil
}

func overlayArea(planar bool, op overlayOp, names []string, gs []orb.Geometry) (float64, error) {
	_, area, _, err := overlayPlanarResult(planar, op, names, gs)
	return area, err
}

var (
	namesAB = []string{"a", "b"}
)

// namesOfOverlayInputs names the members of gs for errors: gs[0], gs[1], ….
func namesOfOverlayInputs(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("gs[%d]", i)
	}
	return names
}

// Intersection returns the part common to polygons a and b, in longitude/latitude degrees.
// What it says about frames, checks and results holds for all the overlay functions (Union,
// UnionMany, Difference, Buffer, their *Area and *Planar forms).
//
// The functions without a suffix take longitude/latitude degrees. Each picks one metric frame
// for the call, a LocalTM (transverse Mercator on WGS84, scale 1 on its central meridian)
// centred on the centre of the bound of all its inputs; projects the inputs there; runs the
// overlay of simplefeatures (a pure-Go port of JTS OverlayNG, with its robust fallbacks); and
// maps the result back. Vertices that the overlay leaves unchanged come back bit for bit as they
// came in. Areas are planar in that frame: the scale of a transverse Mercator grows as
// 1 + x²/2R² with the distance x from its central meridian, so an area spread over an
// east–west width W is too large by at most about (W/2R)²: 6e-10 for a 300 m compound, 6e-8 for
// 3 km, 6e-6 for a 30 km district (R ≈ 6371 km). Use the geodesic area of package geo for large
// polygons. Edges are straight lines in the frame, so a point where two edges cross comes back
// on the frame's straight line, which differs from a straight line in degrees by well under a
// millimetre over a district.
//
// The functions with the suffix Planar take geometries the caller has already projected to
// planar metres (any projection: a LocalTM of the district, a Gauss-Krüger zone) and return
// results in the same plane, so that a district projected once can be overlaid many times
// without projecting again. Areas are then in the square of the plane's unit.
//
// Inputs are orb.Polygon, orb.MultiPolygon, orb.Ring (a polygon without holes) or orb.Bound.
// They are checked first, as Validate does, for what the overlay engine needs: finite
// coordinates (in range, for degrees), closed rings of at least three distinct vertices, no
// self-intersections, holes inside their shells and apart, polygons of a multipolygon apart.
// Winding, repeated points and slivers are accepted. Problems come back as GeometryErrors naming
// the argument ("a", "b", or "gs[7]"); call Validate with your own feature names first to get
// errors that name your features. A failure of the engine itself (a numerical degeneracy it
// cannot resolve; none was seen in testing) is a *GeometryError of kind ErrOverlay.
//
// Results are orb.Polygon when one polygon results and orb.MultiPolygon otherwise; an empty
// result is an empty orb.MultiPolygon (len 0). Rings follow RFC 7946: exterior
// counter-clockwise, holes clockwise. Where inputs merely touch, the points or lines they share
// are not part of a polygonal result and are dropped. So are slivers that are artefacts of the
// frame: an edge straight in degrees is slightly curved in the frame (by L²·tan φ/8R over a
// length L), so edges collinear in degrees but with different vertices leave slivers between
// them, 0.4 mm wide for 190 m along a parallel at 31°N. A result ring whose mean width 2A/P is
// below (tan φ + 0.1)·(P/2)²/4R, plus 1e-14 of the coordinates' magnitude for rounding, is
// dropped (for the Planar functions only the rounding term applies): below 1 mm for a ring of
// 380 m perimeter, 2.6 cm for 2 km, far below any real compound, building or hole.
func Intersection(a, b orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(false, opIntersection, namesAB, []orb.Geometry{a, b})
}

// IntersectionArea returns the area in m² of the part common to polygons a and b (lon/lat
// degrees), planar in the LocalTM centred on the bound of both; see Intersection.
func IntersectionArea(a, b orb.Geometry) (float64, error) {
	return overlayArea(false, opIntersection, namesAB, []orb.Geometry{a, b})
}

// Union returns the part covered by a or b (lon/lat degrees); see Intersection.
func Union(a, b orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(false, opUnion, namesAB, []orb.Geometry{a, b})
}

// UnionArea returns the area in m² covered by a or b (lon/lat degrees); see Intersection.
func UnionArea(a, b orb.Geometry) (float64, error) {
	return overlayArea(false, opUnion, namesAB, []orb.Geometry{a, b})
}

// UnionMany returns the part covered by any of gs (lon/lat degrees), unioned in one cascaded
// pass (much faster than folding Union). No inputs give an empty orb.MultiPolygon. See
// Intersection.
func UnionMany(gs []orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(false, opUnion, namesOfOverlayInputs(len(gs)), gs)
}

// UnionManyArea returns the area in m² covered by any of gs (lon/lat degrees); see
// Intersection.
func UnionManyArea(gs []orb.Geometry) (float64, error) {
	return overlayArea(false, opUnion, namesOfOverlayInputs(len(gs)), gs)
}

// Difference returns the part of a not covered by b (lon/lat degrees); see Intersection.
func Difference(a, b orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(false, opDifference, namesAB, []orb.Geometry{a, b})
}

// DifferenceArea returns the area in m² of the part of a not covered by b (lon/lat degrees);
// see Intersection.
func DifferenceArea(a, b orb.Geometry) (float64, error) {
	return overlayArea(false, opDifference, namesAB, []orb.Geometry{a, b})
}

// IntersectionPlanar is Intersection for polygons in planar metres; the result is in the same
// plane.
func IntersectionPlanar(a, b orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(true, opIntersection, namesAB, []orb.Geometry{a, b})
}

// IntersectionAreaPlanar is IntersectionArea for polygons in planar metres (result in m²).
func IntersectionAreaPlanar(a, b orb.Geometry) (float64, error) {
	return overlayArea(true, opIntersection, namesAB, []orb.Geometry{a, b})
}

// UnionPlanar is Union for polygons in planar metres.
func UnionPlanar(a, b orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(true, opUnion, namesAB, []orb.Geometry{a, b})
}

// UnionAreaPlanar is UnionArea for polygons in planar metres (result in m²).
func UnionAreaPlanar(a, b orb.Geometry) (float64, error) {
	return overlayArea(true, opUnion, namesAB, []orb.Geometry{a, b})
}

// UnionManyPlanar is UnionMany for polygons in planar metres.
func UnionManyPlanar(gs []orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(true, opUnion, namesOfOverlayInputs(len(gs)), gs)
}

// UnionManyAreaPlanar is UnionManyArea for polygons in planar metres (result in m²).
func UnionManyAreaPlanar(gs []orb.Geometry) (float64, error) {
	return overlayArea(true, opUnion, namesOfOverlayInputs(len(gs)), gs)
}

// DifferencePlanar is Difference for polygons in planar metres.
func DifferencePlanar(a, b orb.Geometry) (orb.Geometry, error) {
	return overlayGeometry(true, opDifference, namesAB, []orb.Geometry{a, b})
}

// DifferenceAreaPlanar is DifferenceArea for polygons in planar metres (result in m²).
func DifferenceAreaPlanar(a, b orb.Geometry) (float64, error) {
	return overlayArea(true, opDifference, namesAB, []orb.Geometry{a, b})
}
