package wkb

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// ByteOrder is the byte order of a WKB blob, with the values of WKB's byte-order byte.
type ByteOrder byte

const (
	// BigEndian is XDR, byte-order byte 0.
	BigEndian ByteOrder = 0
	// LittleEndian is NDR, byte-order byte 1, what PostGIS and GDAL write on x86 and ARM.
	LittleEndian ByteOrder = 1
)

// Marshal encodes g as 2D WKB (identical in the OGC and ISO forms) in the given byte order.
// An orb.Ring is written as a one-ring Polygon and an orb.Bound as a Polygon with its corners
// counter-clockwise. It returns an error wrapping ErrUnsupported for a nil geometry or a type
// that is not one of orb's, and ErrInvalid for a byte order other than BigEndian or
// LittleEndian.
func Marshal(g orb.Geometry, order ByteOrder) ([]byte, error) {
	return marshal(g, 0, order)
}

// MarshalEWKB encodes g as EWKB with srid in the type word's SRID flag, as PostGIS's
// ST_AsEWKB does; srid 0 writes no SRID, giving the same bytes as Marshal. srid must be in
// 0..2147483647 (PostGIS allows up to 999999); other values give an error wrapping
// ErrInvalid.
func MarshalEWKB(g orb.Geometry, srid int, order ByteOrder) ([]byte, error) {
	if srid < 0 || srid > math.MaxInt32 {
		return nil, fmt.Errorf("%w: SRID %d out of range 0..%d", ErrInvalid, srid, math.MaxInt32)
	}
	return marshal(g, srid, order)
}

func marshal(g orb.Geometry, srid int, order ByteOrder) ([]byte, error) {
	if order != BigEndian && order != LittleEndian {
		return nil, fmt.Errorf("%w: byte order %d, want BigEndian (0) or LittleEndian (1)", ErrInvalid, order)
	}
	n, err := size(g)
	if err != nil {
		return nil, err
	}
	if srid != 0 {
		n += 4
	}
	w := writer{buf: make([]byte, 0, n), little: order == LittleEndian}
	w.geometry(g, srid)
	return w.buf, nil
}

// size returns the encoded length of g without SRID, and checks every type once so that
// writing cannot fail.
func size(g orb.Geometry) (int, error) {
	switch g := g.(type) {
	case orb.Point:
		return 5 + 16, nil
	case orb.MultiPoint:
		return 9 + len(g)*21, nil
	case orb.LineString:
		return 9 + len(g)*16, nil
	case orb.MultiLineString:
		n := 9
		for _, ls := range g {
			n += 9 + len(ls)*16
		}
		return n, nil
	case orb.Ring:
		return 13 + len(g)*16, nil
	case orb.Polygon:
		return polygonSize(g), nil
	case orb.MultiPolygon:
		n := 9
		for _, p := range g {
			n += polygonSize(p)
		}
		return n, nil
	case orb.Bound:
		return 13 + 5*16, nil
	case orb.Collection:
		n := 9
		for i, m := range g {
			s, err := size(m)
			if err != nil {
				return 0, fmt.Errorf("collection member %d: %w", i, err)
			}
			n += s
		}
		return n, nil
	case nil:
		return 0, fmt.Errorf("%w: nil geometry", ErrUnsupported)
	default:
		return 0, fmt.Errorf("%w: %T", ErrUnsupported, g)
	}
}

func polygonSize(p orb.Polygon) int {
	n := 9
	for _, r := range p {
		n += 4 + len(r)*16
	}
	return n
}

type writer struct {
	buf    []byte
	little bool
}

func (w *writer) u32(v uint32) {
	if w.little {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, v)
	} else {
		w.buf = binary.BigEndian.AppendUint32(w.buf, v)
	}
}

func (w *writer) header(t uint32, srid int) {
	if w.little {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
	if srid != 0 {
		w.u32(t | ewkbSRID)
		w.u32(uint32(srid))
		return
	}
	w.u32(t)
}

func (w *writer) points(ps []orb.Point) {
	buf := w.buf // a local slice: assigning w.buf per value would cost a write barrier
	if w.little {
		for _, p := range ps {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p[0]))
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p[1]))
		}
	} else {
		for _, p := range ps {
			buf = binary.BigEndian.AppendUint64(buf, math.Float64bits(p[0]))
			buf = binary.BigEndian.AppendUint64(buf, math.Float64bits(p[1]))
		}
	}
	w.buf = buf
}

func (w *writer) polygon(p orb.Polygon, srid int) {
	w.header(typePolygon, srid)
	w.u32(uint32(len(p)))
	for _, r := range p {
		w.u32(uint32(len(r)))
		w.points(r)
	}
}

// geometry writes g; size has checked its type.
func (w *writer) geometry(g orb.Geometry, srid int) {
	switch g := g.(type) {
	case orb.Point:
		w.header(typePoint, srid)
		w.points([]orb.Point{g})
	case orb.MultiPoint:
		w.header(typeMultiPoint, srid)
		w.u32(uint32(len(g)))
		for _, p := range g {
			w.geometry(p, 0)
		}
	case orb.LineString:
		w.header(typeLineString, srid)
		w.u32(uint32(len(g)))
		w.points(g)
	case orb.MultiLineString:
		w.header(typeMultiLineString, srid)
		w.u32(uint32(len(g)))
		for _, ls := range g {
			w.geometry(ls, 0)
		}
	case orb.Ring:
		w.polygon(orb.Polygon{g}, srid)
	case orb.Polygon:
		w.polygon(g, srid)
	case orb.MultiPolygon:
		w.header(typeMultiPolygon, srid)
		w.u32(uint32(len(g)))
		for _, p := range g {
			w.polygon(p, 0)
		}
	case orb.Bound:
		w.polygon(g.ToPolygon(), srid)
	case orb.Collection:
		w.header(typeGeometryCollection, srid)
		w.u32(uint32(len(g)))
		for _, m := range g {
			w.geometry(m, 0)
		}
	}
}
