package geojson

import (
	"slices"

	"github.com/paulmach/orb"
)

// Rewind returns g with the rings of its polygons oriented as RFC 7946 §3.1.6 requires:
// exterior rings counter-clockwise, holes clockwise, judged by the signed area in the plane
// of the coordinates (longitude east, latitude north). A bare orb.Ring is treated as an
// exterior ring. Rings of zero area are left as they are, and other geometry types are
// returned unchanged. g itself is not modified: reversed rings are copies, the others are
// shared with g.
func Rewind(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Ring:
		return rewindRing(g, true)
	case orb.Polygon:
		return rewindPolygon(g)
	case orb.MultiPolygon:
		mp := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			mp[i] = rewindPolygon(p)
		}
		return mp
	case orb.Collection:
		c := make(orb.Collection, len(g))
		for i, m := range g {
			c[i] = Rewind(m)
		}
		return c
	}
	return g
}

func rewindPolygon(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = rewindRing(r, i == 0)
	}
	return out
}

// rewindRing returns r counter-clockwise if ccw, else clockwise.
func rewindRing(r orb.Ring, ccw bool) orb.Ring {
	a := signedArea2(r)
	if a == 0 || (a > 0) == ccw {
		return r
	}
	out := slices.Clone(r)
	slices.Reverse(out)
	return out
}

// signedArea2 returns twice the signed shoelace area of r, positive when counter-clockwise.
// Coordinates are taken relative to the first position, which keeps precision for projected
// coordinates in the hundreds of kilometres.
func signedArea2(r []orb.Point) float64 {
	if len(r) < 3 {
		return 0
	}
	x0, y0 := r[0][0], r[0][1]
	var s float64
	for i := 1; i+1 < len(r); i++ {
		s += (r[i][0]-x0)*(r[i+1][1]-y0) - (r[i+1][0]-x0)*(r[i][1]-y0)
	}
	return s
}
