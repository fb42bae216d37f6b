package gogeom

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrUnsupported means a nil geometry or a type the other library has no counterpart for.
	ErrUnsupported = errors.New("gogeom: unsupported geometry")
	// ErrZM means a go-geom geometry with Z or M coordinates given to FromGeom.
	ErrZM = errors.New("gogeom: Z or M coordinates")
	// ErrEmptyPoint means an empty go-geom point, which orb.Point cannot hold.
	ErrEmptyPoint = errors.New("gogeom: empty point")
	// ErrInvalid means a go-geom geometry whose flat coordinates, stride and ends disagree,
	// or collections nested deeper than 64.
	ErrInvalid = errors.New("gogeom: invalid geometry")
)

// maxDepth bounds the recursion into collections, so that a collection that contains itself
// gives an error rather than a stack overflow.
const maxDepth = 64

// ToGeom converts g to the go-geom geometry of the same kind (see the package comment), with
// layout XY and SRID srid on the top-level geometry. It returns an error wrapping
// ErrUnsupported for nil or a type that is not one of orb's.
func ToGeom(g orb.Geometry, srid int) (geom.T, error) {
	t, err := toGeom(g, 0)
	if err != nil {
		return nil, err
	}
	setSRID(t, srid)
	return t, nil
}

func setSRID(t geom.T, srid int) {
	switch t := t.(type) {
	case *geom.Point:
		t.SetSRID(srid)
	case *geom.MultiPoint:
		t.SetSRID(srid)
	case *geom.LineString:
		t.SetSRID(srid)
	case *geom.MultiLineString:
		t.SetSRID(srid)
	case *geom.LinearRing:
		t.SetSRID(srid)
	case *geom.Polygon:
		t.SetSRID(srid)
	case *geom.MultiPolygon:
		t.SetSRID(srid)
	case *geom.GeometryCollection:
		t.SetSRID(srid)
	}
}

// flat appends points to flat coordinates.
func flat(dst []float64, ps []orb.Point) []float64 {
	for _, p := range ps {
		dst = append(dst, p[0], p[1])
	}
	return dst
}

// polygonFlat appends the rings of p and their ends, which go-geom counts from the start of
// the geometry's flat coordinates.
func polygonFlat(dst []float64, p orb.Polygon) ([]float64, []int) {
	ends := make([]int, len(p))
	for i, r := range p {
		dst = flat(dst, r)
		ends[i] = len(dst)
	}
	return dst, ends
}

func toGeom(g orb.Geometry, depth int) (geom.T, error) {
	switch g := g.(type) {
	case orb.Point:
		return geom.NewPointFlat(geom.XY, []float64{g[0], g[1]}), nil
	case orb.MultiPoint:
		return geom.NewMultiPointFlat(geom.XY, flat(make([]float64, 0, 2*len(g)), g)), nil
	case orb.LineString:
		return geom.NewLineStringFlat(geom.XY, flat(make([]float64, 0, 2*len(g)), g)), nil
	case orb.MultiLineString:
		var fc []float64
		ends := make([]int, len(g))
		for i, ls := range g {
			fc = flat(fc, ls)
			ends[i] = len(fc)
		}
		return geom.NewMultiLineStringFlat(geom.XY, fc, ends), nil
	case orb.Ring:
		return geom.NewLinearRingFlat(geom.XY, flat(make([]float64, 0, 2*len(g)), g)), nil
	case orb.Polygon:
		fc, ends := polygonFlat(nil, g)
		return geom.NewPolygonFlat(geom.XY, fc, ends), nil
	case orb.Bound:
		fc, ends := polygonFlat(nil, g.ToPolygon())
		return geom.NewPolygonFlat(geom.XY, fc, ends), nil
	case orb.MultiPolygon:
		var fc []float64
		endss := make([][]int, len(g))
		for i, p := range g {
			fc, endss[i] = polygonFlat(fc, p)
		}
		return geom.NewMultiPolygonFlat(geom.XY, fc, endss), nil
	case orb.Collection:
		if depth >= maxDepth {
			return nil, fmt.Errorf("%w: collections nest deeper than %d", ErrInvalid, maxDepth)
		}
		gc := geom.NewGeometryCollection()
		for i, m := range g {
			t, err := toGeom(m, depth+1)
			if err != nil {
				return nil, fmt.Errorf("collection member %d: %w", i, err)
			}
			if err := gc.Push(t); err != nil {
				return nil, fmt.Errorf("collection member %d: %w: %v", i, ErrInvalid, err)
			}
		}
		return gc, nil
	case nil:
		return nil, fmt.Errorf("%w: nil orb geometry", ErrUnsupported)
	default:
		return nil, fmt.Errorf("%w: %T", ErrUnsupported, g)
	}
}

// FromGeom converts a go-geom geometry with layout XY to the orb geometry of the same kind
// (see the package comment). It returns errors wrapping ErrZM for a layout with Z or M,
// ErrEmptyPoint for an empty point, ErrUnsupported for nil or an unknown type, and ErrInvalid
// for inconsistent flat coordinates.
func FromGeom(g geom.T) (orb.Geometry, error) {
	return fromGeom(g, false, 0)
}

// FromGeom2D is FromGeom that drops Z and M coordinates instead of failing with ErrZM.
func FromGeom2D(g geom.T) (orb.Geometry, error) {
	return fromGeom(g, true, 0)
}

