package wkb

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Default limits of a zero Decoder.
const (
	// DefaultMaxPoints is the number of points a Decoder with MaxPoints 0 reads at most in
	// one geometry: 10 million points, 160 MB of 2D coordinates.
	DefaultMaxPoints = 10_000_000
	// DefaultMaxDepth is how deep a Decoder with MaxDepth 0 lets geometries nest: the top
	// geometry is at depth 1, the members of a multi-geometry or collection one deeper.
	DefaultMaxDepth = 32
)

// WKB type codes (the base code; ISO adds 1000 for Z, 2000 for M, 3000 for ZM).
const (
	typePoint              = 1
	typeLineString         = 2
	typePolygon            = 3
	typeMultiPoint         = 4
	typeMultiLineString    = 5
	typeMultiPolygon       = 6
	typeGeometryCollection = 7
)

// EWKB flags in the type word.
const (
	ewkbZ    = 0x80000000
	ewkbM    = 0x40000000
	ewkbSRID = 0x20000000
)

var typeNames = [...]string{"", "point", "line string", "polygon", "multipoint",
	"multilinestring", "multipolygon", "geometry collection"}

// Decoder reads WKB and EWKB with limits. The zero value is ready to use with the default
// limits, rejecting Z and M. A Decoder is a value without state; it is safe for concurrent
// use.
type Decoder struct {
	// MaxPoints bounds the number of points in one geometry; 0 means DefaultMaxPoints.
	MaxPoints int
	// MaxDepth bounds how deep members nest; 0 means DefaultMaxDepth.
	MaxDepth int
	// DropZM reads Z and M coordinates and discards them instead of failing with ErrZM.
	DropZM bool
}

// Unmarshal decodes one WKB or EWKB geometry that fills data exactly, with the default
// limits of a zero Decoder. It returns the geometry and the EWKB SRID (0 when the blob
// carries none). Errors are *Error values wrapping ErrTruncated, ErrInvalid,
// ErrUnsupported, ErrZM, ErrEmptyPoint or ErrLimit.
func Unmarshal(data []byte) (orb.Geometry, int, error) {
	return Decoder{}.Decode(data)
}

// Decode decodes one WKB or EWKB geometry that fills data exactly. It returns the geometry
// and the EWKB SRID (0 when the blob carries none). It never panics, and it allocates at
// most about six times len(data) bytes whatever the blob claims (6.1 for the worst, a polygon
// of empty rings; a fuzz target checks it). Errors are *Error values
// wrapping ErrTruncated, ErrInvalid, ErrUnsupported, ErrZM, ErrEmptyPoint or ErrLimit.
func (d Decoder) Decode(data []byte) (orb.Geometry, int, error) {
	r := reader{data: data, maxPoints: d.MaxPoints, maxDepth: d.MaxDepth, dropZM: d.DropZM}
	if r.maxPoints <= 0 {
		r.maxPoints = DefaultMaxPoints
	}
	if r.maxDepth <= 0 {
		r.maxDepth = DefaultMaxDepth
	}
	g, err := r.geometry(1, 0)
	if err != nil {
		return nil, 0, err
	}
	if r.pos != len(data) {
		return nil, 0, r.fail(ErrInvalid, "%d bytes follow the geometry", len(data)-r.pos)
	}
	return g, r.srid, nil
}

// reader walks a blob; pos is the offset of the next byte.
type reader struct {
	data      []byte
	pos       int
	points    int
	maxPoints int
	maxDepth  int
	dropZM    bool
	srid      int
	hasSRID   bool
}

// header is what precedes every geometry: byte order and type word.
type header struct {
	little bool
	base   uint32 // 1..7
	dims   int    // coordinates per point: 2, 3 or 4
}

func (r *reader) fail(sentinel error, format string, args ...any) error {
	return r.failAt(r.pos, sentinel, format, args...)
}

func (r *reader) failAt(off int, sentinel error, format string, args ...any) error {
	return &Error{Offset: off, Err: sentinel, Detail: fmt.Sprintf(format, args...)}
}

func (r *reader) remaining() int { return len(r.data) - r.pos }

