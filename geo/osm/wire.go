package osm

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// This file reads the protocol buffer wire format, just enough to check PBF blocks before
// paulmach/osm's decoder trusts them.

var errWire = errors.New("malformed protocol buffer")

// wire is a cursor over one protocol buffer message.
type wire struct {
	b   []byte
	err error
}

// next returns the next field's number and wire type, false at the end or on an error.
func (w *wire) next() (field int, typ int, ok bool) {
	if w.err != nil || len(w.b) == 0 {
		return 0, 0, false
	}
	k, ok := w.varint()
	if !ok {
		return 0, 0, false
	}
	if k>>3 == 0 || k>>3 > 1<<29 {
		w.fail("field number %d", k>>3)
		return 0, 0, false
	}
	return int(k >> 3), int(k & 7), true
}

func (w *wire) fail(format string, a ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("%w: "+format, append([]any{errWire}, a...)...)
	}
}

func (w *wire) varint() (uint64, bool) {
	v, n := binary.Uvarint(w.b)
	if n <= 0 {
		w.fail("bad varint")
		return 0, false
	}
	w.b = w.b[n:]
	return v, true
}

// bytes reads a length-delimited field's payload.
func (w *wire) bytes() ([]byte, bool) {
	n, ok := w.varint()
	if !ok {
		return nil, false
	}
	if n > uint64(len(w.b)) {
		w.fail("length %d past the end", n)
		return nil, false
	}
	p := w.b[:n]
	w.b = w.b[n:]
	return p, true
}

// skip skips a field of wire type typ.
func (w *wire) skip(typ int) {
	switch typ {
	case 0:
		w.varint()
	case 1:
		if len(w.b) < 8 {
			w.fail("truncated fixed64")
			return
		}
		w.b = w.b[8:]
	case 2:
		w.bytes()
	case 5:
		if len(w.b) < 4 {
			w.fail("truncated fixed32")
			return
		}
		w.b = w.b[4:]
	default:
		w.fail("wire type %d", typ)
	}
}

// want checks that a field has the wire type expected.
func (w *wire) want(field, typ, expected int) bool {
	if typ != expected {
		w.fail("field %d has wire type %d, not %d", field, typ, expected)
		return false
	}
	return true
}

// packed is a packed repeated varint field: its payload and count.
type packed struct {
	b   []byte
	n   int
	set bool
}

// readPacked reads a packed varint field, refusing a second occurrence and a bad varint.
func (w *wire) readPacked(field, typ int, p *packed) {
	if !w.want(field, typ, 2) {
		return
	}
	if p.set {
		w.fail("field %d given twice", field)
		return
	}
	b, ok := w.bytes()
	if !ok {
		return
	}
	n := 0
	for i := 0; i < len(b); i++ {
		if b[i] < 0x80 {
			n++
		}
	}
	if len(b) > 0 && b[len(b)-1] >= 0x80 {
		w.fail("field %d ends inside a varint", field)
		return
	}
	*p = packed{b: b, n: n, set: true}
}

// each calls f with each value of a packed field (zig-zag decoded when signed), stopping
// when f returns false.
func (p packed) each(signed bool, f func(v int64) bool) bool {
	b := p.b
	for len(b) > 0 {
		u, n := binary.Uvarint(b)
		if n <= 0 {
			return false
		}
		b = b[n:]
		v := int64(u)
		if signed {
			v = int64(u>>1) ^ -int64(u&1)
		}
		if !f(v) {
			return false
		}
	}
	return true
}

// appendVarint and appendField write the wire format.
func appendVarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

func appendBytesField(b []byte, field int, p []byte) []byte {
	b = appendVarint(b, uint64(field)<<3|2)
	b = appendVarint(b, uint64(len(p)))
	return append(b, p...)
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	b = appendVarint(b, uint64(field)<<3)
	return appendVarint(b, v)
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}
