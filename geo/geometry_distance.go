package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// GeometryDistance returns the distance in metres between geometries a and b (longitude/latitude
// degrees; any orb geometry but a Collection): 0 when they intersect (a point inside or on a
// polygon, crossing lines, overlapping polygons), otherwise the length of the shortest line
// between them.
//
// The nearest points are found in a LocalTM centred on the bound of both geometries, with
// edges taken as straight lines in that frame; the distance between those two points is then
// the geodesic distance on the WGS84 ellipsoid (Karney's algorithm, as GeographicLib). Planar
// distances in a LocalTM differ from geodesic ones by a relative (D/R)² or so for points D from
// its centre (R ≈ 6371 km): 2.5e-8 at 1 km, 6e-7 at 5 km, so searching there finds the nearest
// points to well under a millimetre over a district, and because the distance is stationary
// at its minimum, measuring it geodesically between them leaves an error of second order in
// that. Point to point, the result is the geodesic distance itself.
//
// Errors: GeometryErrors naming "a" or "b" for a nil, empty or unsupported geometry, or a
// coordinate that is not finite or out of range. Polygons are not validated; a
// self-intersecting one is taken by the even-odd rule.
func GeometryDistance(a, b orb.Geometry) (float64, error) {
	return distanceIn(a, b, "a", "b", false)
}

// PointGeometryDistance returns the distance in metres from point p to geometry g
// (longitude/latitude degrees), 0 if p lies inside or on g; see GeometryDistance.
func PointGeometryDistance(p orb.Point, g orb.Geometry) (float64, error) {
	return distanceIn(p, g, "p", "g", false)
}

// GeometryDistancePlanar is GeometryDistance for geometries in planar metres: the Euclidean
// distance between their nearest points, exact up to rounding.
func GeometryDistancePlanar(a, b orb.Geometry) (float64, error) {
	return distanceIn(a, b, "a", "b", true)
}

// PointGeometryDistancePlanar is PointGeometryDistance for planar metres.
func PointGeometryDistancePlanar(p orb.Point, g orb.Geometry) (float64, error) {
	return distanceIn(p, g, "p", "g", true)
}

func distanceIn(a, b orb.Geometry, nameA, nameB string, planar bool) (float64, error) {
	var errs GeometryErrors
	var sa, sb flatShape
	if le := sa.load(a, !planar, nil); le != nil {
		errs = append(errs, le.asGeometryError(nameA, planar))
	}
	if le := sb.load(b, !planar, nil); le != nil {
		errs = append(errs, le.asGeometryError(nameB, planar))
	}
	if len(errs) > 0 {
		return 0, errs
	}
	var tm *TransverseMercator
	if !planar {
		tm = LocalTM(sa.bound.Union(sb.bound).Center())
		for _, s := range []*flatShape{&sa, &sb} {
			for i, p := range s.pts {
				s.pts[i] = tm.Forward(p)
			}
			s.setBounds()
		}
	}
	// Index the larger shape; walk the edges of the smaller.
	big, small := &sa, &sb
	if len(sb.pts) > len(sa.pts) {
		big, small = &sb, &sa
	}
	ix := shapeIndex{shape: *big}
	ix.build()
	d2, onBig, onSmall := nearestOfShapes(&ix, small)
	if planar || d2 == 0 {
		return math.Sqrt(d2), nil
	}
	return Distance(tm.Inverse(onBig), tm.Inverse(onSmall)), nil
}

// nearestOfShapes returns the squared planar distance between an indexed shape and s, with the
// nearest point on each.
func nearestOfShapes(ix *shapeIndex, s *flatShape) (d2 float64, onIx, onS orb.Point) {
	// A first bound (s's first point to the nearest vertex) keeps the band search local.
	limit := math.Sqrt(ix.upperDistance2(s))
	d2, onIx, onS, found := ix.nearest(s, limit*(1+1e-9)+1e-300)
	if !found {
		d2, onIx, onS, _ = ix.nearest(s, math.Inf(1))
	}
	return d2, onIx, onS
}

// distanceOfShapes returns the planar distance between an indexed shape and s.
func distanceOfShapes(ix *shapeIndex, s *flatShape) float64 {
	d2, _, _ := nearestOfShapes(ix, s)
	return math.Sqrt(d2)
}