func (r *reader) uint32(little bool) (uint32, error) {
	if r.remaining() < 4 {
		return 0, r.fail(ErrTruncated, "need 4 bytes for a count or type, %d remain", r.remaining())
	}
	b := r.data[r.pos : r.pos+4]
	r.pos += 4
	if little {
		return binary.LittleEndian.Uint32(b), nil
	}
	return binary.BigEndian.Uint32(b), nil
}

func (r *reader) header(depth int) (header, error) {
	var h header
	start := r.pos
	if depth > r.maxDepth {
		return h, r.fail(ErrLimit, "geometries nest deeper than %d", r.maxDepth)
	}
	if r.remaining() < 5 {
		return h, r.fail(ErrTruncated, "need 5 bytes for a geometry header, %d remain", r.remaining())
	}
	switch r.data[r.pos] {
	case 0:
	case 1:
		h.little = true
	default:
		return h, r.fail(ErrInvalid, "byte order %d, want 0 (big-endian) or 1 (little-endian)", r.data[r.pos])
	}
	r.pos++
	t, _ := r.uint32(h.little)
	code := t &^ (ewkbZ | ewkbM | ewkbSRID)
	hasZ, hasM := t&ewkbZ != 0, t&ewkbM != 0
	switch code / 1000 {
	case 0:
	case 1:
		hasZ = true
	case 2:
		hasM = true
	case 3:
		hasZ, hasM = true, true
	default:
		return h, r.failAt(start+1, ErrUnsupported, "type code %d (0x%08x)", code, t)
	}
	h.base = code % 1000
	if h.base < typePoint || h.base > typeGeometryCollection {
		return h, r.failAt(start+1, ErrUnsupported, "type code %d (0x%08x); only types 1–7 (point to geometry collection) are supported", code, t)
	}
	h.dims = 2
	if hasZ {
		h.dims++
	}
	if hasM {
		h.dims++
	}
	if h.dims > 2 && !r.dropZM {
		return h, r.failAt(start+1, ErrZM, "%s has %s coordinates; orb geometries are 2D (set Decoder.DropZM to drop them)", typeNames[h.base], zmName(hasZ, hasM))
	}
	if t&ewkbSRID != 0 {
		off := r.pos
		s, err := r.uint32(h.little)
		if err != nil {
			return h, err
		}
		switch {
		case depth == 1:
			r.srid, r.hasSRID = int(int32(s)), true
		case !r.hasSRID || int(int32(s)) != r.srid:
			return h, r.failAt(off, ErrInvalid, "member has SRID %d, the top-level geometry %s", int32(s), r.sridText())
		}
	}
	return h, nil
}

func (r *reader) sridText() string {
	if !r.hasSRID {
		return "has none"
	}
	return fmt.Sprintf("has %d", r.srid)
}

func zmName(z, m bool) string {
	switch {
	case z && m:
		return "ZM"
	case z:
		return "Z"
	}
	return "M"
}

// count reads a count of items, each needing at least minSize bytes, and checks that they
// can fit in what remains, so that nothing is allocated for a count the blob cannot hold.
func (r *reader) count(little bool, what string, minSize int) (int, error) {
	off := r.pos
	n, err := r.uint32(little)
	if err != nil {
		return 0, err
	}
	if need := uint64(n) * uint64(minSize); need > uint64(r.remaining()) {
		return 0, r.failAt(off, ErrTruncated, "%s claims %d items of at least %d bytes each, only %d bytes remain", what, n, minSize, r.remaining())
	}
	return int(n), nil
}

