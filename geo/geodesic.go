package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/geodesic"
)

// Geodesic measures on the ellipsoid, by github.com/tidwall/geodesic, a port of Karney's
// GeographicLib (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013), which
// agrees with GeographicLib's C++ PolygonArea to below 1e-9 m². Geometries are in lon/lat
// degrees (WGS84 or CGCS2000: the same coordinates); convert GCJ-02 and BD-09 first with
// Transform, since their offset stretches lengths by up to about 0.7 %.
//
// The measures follow PostGIS: Area counts polygons and rings only, Perimeter their boundaries
// (holes included), Length lines only; points have none of them.

// The geodesic solvers of the two ellipsoids of the package, made once; they are read-only.
var (
	geodesicWGS84    = geodesic.NewEllipsoid(EllipsoidWGS84.A, EllipsoidWGS84.F)
	geodesicCGCS2000 = geodesic.NewEllipsoid(EllipsoidCGCS2000.A, EllipsoidCGCS2000.F)
)

// geodesicOn returns the solver for e.
func geodesicOn(e Ellipsoid) *geodesic.Ellipsoid {
	switch e {
	case EllipsoidWGS84:
		return geodesicWGS84
	case EllipsoidCGCS2000:
		return geodesicCGCS2000
	}
	return geodesic.NewEllipsoid(e.A, e.F)
}

// Area returns the geodesic area in m² of g (lon/lat degrees) on the WGS84 ellipsoid; see
// AreaOn.
func Area(g orb.Geometry) float64 { return AreaOn(g, EllipsoidWGS84) }

// AreaOn returns the area in m² of g (lon/lat degrees) on the ellipsoid e, with edges along
// geodesics (Karney 2013). A ring counts the same whichever way it winds (a clockwise ring
// does not give the rest of the Earth: rings are taken to enclose less than half of it). A
// polygon's area is its outer ring's less its holes' (negative for an invalid polygon whose
// holes outweigh its shell: nothing is clamped); a MultiPolygon or Collection sums its
// members (overlaps count twice). An orb.Bound is the exact area between its two meridians and
// two parallels. Points and lines have area 0, as do nil and empty geometries. A ring need not
// repeat its first point. NaN or out-of-range coordinates give NaN; check with Validate first.
func AreaOn(g orb.Geometry, e Ellipsoid) float64 {
	if g == nil {
		return 0
	}
	ge := geodesicOn(e)
	switch g := g.(type) {
	case orb.Ring:
		a, _ := geodesicRing(ge, g, true)
		return a
	case orb.Polygon:
		return geodesicPolygonArea(ge, g)
	case orb.MultiPolygon:
		var sum float64
		for _, p := range g {
			sum += geodesicPolygonArea(ge, p)
		}
		return sum
	case orb.Collection:
		var sum float64
		for _, m := range g {
			sum += AreaOn(m, e)
		}
		return sum
	case orb.Bound:
		return geodesicBoundArea(e, g)
	}
	return 0
}

// Perimeter returns the geodesic perimeter in metres of g on the WGS84 ellipsoid; see
// PerimeterOn.
func Perimeter(g orb.Geometry) float64 { return PerimeterOn(g, EllipsoidWGS84) }

// PerimeterOn returns the length in metres, along geodesics on the ellipsoid e, of the
// boundary of g (lon/lat degrees): for a ring its length closed back to the first point, for
// a polygon the sum over all its rings, holes included, and sums over MultiPolygons and
// Collections. An orb.Bound's boundary is two meridian arcs and two arcs of parallels. Points
// and lines have perimeter 0 (use Length); so do nil and empty geometries. NaN or out-of-range
// coordinates give NaN.
func PerimeterOn(g orb.Geometry, e Ellipsoid) float64 {
	if g == nil {
		return 0
	}
	ge := geodesicOn(e)
	switch g := g.(type) {
	case orb.Ring:
		_, p := geodesicRing(ge, g, false)
		return p
	case orb.Polygon:
		return geodesicPolygonPerimeter(ge, g)
	case orb.MultiPolygon:
		var sum float64
		for _, p := range g {
			sum += geodesicPolygonPerimeter(ge, p)
		}
		return sum
	case orb.Collection:
		var sum float64
		for _, m := range g {
			sum += PerimeterOn(m, e)
		}
		return sum
	case orb.Bound:
		return geodesicBoundPerimeter(ge, e, g)
	}
	return 0
}

// Distance returns the geodesic distance in metres between a and b (lon/lat degrees) on the
// WGS84 ellipsoid, accurate to about 15 nm (Karney 2013). NaN coordinates give NaN.
func Distance(a, b orb.Point) float64 {
	var s12 float64
	geodesicWGS84.Inverse(a[1], a[0], b[1], b[0], &s12, nil, nil)
	return s12
}

