package geo

import (
	"errors"
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// Repair fixes the problems of a polygon (orb.Polygon, orb.MultiPolygon or orb.Ring, in
// longitude/latitude degrees) that have exactly one sensible fix, and validates the result:
//   - an unclosed ring is closed by repeating its first vertex (ErrUnclosedRing);
//   - consecutive repeated points are dropped (ErrRepeatedPoint);
//   - rings are rewound to RFC 7946, exterior counter-clockwise and holes clockwise
//     (ErrWrongWinding).
//
// It returns the repaired geometry (a new value of the same type; the input is not modified)
// and the list of what it fixed, as GeometryErrors describing the problems found before the
// fix (nil if there was nothing to fix). Anything else (self-intersections, swapped
// coordinates, holes outside their shell, slivers …) has no unambiguous fix: Repair then
// returns a nil geometry and the GeometryErrors of Validate on the partly repaired geometry,
// naming feature and the places, with vertex indices of the input as given. Repair never
// panics.
func Repair(feature string, g orb.Geometry, opt *ValidateOptions) (orb.Geometry, GeometryErrors, error) {
	return repairIn(feature, g, opt, false)
}

// RepairPlanar is Repair for a geometry in planar metres; see ValidatePlanar.
func RepairPlanar(feature string, g orb.Geometry, opt *ValidateOptions) (orb.Geometry, GeometryErrors, error) {
	return repairIn(feature, g, opt, true)
}

func repairIn(feature string, g orb.Geometry, opt *ValidateOptions, planar bool) (orb.Geometry, GeometryErrors, error) {
	found := newGeomChecker(feature, planar, opt).run(g)
	var fixed, rest GeometryErrors
	for _, e := range found {
		switch {
		case errors.Is(e, ErrUnclosedRing), errors.Is(e, ErrRepeatedPoint), errors.Is(e, ErrWrongWinding):
			fixed = append(fixed, e)
		default:
			rest = append(rest, e)
		}
	}
	if len(rest) > 0 {
		// Report the remaining problems; their vertex indices refer to the input as given.
		return nil, nil, rest
	}
	if len(fixed) == 0 {
		return g, nil, nil
	}
	var out orb.Geometry
	switch g := g.(type) {
	case orb.Ring:
		out = repairRingOfPolygon(g, 0)
	case orb.Polygon:
		out = repairPolygonRings(g)
	case orb.MultiPolygon:
		mp := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			mp[i] = repairPolygonRings(p)
		}
		out = mp
	default:
		// Only the ring types above can have fixable problems.
		return nil, nil, fmt.Errorf("geo: Repair: unexpected fixable problems in %T", g)
	}
	if errs := newGeomChecker(feature, planar, opt).run(out); len(errs) > 0 {
		// Dropping repeated points can shrink a ring below three vertices or turn it into a
		// sliver only if validation missed it above; report rather than return invalid output.
		return nil, nil, errs
	}
	return out, fixed, nil
}

func repairPolygonRings(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = repairRingOfPolygon(r, i)
	}
	return out
}

// repairRingOfPolygon returns ring r (ring index ri of its polygon) without consecutive repeats,
// closed, and wound counter-clockwise for the exterior (ri = 0) and clockwise for holes.
func repairRingOfPolygon(r orb.Ring, ri int) orb.Ring {
	out := make(orb.Ring, 0, len(r)+1)
	for i, pt := range r {
		if i > 0 && pt == r[i-1] {
			continue
		}
		out = append(out, pt)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	if a := shoelaceOfOverlay(out); (ri == 0 && a < 0) || (ri > 0 && a > 0) {
		slices.Reverse(out)
	}
	return out
}