func (r *reader) geometry(depth int, want uint32) (orb.Geometry, error) {
	start := r.pos
	h, err := r.header(depth)
	if err != nil {
		return nil, err
	}
	if want != 0 && h.base != want {
		return nil, r.failAt(start+1, ErrInvalid, "member is a %s, want a %s", typeNames[h.base], typeNames[want])
	}
	switch h.base {
	case typePoint:
		p, err := r.point(h)
		if err != nil {
			return nil, err
		}
		if math.IsNaN(p[0]) && math.IsNaN(p[1]) {
			return nil, r.failAt(start, ErrEmptyPoint, "empty point (NaN NaN); orb.Point cannot be empty")
		}
		return p, nil
	case typeLineString:
		ps, err := r.pointList(h, "line string")
		if err != nil {
			return nil, err
		}
		return orb.LineString(ps), nil
	case typePolygon:
		p, err := r.polygon(h)
		if err != nil {
			return nil, err
		}
		return p, nil
	case typeMultiPoint:
		n, err := r.count(h.little, "multipoint", 5+16)
		if err != nil {
			return nil, err
		}
		mp := make(orb.MultiPoint, n)
		for i := range mp {
			g, err := r.geometry(depth+1, typePoint)
			if err != nil {
				return nil, err
			}
			mp[i] = g.(orb.Point)
		}
		return mp, nil
	case typeMultiLineString:
		n, err := r.count(h.little, "multilinestring", 9)
		if err != nil {
			return nil, err
		}
		mls := make(orb.MultiLineString, n)
		for i := range mls {
			g, err := r.geometry(depth+1, typeLineString)
			if err != nil {
				return nil, err
			}
			mls[i] = g.(orb.LineString)
		}
		return mls, nil
	case typeMultiPolygon:
		n, err := r.count(h.little, "multipolygon", 9)
		if err != nil {
			return nil, err
		}
		mp := make(orb.MultiPolygon, n)
		for i := range mp {
			g, err := r.geometry(depth+1, typePolygon)
			if err != nil {
				return nil, err
			}
			mp[i] = g.(orb.Polygon)
		}
		return mp, nil
	default: // typeGeometryCollection; header accepts only 1..7
		n, err := r.count(h.little, "geometry collection", 9)
		if err != nil {
			return nil, err
		}
		c := make(orb.Collection, n)
		for i := range c {
			if c[i], err = r.geometry(depth+1, 0); err != nil {
				return nil, err
			}
		}
		return c, nil
	}
}

func (r *reader) polygon(h header) (orb.Polygon, error) {
	n, err := r.count(h.little, "polygon", 4)
	if err != nil {
		return nil, err
	}
	p := make(orb.Polygon, n)
	for i := range p {
		ps, err := r.pointList(h, "ring")
		if err != nil {
			return nil, err
		}
		p[i] = orb.Ring(ps)
	}
	return p, nil
}

func (r *reader) pointList(h header, what string) ([]orb.Point, error) {
	n, err := r.count(h.little, what, 8*h.dims)
	if err != nil {
		return nil, err
	}
	if r.points+n > r.maxPoints {
		return nil, r.fail(ErrLimit, "more than %d points", r.maxPoints)
	}
	r.points += n
	ps := make([]orb.Point, n)
	b := r.data[r.pos : r.pos+n*8*h.dims]
	r.pos += len(b)
	step := 8 * h.dims
	if h.little {
		for i := range ps {
			ps[i] = orb.Point{
				math.Float64frombits(binary.LittleEndian.Uint64(b[i*step:])),
				math.Float64frombits(binary.LittleEndian.Uint64(b[i*step+8:])),
			}
		}
	} else {
		for i := range ps {
			ps[i] = orb.Point{
				math.Float64frombits(binary.BigEndian.Uint64(b[i*step:])),
				math.Float64frombits(binary.BigEndian.Uint64(b[i*step+8:])),
			}
		}
	}
	return ps, nil
}

func (r *reader) point(h header) (orb.Point, error) {
	if r.remaining() < 8*h.dims {
		return orb.Point{}, r.fail(ErrTruncated, "need %d bytes for a point, %d remain", 8*h.dims, r.remaining())
	}
	if r.points+1 > r.maxPoints {
		return orb.Point{}, r.fail(ErrLimit, "more than %d points", r.maxPoints)
	}
	r.points++
	b := r.data[r.pos:]
	r.pos += 8 * h.dims
	if h.little {
		return orb.Point{math.Float64frombits(binary.LittleEndian.Uint64(b)), math.Float64frombits(binary.LittleEndian.Uint64(b[8:]))}, nil
	}
	return orb.Point{math.Float64frombits(binary.BigEndian.Uint64(b)), math.Float64frombits(binary.BigEndian.Uint64(b[8:]))}, nil
}