// unflat reads the points of fc[start:end] with the given stride, checking the bounds so that
// an inconsistent go-geom value gives an error, not a panic.
func unflat(fc []float64, start, end, stride int) ([]orb.Point, error) {
	if start < 0 || end < start || end > len(fc) || stride < 2 || (end-start)%stride != 0 {
		return nil, fmt.Errorf("%w: coordinates [%d:%d] with stride %d in %d values", ErrInvalid, start, end, stride, len(fc))
	}
	ps := make([]orb.Point, 0, (end-start)/stride)
	for i := start; i < end; i += stride {
		ps = append(ps, orb.Point{fc[i], fc[i+1]})
	}
	return ps, nil
}

// rings splits fc[start:] at ends into rings.
func rings(fc []float64, start int, ends []int, stride int) (orb.Polygon, error) {
	p := make(orb.Polygon, len(ends))
	for i, end := range ends {
		ps, err := unflat(fc, start, end, stride)
		if err != nil {
			return nil, fmt.Errorf("ring %d: %w", i, err)
		}
		p[i] = ps
		start = end
	}
	return p, nil
}

func layoutName(l geom.Layout) string {
	switch l {
	case geom.XYZ:
		return "XYZ"
	case geom.XYM:
		return "XYM"
	case geom.XYZM:
		return "XYZM"
	case geom.NoLayout:
		return "NoLayout"
	}
	return fmt.Sprintf("layout %d", int(l))
}

// fromGeom converts g; drop says whether Z and M may be dropped.
func fromGeom(g geom.T, drop bool, depth int) (orb.Geometry, error) {
	if g == nil || isNilPointer(g) {
		return nil, fmt.Errorf("%w: nil go-geom geometry", ErrUnsupported)
	}
	if gc, ok := g.(*geom.GeometryCollection); ok {
		if depth >= maxDepth {
			return nil, fmt.Errorf("%w: collections nest deeper than %d", ErrInvalid, maxDepth)
		}
		c := make(orb.Collection, gc.NumGeoms())
		for i, m := range gc.Geoms() {
			var err error
			if c[i], err = fromGeom(m, drop, depth+1); err != nil {
				return nil, fmt.Errorf("collection member %d: %w", i, err)
			}
		}
		return c, nil
	}
	l := g.Layout()
	if l != geom.XY && !drop {
		return nil, fmt.Errorf("%w: %T has layout %s; orb geometries are 2D (use FromGeom2D to drop Z and M)", ErrZM, g, layoutName(l))
	}
	stride := g.Stride()
	fc := g.FlatCoords()
	switch g := g.(type) {
	case *geom.Point:
		if g.Empty() {
			return nil, fmt.Errorf("%w: orb.Point cannot be empty", ErrEmptyPoint)
		}
		ps, err := unflat(fc, 0, len(fc), stride)
		if err != nil || len(ps) != 1 {
			return nil, fmt.Errorf("%w: point with %d coordinate values and stride %d", ErrInvalid, len(fc), stride)
		}
		return ps[0], nil
	case *geom.LineString:
		ps, err := unflat(fc, 0, len(fc), stride)
		if err != nil {
			return nil, err
		}
		return orb.LineString(ps), nil
	case *geom.LinearRing:
		ps, err := unflat(fc, 0, len(fc), stride)
		if err != nil {
			return nil, err
		}
		return orb.Ring(ps), nil
	case *geom.MultiPoint:
		mp := make(orb.MultiPoint, 0, len(g.Ends()))
		start := 0
		for i, end := range g.Ends() {
			if end == start {
				return nil, fmt.Errorf("multipoint member %d: %w: orb.Point cannot be empty", i, ErrEmptyPoint)
			}
			ps, err := unflat(fc, start, end, stride)
			if err != nil || len(ps) != 1 {
				return nil, fmt.Errorf("multipoint member %d: %w: coordinates [%d:%d] with stride %d", i, ErrInvalid, start, end, stride)
			}
			mp = append(mp, ps[0])
			start = end
		}
		return mp, nil
	case *geom.MultiLineString:
		p, err := rings(fc, 0, g.Ends(), stride)
		if err != nil {
			return nil, err
		}
		mls := make(orb.MultiLineString, len(p))
		for i, r := range p {
			mls[i] = orb.LineString(r)
		}
		return mls, nil
	case *geom.Polygon:
		p, err := rings(fc, 0, g.Ends(), stride)
		if err != nil {
			return nil, err
		}
		return p, nil
	case *geom.MultiPolygon:
		mp := make(orb.MultiPolygon, len(g.Endss()))
		start := 0
		for i, ends := range g.Endss() {
			p, err := rings(fc, start, ends, stride)
			if err != nil {
				return nil, fmt.Errorf("polygon %d: %w", i, err)
			}
			mp[i] = p
			if len(ends) > 0 {
				start = ends[len(ends)-1]
			}
		}
		return mp, nil
	default:
		return nil, fmt.Errorf("%w: %T", ErrUnsupported, g)
	}
}

// isNilPointer reports a typed nil pointer inside g, whose methods would panic.
func isNilPointer(g geom.T) bool {
	switch g := g.(type) {
	case *geom.Point:
		return g == nil
	case *geom.MultiPoint:
		return g == nil
	case *geom.LineString:
		return g == nil
	case *geom.MultiLineString:
		return g == nil
	case *geom.LinearRing:
		return g == nil
	case *geom.Polygon:
		return g == nil
	case *geom.MultiPolygon:
		return g == nil
	case *geom.GeometryCollection:
		return g == nil
	}
	return false
}
