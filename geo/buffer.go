package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// BufferOptions tunes Buffer. The zero value (or nil) gives the defaults.
type BufferOptions struct {
	// QuadrantSegments is the number of straight segments that approximate a quarter circle
	// (DefaultQuadrantSegments if 0). A circle of radius r becomes a regular 4q-gon inscribed
	// in it, of area 2q·r²·sin(π/2q): short of πr² by about π²/(24q²), 0.64 % for q = 8,
	// 0.16 % for q = 16 and 0.01 % for the maximum, 64 (larger values are taken as 64: the
	// engine's time grows faster than q, to seconds at q = 1024).
	QuadrantSegments int
}

// DefaultQuadrantSegments is the quarter-circle segment count of Buffer, the JTS default.
const DefaultQuadrantSegments = 8

// maxQuadrantSegments bounds BufferOptions.QuadrantSegments.
const maxQuadrantSegments = 64

// Buffer returns the region within d metres of g (lon/lat degrees): a polygon around a point,
// a line or a polygon for d > 0, and the polygon shrunk by |d| for d < 0 (points and lines give
// an empty result for d ≤ 0). Corners and ends are rounded. It works in a LocalTM centred on
// g's bound, so the distance is exact in that frame and within a relative (W/2R)² of the
// geodesic distance for a geometry W wide (see Intersection). The result is an orb.Polygon or
// orb.MultiPolygon as for Intersection. Errors: GeometryErrors for bad input (polygons are
// checked as for Intersection, points and lines for their coordinates), ErrNotFinite for a
// non-finite d.
func Buffer(g orb.Geometry, d float64, opt *BufferOptions) (orb.Geometry, error) {
	return bufferIn(g, d, opt, false)
}

// BufferPlanar is Buffer for a geometry in planar metres; the result is in the same plane.
func BufferPlanar(g orb.Geometry, d float64, opt *BufferOptions) (orb.Geometry, error) {
	return bufferIn(g, d, opt, true)
}

func bufferIn(g orb.Geometry, d float64, opt *BufferOptions, planar bool) (orb.Geometry, error) {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		e := newGeometryError("g", ErrNotFinite, planar)
		e.Detail = fmt.Sprintf("buffer distance %v is not finite", d)
		return nil, GeometryErrors{e}
	}
	q := DefaultQuadrantSegments
	if opt != nil && opt.QuadrantSegments > 0 {
		q = min(opt.QuadrantSegments, maxQuadrantSegments)
	}
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon, orb.Ring, orb.Bound:
		if errs := checkAreal("g", g, planar); len(errs) > 0 {
			return nil, errs
		}
	default:
		var s flatShape
		if le := s.load(g, !planar, nil); le != nil {
			return nil, GeometryErrors{le.asGeometryError("g", planar)}
		}
	}
	f := newOverlayFrame(g.Bound(), planar)
	in := sfOfOrb(g, f)
	if d < 0 {
		// A polygon narrower than 2|d| in some direction of its bound vanishes: its inradius
		// is less than half its bound's smaller side. Skipping the engine here also avoids its
		// slowest case, a large inward buffer of a tiny polygon.
		if lo, hi, ok := in.Envelope().MinMaxXYs(); !ok || -2*d >= math.Min(hi.X-lo.X, hi.Y-lo.Y) {
			return orb.MultiPolygon{}, nil
		}
	}
	res, err := geom.Buffer(in, d, geom.BufferQuadSegments(q))
	if err != nil {
		e := newGeometryError("g", ErrOverlay, planar)
		e.Detail = err.Error()
		return nil, e
	}
	polys, _ := planarPolygonsOfSF(res, noiseOfFrame(f, res))
	return orbOfPlanarPolygons(polys, f), nil
}
