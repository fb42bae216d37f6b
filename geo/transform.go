package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Errors of Transform and Transformer, usable with errors.Is; a *TransformError wraps them
// with the CRSs, the point and where it is.
// ErrNotFinite and ErrLonLatRange, shared with validation, are declared with the geometry
// error kinds.
var (
	// ErrOutsideZone reports a point too far from a Gauss-Krüger or UTM zone to belong to it,
	// or an easting that does not carry the zone's prefix.
	ErrOutsideZone = errors.New("point outside the zone")
	// ErrGeometryType reports a geometry that cannot be transformed (orb.Bound).
	ErrGeometryType = errors.New("geometry cannot be transformed")
)

// TransformError is the error of Transform and Transformer: what failed, for which point and
// where in the geometry. Err wraps one of ErrNotFinite, ErrLonLatRange, ErrOutsideZone or
// ErrGeometryType with the numbers.
type TransformError struct {
	From, To CRS
	// Where locates the point in the geometry, e.g. "polygon 2 ring 0 point 17"; it is empty
	// for a lone point or when the whole geometry is at fault.
	Where string
	// Point is the offending point in From's coordinates (zero for ErrGeometryType).
	Point orb.Point
	Err   error
}

// Error says which transform failed, where, for which point, and why, e.g.
// "transform WGS 84 (EPSG:4326) to GCJ-02: ring 1 point 2 (NaN, 39.91): coordinate is not a
// finite number".
func (e *TransformError) Error() string {
	s := "transform " + e.From.String() + " to " + e.To.String() + ": "
	if e.Where != "" {
		s += e.Where + " "
	}
	if !errors.Is(e.Err, ErrGeometryType) {
		s += "(" + strconv.FormatFloat(e.Point[0], 'f', -1, 64) + ", " +
			strconv.FormatFloat(e.Point[1], 'f', -1, 64) + "): "
	}
	return s + e.Err.Error()
}

// Unwrap returns Err, so that errors.Is finds the sentinel.
func (e *TransformError) Unwrap() error { return e.Err }

// Transformer converts points and geometries from one CRS to another. It is immutable and safe
// for concurrent use; making one precomputes the projections, so reuse it for many geometries.
type Transformer struct {
	from, to     CRS
	fromTM, toTM *TransverseMercator
}

// NewTransformer returns a Transformer from CRS from to CRS to. Any pair of the CRSs of this
// package is allowed; the zero CRS gives an error wrapping ErrUnknownCRS.
func NewTransformer(from, to CRS) (*Transformer, error) {
	if !from.valid() || !to.valid() {
		return nil, fmt.Errorf("transform %v to %v: %w", from, to, ErrUnknownCRS)
	}
	return &Transformer{from: from, to: to, fromTM: from.transverseMercator(), toTM: to.transverseMercator()}, nil
}

// From returns the source CRS.
func (t *Transformer) From() CRS { return t.from }

// To returns the target CRS.
func (t *Transformer) To() CRS { return t.to }

// Transform returns g converted from CRS from to CRS to, as a new geometry of the same type;
// g is never modified. It converts through WGS84 longitude and latitude (equal to CGCS2000's
// at this library's accuracy): GCJ-02 and BD-09 by the exact inverses of this package
// (sub-micrometre), Gauss-Krüger and UTM zones by Krüger's series (nanometres). GCJ-02 ↔
// BD-09 is converted directly.
//
// Every orb type is handled point by point: Point, MultiPoint, LineString, MultiLineString,
// Ring, Polygon, MultiPolygon and Collection (recursively); nil slices stay nil and a nil
// geometry gives (nil, nil). An orb.Bound is an error wrapping ErrGeometryType, because its
// image under a change of CRS is not an axis-aligned box: transform b.ToPolygon() and take
// its Bound if that is what you need. Winding order is kept. Geographic points are
// {lon, lat} degrees and projected ones {easting, northing} metres, whatever axis order the
// EPSG definition states (see CRS).
//
// Each point is checked, and the first bad one stops the transform with a *TransformError
// naming the CRSs, the point and where it is:
//   - a NaN or infinite coordinate: ErrNotFinite;
//   - a geographic point with |lon| > 180 or |lat| > 90: ErrLonLatRange;
//   - into or out of a Gauss-Krüger or UTM zone, a point more than one zone width beyond the
//     zone's edge (|lon − CM| > 4.5° for 3° zones, > 9° for 6° and UTM zones): ErrOutsideZone.
//     Closer points are projected (Krüger's series is exact to nanometres there; the scale is
//     at most about 1.011) so that data straddling a zone boundary stays in one zone. A zone
//     with the zone number in the false easting also requires the easting to lie within
//     500 km of the central meridian, so that its millions are the zone number: an easting
//     without the right prefix is ErrOutsideZone too.
//
// GCJ-02 and BD-09 points outside China (see OutOfChina) pass through the GCJ-02 step
// unchanged. Transform with from == to checks the points and returns a copy.
func Transform(g orb.Geometry, from, to CRS) (orb.Geometry, error) {
	t, err := NewTransformer(from, to)
	if err != nil {
		return nil, err
	}
	return t.Geometry(g)
}

