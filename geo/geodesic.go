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
// ring that circles a pole k times counts the area it encloses k times, as GeographicLib 2.x's
// PolygonArea does (a result above half the ellipsoid's area wraps around it). A polygon's area is its outer ring's less its holes' (negative for an invalid polygon whose
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

// geodesicRing returns the unsigned area (with wantArea) and the perimeter of the ring r.
func geodesicRing(ge *geodesic.Ellipsoid, r orb.Ring, wantArea bool) (area, perimeter float64) {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n-- // the closing point adds a zero-length edge; skip it
	}
	if n < 2 {
		return 0, 0
	}
	if wantArea {
		return geodesicRingArea(ge, r[:n]), 0
	}
	// A polyline does not close itself: add the closing edge.
	poly := ge.PolygonInit(true)
	for _, p := range r[:n] {
		poly.AddPoint(p[1], p[0])
	}
	poly.AddPoint(r[0][1], r[0][0])
	poly.Compute(false, true, nil, &perimeter)
	return 0, perimeter
}

// geodesicRingArea returns the unsigned area of the ring r (at least two points, not closed),
// whichever way it winds, as GeographicLib 2.x's PolygonArea reduces it: the sum of the areas
// under its edges (exact-sum accumulated), reduced modulo the ellipsoid's area, shifted by half
// of it when the ring circles a pole an odd number of times, and put in (−area0/2, area0/2].
// A ring circling a pole k times counts the cap k times.
//
// The area is summed here rather than by the port's Polygon: its reduction adds the half
// ellipsoid whenever the ring crosses the prime meridian at all (crossings != 0) where
// GeographicLib tests the parity (crossings & 1), so a ring circling a pole twice came out
// with half the Earth added.
func geodesicRingArea(ge *geodesic.Ellipsoid, r orb.Ring) float64 {
	var hi, lo float64 // hi + lo is the sum, exactly up to the last rounding of lo
	crossings := 0
	for i, a := range r {
		b := r[(i+1)%len(r)]
		var s12 float64
		ge.GenInverse(a[1], a[0], b[1], b[0], nil, nil, nil, nil, nil, nil, &s12)
		var e float64
		hi, e = twoSumOfSeg(hi, s12)
		lo += e
		crossings += geodesicTransit(a[0], b[0])
	}
	hi, lo = twoSumOfSeg(hi, lo)
	area0 := geodesicEllipsoidArea(ge)
	area := math.Remainder(hi, area0) + lo
	if crossings%2 != 0 {
		if area < 0 {
			area += area0 / 2
		} else {
			area -= area0 / 2
		}
	}
	if area > area0/2 {
		area -= area0
	} else if area <= -area0/2 {
		area += area0
	}
	return math.Abs(area)
}

// geodesicTransit returns 1 if the edge from longitude lon1 to lon2 (degrees, taken the short
// way, as the geodesic solver takes it) crosses the prime meridian eastwards, −1 if westwards,
// else 0; longitude ±0 counts as east of it, as in GeographicLib 2.x.
func geodesicTransit(lon1, lon2 float64) int {
	lon1, lon2 = geodesicAngNormalize(lon1), geodesicAngNormalize(lon2)
	lon12 := geodesicAngNormalize(lon2 - lon1)
	switch {
	case lon12 > 0 && (lon1 < 0 && lon2 >= 0 || lon1 > 0 && lon2 == 0):
		return 1 // lon1 > 0, lon2 == 0 is the edge from 180 on to 360 = 0
	case lon12 < 0 && lon1 >= 0 && lon2 < 0:
		return -1
	}
	return 0
}

// geodesicAngNormalize reduces x (degrees) to (−180, 180].
func geodesicAngNormalize(x float64) float64 {
	x = math.Remainder(x, 360)
	if x == -180 {
		return 180
	}
	return x
}

// geodesicEllipsoidArea returns the total area in m² of the ellipsoid of ge.
func geodesicEllipsoidArea(ge *geodesic.Ellipsoid) float64 {
	whole := orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	return geodesicBoundArea(Ellipsoid{A: ge.Radius(), F: ge.Flattening()}, whole)
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
