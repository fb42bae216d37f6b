package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// ErrNotProjected reports a geographic CRS where a projected one (Gauss-Krüger or UTM) is
// needed.
var ErrNotProjected = errors.New("CRS is not projected")

// PlanarArea returns the area in m² of g (lon/lat degrees, WGS84 or CGCS2000) measured in the
// plane of the projected CRS crs: every vertex is projected, then the shoelace formula is
// applied. The result is the area on the map sheet, as a surveyor's drawing in that zone
// gives it; it differs from the geodesic Area by the square of the projection's scale
// (Gauss-Krüger: about +6.7e-5 at 0.6° from the central meridian at 40°N; UTM: −8e-4 on the
// central meridian). Windings and holes are treated as in AreaOn; points and lines have area
// 0.
//
// It returns an error wrapping ErrNotProjected when crs is geographic, a *TransformError
// when a vertex cannot be projected (see Transform), and one wrapping ErrGeometryType for an
// orb.Bound.
func PlanarArea(g orb.Geometry, crs CRS) (float64, error) {
	t, err := planarTransformer(crs)
	if err != nil {
		return 0, err
	}
	return planarAreaOf(t, g, "")
}

// PlanarDistance returns the straight-line distance in metres between a and b (lon/lat
// degrees) in the plane of the projected CRS crs. Errors as for PlanarArea.
func PlanarDistance(a, b orb.Point, crs CRS) (float64, error) {
	t, err := planarTransformer(crs)
	if err != nil {
		return 0, err
	}
	pa, err := t.point(a)
	if err != nil {
		return 0, t.fail("point 0", a, err)
	}
	pb, err := t.point(b)
	if err != nil {
		return 0, t.fail("point 1", b, err)
	}
	return math.Hypot(pa[0]-pb[0], pa[1]-pb[1]), nil
}

func planarTransformer(crs CRS) (*Transformer, error) {
	if !crs.valid() {
		return nil, fmt.Errorf("planar measure: %w", ErrUnknownCRS)
	}
	if !crs.Projected() {
		return nil, fmt.Errorf("planar measure in %v: %w (want a Gauss-Krüger or UTM zone)", crs, ErrNotProjected)
	}
	return NewTransformer(CGCS2000, crs)
}

func planarAreaOf(t *Transformer, g orb.Geometry, where string) (float64, error) {
	switch g := g.(type) {
	case orb.Ring:
		return planarRingArea(t, g, where)
	case orb.Polygon:
		return planarPolygonArea(t, g, where)
	case orb.MultiPolygon:
		var sum float64
		for i, p := range g {
			a, err := planarPolygonArea(t, p, where+"polygon "+strconv.Itoa(i)+" ")
			if err != nil {
				return 0, err
			}
			sum += a
		}
		return sum, nil
	case orb.Collection:
		var sum float64
		for i, m := range g {
			a, err := planarAreaOf(t, m, where+"geometry "+strconv.Itoa(i)+" ")
			if err != nil {
				return 0, err
			}
			sum += a
		}
		return sum, nil
	case orb.Bound:
		return 0, &TransformError{From: t.from, To: t.to, Err: fmt.Errorf(
			"%w: the image of an orb.Bound is not a box; measure its ToPolygon()", ErrGeometryType)}
	}
	return 0, nil
}

func planarPolygonArea(t *Transformer, p orb.Polygon, where string) (float64, error) {
	var sum float64
	for i, r := range p {
		a, err := planarRingArea(t, r, where+"ring "+strconv.Itoa(i)+" ")
		if err != nil {
			return 0, err
		}
		if i == 0 {
			sum = a
		} else {
			sum -= a
		}
	}
	return sum, nil
}

// planarRingArea projects r and returns the absolute shoelace area. Coordinates are taken
// relative to the first vertex, since products of prefixed eastings (~4e7 m) and northings
// (~4e6 m) would lose centimetres² per term.
func planarRingArea(t *Transformer, r orb.Ring, where string) (float64, error) {
	if len(r) < 3 {
		return 0, nil
	}
	origin, err := t.point(r[0])
	if err != nil {
		return 0, t.fail(where+"point 0", r[0], err)
	}
	var twice float64
	var prevX, prevY float64 // the first vertex, relative to itself
	for i := 1; i <= len(r); i++ {
		var x, y float64
		if i < len(r) {
			q, err := t.point(r[i])
			if err != nil {
				return 0, t.fail(where+"point "+strconv.Itoa(i), r[i], err)
			}
			x, y = q[0]-origin[0], q[1]-origin[1]
		}
		twice += prevX*y - x*prevY
		prevX, prevY = x, y
	}
	return math.Abs(twice) / 2, nil
}