// Point converts one point; see Transform for the checks and the errors.
func (t *Transformer) Point(p orb.Point) (orb.Point, error) {
	q, err := t.point(p)
	if err != nil {
		return orb.Point{}, t.fail("", p, err)
	}
	return q, nil
}

// Geometry converts g into a new geometry of the same type; see Transform.
func (t *Transformer) Geometry(g orb.Geometry) (orb.Geometry, error) {
	switch g := g.(type) {
	case nil:
		return nil, nil
	case orb.Point:
		q, err := t.Point(g)
		if err != nil {
			return nil, err
		}
		return q, nil
	case orb.MultiPoint:
		out, err := t.pointsWhere(g, "")
		if err != nil {
			return nil, err
		}
		return orb.MultiPoint(out), nil
	case orb.LineString:
		out, err := t.pointsWhere(g, "")
		if err != nil {
			return nil, err
		}
		return orb.LineString(out), nil
	case orb.Ring:
		out, err := t.pointsWhere(g, "")
		if err != nil {
			return nil, err
		}
		return orb.Ring(out), nil
	case orb.MultiLineString:
		if g == nil {
			return orb.MultiLineString(nil), nil
		}
		out := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			pts, err := t.pointsWhere(ls, "line "+strconv.Itoa(i)+" ")
			if err != nil {
				return nil, err
			}
			out[i] = pts
		}
		return out, nil
	case orb.Polygon:
		out, err := t.polygon(g, "")
		if err != nil {
			return nil, err
		}
		return out, nil
	case orb.MultiPolygon:
		if g == nil {
			return orb.MultiPolygon(nil), nil
		}
		out := make(orb.MultiPolygon, len(g))
		for i, poly := range g {
			p, err := t.polygon(poly, "polygon "+strconv.Itoa(i)+" ")
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case orb.Collection:
		if g == nil {
			return orb.Collection(nil), nil
		}
		out := make(orb.Collection, len(g))
		for i, member := range g {
			m, err := t.Geometry(member)
			if err != nil {
				var te *TransformError
				if errors.As(err, &te) {
					te.Where = crsJoinWhere("geometry "+strconv.Itoa(i), te.Where)
				}
				return nil, err
			}
			out[i] = m
		}
		return out, nil
	case orb.Bound:
		return nil, &TransformError{From: t.from, To: t.to, Err: fmt.Errorf(
			"%w: an orb.Bound is not a box in another CRS; transform its ToPolygon()", ErrGeometryType)}
	}
	// orb.Geometry has an unexported method, so every implementation is listed above.
	return nil, &TransformError{From: t.from, To: t.to, Err: fmt.Errorf("%w: %T", ErrGeometryType, g)}
}

// polygon converts the rings of p; prefix locates p in its parent.
func (t *Transformer) polygon(p orb.Polygon, prefix string) (orb.Polygon, error) {
	if p == nil {
		return nil, nil
	}
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		pts, err := t.pointsWhere(r, prefix+"ring "+strconv.Itoa(i)+" ")
		if err != nil {
			return nil, err
		}
		out[i] = pts
	}
	return out, nil
}

// pointsWhere converts a slice of points into a new slice (nil stays nil); on failure the
// error says prefix + "point i".
func (t *Transformer) pointsWhere(src []orb.Point, prefix string) ([]orb.Point, error) {
	if src == nil {
		return nil, nil
	}
	dst := make([]orb.Point, len(src))
	for i, p := range src {
		q, err := t.point(p)
		if err != nil {
			return nil, t.fail(prefix+"point "+strconv.Itoa(i), p, err)
		}
		dst[i] = q
	}
	return dst, nil
}

func (t *Transformer) fail(where string, p orb.Point, err error) error {
	return &TransformError{From: t.from, To: t.to, Where: where, Point: p, Err: err}
}

func crsJoinWhere(outer, inner string) string {
	if inner == "" {
		return outer
	}
	return outer + " " + inner
}

