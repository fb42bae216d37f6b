package renovation

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// Analyzer runs the analyses of one district — Indicators, LifeCircle, Scope — and shares what
// they have in common: each compound projected once into its own frame with its boundary
// prepared for fast tests, and the spatial indexes of facilities, green spaces and zones. Use
// one Analyzer when you run several analyses of the same district; the package-level functions
// make a fresh one each time.
//
// An Analyzer is safe for concurrent use. It reads the district as it is when an analysis first
// needs each part: do not modify the district while the Analyzer is in use.
//
// Frames. Every compound is measured in a transverse Mercator on WGS84 centred on its bound
// (geo.LocalTM): its boundary, its buildings' footprints, the green spaces, facilities and
// zones near it are projected there, so that distances and areas are planar in a frame whose
// scale differs from 1 by less than (W/2R)² over a compound W wide — 6e-10 for 300 m, and
// (D/R)² ≈ 2.5e-8 for a facility D = 1 km away. Site areas are geodesic (geo.Area).
type Analyzer struct {
	d *District

	mu         sync.Mutex // guards frames and frameErrs while they are built
	frames     []*compoundFrame
	frameErrs  []error
	greenOnce  sync.Once
	greens     *geo.Index[int32]
	greenErr   error
	facOnce    sync.Once
	facilities map[FacilityKind]*kindIndex
	facErr     error
	zoneOnce   sync.Once
	zones      *zoneSet
	zoneErr    error
}

// NewAnalyzer returns an Analyzer of d. Nothing is computed until an analysis runs.
func NewAnalyzer(d *District) *Analyzer { return &Analyzer{d: d} }

// compoundFrame is one compound projected into its own frame.
type compoundFrame struct {
	tm     *geo.TransverseMercator // nil when the compound has neither boundary nor footprints
	mapped bool                    // the compound has a boundary
	// shape is the boundary in the frame, an orb.Polygon or orb.MultiPolygon with exterior
	// rings counter-clockwise and holes clockwise; rings lists the same rings flat.
	shape        orb.Geometry
	rings        [][]orb.Point
	prep         *geo.Prepared
	planarArea   float64 // m² in the frame
	geodesicArea float64 // m² on the WGS84 ellipsoid
	// boundary is the lon/lat bound of the boundary, and search that of the boundary and
	// every footprint, what searches for things near the compound start from.
	boundary orb.Bound
	search   orb.Bound
	// footprints holds each building's footprint in the frame (nil when it has none) and
	// points a point inside it, which stands for the building in point tests.
	footprints []orb.Geometry
	points     []orb.Point
	households []int // per building
}

// prepared returns the compounds' frames, building them on first use, with the error of
// each compound whose geometry cannot be measured (its frame is then nil); analyses measure
// the others and report those errors with their own. Only cancellation is returned as err.
func (a *Analyzer) prepared(ctx context.Context, o RunOptions) (frames []*compoundFrame, frameErrs []error, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.frames != nil {
		return a.frames, a.frameErrs, nil
	}
	cs := a.d.Compounds
	frames = make([]*compoundFrame, len(cs))
	errs, err := forEach(ctx, len(cs), o, "prepare", func(_, i int) error {
		f, err := newCompoundFrame(&cs[i])
		frames[i] = f
		return err
	})
	if err != nil {
		return nil, nil, err // cancelled: try again next time
	}
	if errs == nil {
		errs = make([]error, len(cs))
	}
	a.frames, a.frameErrs = frames, errs
	return frames, errs, nil
}

