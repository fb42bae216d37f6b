package geo

import "github.com/paulmach/orb"

// IsEmpty reports whether g has no position at all: a nil geometry, or collections, lines,
// rings and polygons with nothing in them. A Point and a Bound are never empty.
func IsEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Point, orb.Bound:
		return false
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.Ring:
		return len(g) == 0
	case orb.MultiLineString:
		for _, ls := range g {
			if len(ls) > 0 {
				return false
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if len(r) > 0 {
				return false
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			if !IsEmpty(p) {
				return false
			}
		}
	case orb.Collection:
		for _, m := range g {
			if !IsEmpty(m) {
				return false
			}
		}
	}
	return true
}