// point converts one point, returning a bare error (wrapped by the callers).
func (t *Transformer) point(p orb.Point) (orb.Point, error) {
	if !crsFinite(p[0]) || !crsFinite(p[1]) {
		return orb.Point{}, ErrNotFinite
	}
	// Direct paths that need no pivot through WGS84.
	switch {
	case t.from == t.to:
		// Check as usual, but return the very same numbers.
		if !t.from.Projected() {
			return p, crsCheckLonLat(p)
		}
		if _, err := t.toLonLat(p); err != nil {
			return orb.Point{}, err
		}
		return p, nil
	case t.from.kind == crsGCJ02 && t.to.kind == crsBD09:
		if err := crsCheckLonLat(p); err != nil {
			return orb.Point{}, err
		}
		return GCJ02ToBD09(p), nil
	case t.from.kind == crsBD09 && t.to.kind == crsGCJ02:
		if err := crsCheckLonLat(p); err != nil {
			return orb.Point{}, err
		}
		return BD09ToGCJ02(p), nil
	}
	ll, err := t.toLonLat(p)
	if err != nil {
		return orb.Point{}, err
	}
	return t.fromLonLat(ll)
}

// toLonLat converts p in t.from to WGS84 lon/lat degrees.
func (t *Transformer) toLonLat(p orb.Point) (orb.Point, error) {
	c := t.from
	switch c.kind {
	case crsWGS84, crsCGCS2000:
		return p, crsCheckLonLat(p)
	case crsGCJ02:
		if err := crsCheckLonLat(p); err != nil {
			return p, err
		}
		return GCJ02ToWGS84(p), nil
	case crsBD09:
		if err := crsCheckLonLat(p); err != nil {
			return p, err
		}
		return BD09ToWGS84(p), nil
	}
	if c.prefix {
		if err := crsCheckPrefix(c, p[0]); err != nil {
			return p, err
		}
	}
	ll := t.fromTM.Inverse(p)
	if !crsFinite(ll[0]) || !crsFinite(ll[1]) {
		return ll, fmt.Errorf("%w: the inverse projection gives (%v, %v)", ErrOutsideZone, ll[0], ll[1])
	}
	if err := crsCheckZoneOffset(c, ll[0]); err != nil {
		return ll, err
	}
	return ll, nil
}

// fromLonLat converts WGS84 lon/lat degrees to t.to.
func (t *Transformer) fromLonLat(ll orb.Point) (orb.Point, error) {
	c := t.to
	switch c.kind {
	case crsWGS84, crsCGCS2000:
		return ll, nil
	case crsGCJ02:
		return WGS84ToGCJ02(ll), nil
	case crsBD09:
		return WGS84ToBD09(ll), nil
	}
	if err := crsCheckZoneOffset(c, ll[0]); err != nil {
		return orb.Point{}, err
	}
	en := t.toTM.Forward(ll)
	if c.prefix {
		if err := crsCheckPrefix(c, en[0]); err != nil {
			return orb.Point{}, err
		}
	}
	return en, nil
}

func crsFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// crsCheckLonLat checks a geographic point's range.
func crsCheckLonLat(p orb.Point) error {
	if p[0] < -180 || p[0] > 180 {
		return fmt.Errorf("%w: longitude %v is outside −180…180", ErrLonLatRange, p[0])
	}
	if p[1] < -90 || p[1] > 90 {
		return fmt.Errorf("%w: latitude %v is outside −90…90", ErrLonLatRange, p[1])
	}
	return nil
}

// crsCheckZoneOffset checks that lon is close enough to c's central meridian.
func crsCheckZoneOffset(c CRS, lon float64) error {
	cm := float64(c.centralMeridian())
	d := lon - cm
	if d > 180 {
		d -= 360
	} else if d < -180 {
		d += 360
	}
	if max := c.maxZoneOffset(); math.Abs(d) > max {
		return fmt.Errorf("%w: longitude %.6f is %.3f° from the central meridian %v°, more than the %v° allowed (zone half-width %v° plus %v°)",
			ErrOutsideZone, lon, math.Abs(d), cm, max, c.zoneHalfWidth(), c.zoneSpill())
	}
	return nil
}

// crsCheckPrefix checks that an easting in a prefixed zone carries the zone number: zone × 10⁶
// ≤ easting < (zone + 1) × 10⁶.
func crsCheckPrefix(c CRS, easting float64) error {
	lo := float64(c.zone) * 1e6
	if easting < lo || easting >= lo+1e6 {
		return fmt.Errorf("%w: easting %.3f does not carry the zone prefix %d (want %.0f ≤ easting < %.0f)",
			ErrOutsideZone, easting, c.zone, lo, lo+1e6)
	}
	return nil
}
