package network

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo"
)

// Segment lengths. A street segment is short, and its geodesic length follows from the
// straight chord between its ends in Earth-centred coordinates: s = c + c³/(24ρ²) + O(c⁵/ρ⁴),
// ρ the radius of curvature of the ellipsoid there (Gauss's mean radius √(MN) at the mean
// latitude; the direction changes ρ by at most 0.7 %). Below chordMax (2 km) this agrees with
// Karney's geodesic (geo.Distance) to well under a micrometre — see TestChordLength — at a
// fraction of its cost: each node's Earth-centred position is computed once, and each segment
// costs a square root. Longer segments are measured by geo.Distance.

// chordMax is the longest chord, in metres, measured by the chord formula.
const chordMax = 2000

// WGS84's semi-major axis and first eccentricity squared.
var (
	wgs84A  = geo.EllipsoidWGS84.A
	wgs84E2 = geo.EllipsoidWGS84.E2()
)

// ecef is a point in Earth-centred, Earth-fixed metres on the WGS84 ellipsoid (height 0),
// with the sine of its latitude.
type ecef struct {
	x, y, z, sinLat float64
}

// toECEF returns the Earth-centred position of the lon/lat point p (degrees).
func toECEF(p orb.Point) ecef {
	sl, cl := math.Sincos(p[1] * math.Pi / 180)
	so, co := math.Sincos(p[0] * math.Pi / 180)
	n := wgs84A / math.Sqrt(1-wgs84E2*sl*sl)
	return ecef{n * cl * co, n * cl * so, n * (1 - wgs84E2) * sl, sl}
}

// segmentLength returns the geodesic length in metres between a and b, whose Earth-centred
// positions are ea and eb.
func segmentLength(a, b orb.Point, ea, eb ecef) float64 {
	dx, dy, dz := ea.x-eb.x, ea.y-eb.y, ea.z-eb.z
	c2 := dx*dx + dy*dy + dz*dz
	if c2 > chordMax*chordMax {
		return geo.Distance(a, b)
	}
	s := (ea.sinLat + eb.sinLat) / 2
	w := 1 - wgs84E2*s*s
	// M·N = a²(1−e²)/w², the square of Gauss's mean radius.
	rho2 := wgs84A * wgs84A * (1 - wgs84E2) / (w * w)
	c := math.Sqrt(c2)
	return c + c*c2/(24*rho2)
}