// newCompoundFrame projects compound c into its frame. Geometry that cannot be measured (a
// boundary that is not a valid polygon, a coordinate out of range) gives MeasureErrors.
func newCompoundFrame(c *Compound) (*compoundFrame, error) {
	f := &compoundFrame{
		footprints: make([]orb.Geometry, len(c.Buildings)),
		points:     make([]orb.Point, len(c.Buildings)),
		households: make([]int, len(c.Buildings)),
	}
	var errs MeasureErrors
	fail := func(what string, err error) {
		errs = append(errs, &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: what, Err: err})
	}
	var centre orb.Bound
	first := true
	grow := func(b orb.Bound) {
		if first {
			centre, first = b, false
		} else {
			centre = centre.Union(b)
		}
	}
	if c.Boundary != nil {
		if err := checkLonLat(c.Label(), c.Boundary, false); err != nil {
			fail("boundary", err)
		} else {
			grow(c.Boundary.Bound())
		}
	}
	for i := range c.Buildings {
		b := &c.Buildings[i]
		for j := range b.Units {
			f.households[i] += len(b.Units[j].Households)
		}
		if b.Footprint == nil {
			continue
		}
		if err := checkLonLat(b.ID, b.Footprint, false); err != nil {
			fail("building "+b.ID+" footprint", err)
			continue
		}
		if c.Boundary == nil {
			grow(b.Footprint.Bound())
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if first {
		return f, nil // nothing mapped
	}
	f.tm = geo.LocalTM(centre.Center())
	f.search = centre
	if c.Boundary != nil {
		f.mapped = true
		f.boundary = c.Boundary.Bound()
		f.shape, f.rings = projectAreal(f.tm, c.Boundary)
		prep, err := geo.PreparePlanar(f.shape)
		if err != nil {
			// Name the problem in the compound's own degrees, as the data holds it.
			if verr := geo.Validate(c.Label(), c.Boundary, &geo.ValidateOptions{SliverArea: -1, SliverWidth: -1}); verr != nil {
				err = verr
			}
			fail("boundary", err)
			return nil, errs
		}
		f.prep = prep
		f.planarArea = ringsArea(f.rings)
		f.geodesicArea = geo.Area(c.Boundary)
	}
	for i := range c.Buildings {
		b := &c.Buildings[i]
		if b.Footprint == nil {
			continue
		}
		fp, rings := projectAreal(f.tm, b.Footprint)
		f.footprints[i] = fp
		f.points[i] = interiorPoint(rings)
		f.search = f.search.Union(b.Footprint.Bound())
	}
	return f, nil
}

// checkLonLat reports, through geo.Validate, a geometry with a coordinate that is not finite
// or out of range, or of a type that is not wanted; other problems are left to the measures
// that meet them.
func checkLonLat(feature string, g orb.Geometry, pointOK bool) error {
	ok := true
	visit := func(p orb.Point) {
		if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
			ok = false
		}
	}
	switch v := g.(type) {
	case orb.Point:
		if !pointOK {
			return fmt.Errorf("geometry is a Point; want a Polygon or MultiPolygon")
		}
		visit(v)
		if !ok {
			return fmt.Errorf("coordinate %v is not a longitude and latitude in range", v)
		}
		return nil
	case orb.Polygon:
		for _, r := range v {
			for _, p := range r {
				visit(p)
			}
		}
	case orb.MultiPolygon:
		for _, poly := range v {
			for _, r := range poly {
				for _, p := range r {
					visit(p)
				}
			}
		}
	default:
		return fmt.Errorf("geometry is a %s; want a Polygon or MultiPolygon", g.GeoJSONType())
	}
	if !ok {
		return geo.Validate(feature, g, nil)
	}
	return nil
}

// projectAreal projects a polygon or multipolygon (lon/lat) into the frame of tm, orienting
// exterior rings counter-clockwise and holes clockwise; it also returns every ring, flat.
// Other geometry types give nil.
func projectAreal(tm *geo.TransverseMercator, g orb.Geometry) (orb.Geometry, [][]orb.Point) {
	var rings [][]orb.Point
	poly := func(p orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, len(p))
		for k, r := range p {
			q := make(orb.Ring, len(r))
			for j, pt := range r {
				q[j] = tm.Forward(pt)
			}
			if a := signedArea(q); (k == 0) != (a > 0) && a != 0 {
				for x, y := 0, len(q)-1; x < y; x, y = x+1, y-1 {
					q[x], q[y] = q[y], q[x]
				}
			}
			out[k] = q
			rings = append(rings, q)
		}
		return out
	}
	switch v := g.(type) {
	case orb.Polygon:
		return poly(v), rings
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(v))
		for i, p := range v {
			out[i] = poly(p)
		}
		return out, rings
	}
	return nil, nil
}

// signedArea is the shoelace area of a ring, positive counter-clockwise. The ring may or may
// not repeat its first point.
func signedArea(r []orb.Point) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	// Relative to the first vertex, so that large coordinates do not cancel.
	o := r[0]
	var s float64
	for i := 1; i+1 < n; i++ {
		s += (r[i][0]-o[0])*(r[i+1][1]-o[1]) - (r[i+1][0]-o[0])*(r[i][1]-o[1])
	}
	return s / 2
}

// ringsArea is the area of oriented rings: exteriors add, holes subtract.
func ringsArea(rings [][]orb.Point) float64 {
	var s float64
	for _, r := range rings {
		s += signedArea(r)
	}
	return s
}

// projectLocation projects a facility location into the frame: a point, or a polygon oriented
// as projectAreal does.
func projectLocation(tm *geo.TransverseMercator, g orb.Geometry) (orb.Geometry, [][]orb.Point) {
	if p, ok := g.(orb.Point); ok {
		return tm.Forward(p), nil
	}
	return projectAreal(tm, g)
}

// widen widens a lon/lat bound by at least d metres on every side, conservatively:
// a degree of latitude is at least 110,574 m (at the equator) and a degree of longitude at
// least a·cos φ·π/180 at the bound's most poleward latitude φ.
func widen(b orb.Bound, d float64) orb.Bound {
	d = d*1.001 + 1 // margin for the frames' scale and rounding
	dlat := d / 110574
	phi := math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1])) + dlat
	dlon := 360.0
	if phi < 89 {
		dlon = math.Min(360, d/(111319.49*math.Cos(phi*math.Pi/180)))
	}
	return orb.Bound{
		Min: orb.Point{math.Max(-180, b.Min[0]-dlon), math.Max(-90, b.Min[1]-dlat)},
		Max: orb.Point{math.Min(180, b.Max[0]+dlon), math.Min(90, b.Max[1]+dlat)},
	}
}