// Length returns the geodesic length in metres on the WGS84 ellipsoid of the lines in g
// (lon/lat degrees): a LineString's length, a MultiLineString's sum, and in a Collection the
// sum over its members. Points, rings and polygons have length 0, as in PostGIS (use
// Perimeter for their boundaries); so do nil and empty geometries. NaN coordinates give NaN.
func Length(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.LineString:
		return geodesicLineLength(geodesicWGS84, g)
	case orb.MultiLineString:
		var sum float64
		for _, ls := range g {
			sum += geodesicLineLength(geodesicWGS84, ls)
		}
		return sum
	case orb.Collection:
		var sum float64
		for _, m := range g {
			sum += Length(m)
		}
		return sum
	}
	return 0
}

// geodesicRing returns the unsigned area and the perimeter of the ring r. The area is computed
// signed and its absolute value taken, so that the winding does not matter (with sign=false,
// GeographicLib returns the complement, the rest of the Earth, for a clockwise ring).
func geodesicRing(ge *geodesic.Ellipsoid, r orb.Ring, wantArea bool) (area, perimeter float64) {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n-- // the closing point adds a zero-length edge; skip it
	}
	if n < 2 {
		return 0, 0
	}
	poly := ge.PolygonInit(!wantArea)
	for _, p := range r[:n] {
		poly.AddPoint(p[1], p[0])
	}
	if wantArea {
		poly.Compute(false, true, &area, &perimeter)
		return math.Abs(area), perimeter
	}
	// A polyline does not close itself: add the closing edge.
	poly.AddPoint(r[0][1], r[0][0])
	poly.Compute(false, true, nil, &perimeter)
	return 0, perimeter
}

func geodesicPolygonArea(ge *geodesic.Ellipsoid, p orb.Polygon) float64 {
	if len(p) == 0 {
		return 0
	}
	a, _ := geodesicRing(ge, p[0], true)
	for _, hole := range p[1:] {
		h, _ := geodesicRing(ge, hole, true)
		a -= h
	}
	return a
}

func geodesicPolygonPerimeter(ge *geodesic.Ellipsoid, p orb.Polygon) float64 {
	var sum float64
	for _, r := range p {
		_, l := geodesicRing(ge, r, false)
		sum += l
	}
	return sum
}

func geodesicLineLength(ge *geodesic.Ellipsoid, ls orb.LineString) float64 {
	if len(ls) < 2 {
		return 0
	}
	line := ge.PolygonInit(true)
	for _, p := range ls {
		line.AddPoint(p[1], p[0])
	}
	var l float64
	line.Compute(false, true, nil, &l)
	return l
}

// geodesicBoundArea returns the area between the meridians b.Min[0], b.Max[0] and the
// parallels b.Min[1], b.Max[1] on e: Δλ·b²·[F(sin φ)] with F(s) = s/(2(1 − e²s²)) +
// atanh(e·s)/(2e), the integral of the area element M·N·cos φ dφ dλ = b² cos φ/(1 − e² sin² φ)²
// dφ dλ. An empty bound has area 0.
func geodesicBoundArea(e Ellipsoid, b orb.Bound) float64 {
	if b.Max[0] < b.Min[0] || b.Max[1] < b.Min[1] {
		return 0
	}
	ecc := e.eccentricity()
	q := func(latDeg float64) float64 {
		s := math.Sin(latDeg * math.Pi / 180)
		if ecc == 0 {
			return 2 * s
		}
		return s/(1-ecc*ecc*s*s) + math.Atanh(ecc*s)/ecc
	}
	bAxis := e.A * (1 - e.F)
	dLon := (b.Max[0] - b.Min[0]) * math.Pi / 180
	return dLon * bAxis * bAxis / 2 * (q(b.Max[1]) - q(b.Min[1]))
}

// geodesicBoundPerimeter returns the length of the boundary of the lon/lat box b on e: two
// meridian arcs (geodesics) and two arcs of parallels of radius N cos φ.
func geodesicBoundPerimeter(ge *geodesic.Ellipsoid, e Ellipsoid, b orb.Bound) float64 {
	if b.Max[0] < b.Min[0] || b.Max[1] < b.Min[1] {
		return 0
	}
	var meridian float64
	ge.Inverse(b.Min[1], 0, b.Max[1], 0, &meridian, nil, nil)
	dLon := (b.Max[0] - b.Min[0]) * math.Pi / 180
	parallel := func(latDeg float64) float64 {
		s, c := math.Sincos(latDeg * math.Pi / 180)
		return e.A / math.Sqrt(1-e.E2()*s*s) * c * dLon
	}
	if dLon == 0 {
		return 2 * meridian
	}
	return 2*meridian + parallel(b.Min[1]) + parallel(b.Max[1])
}
