package wkb

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

// FuzzDecode checks that no input makes the decoder panic or allocate without bound, and
// that whatever it accepts it writes back to bytes that decode to the same thing.
func FuzzDecode(f *testing.F) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		b, err := MarshalEWKB(randomGeometry(rng, 2), 4490, ByteOrder(rng.IntN(2)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(hx("01", "E9030000", le1, le2, le3))
	f.Add(hx("01", "02000000", "00CA9A3B", le1, "00000000"))
	f.Add(hx("01", "07000000", "01000000", "01", "07000000", "01000000", "01", "07000000", "00000000"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, dec := range []Decoder{{}, {DropZM: true, MaxPoints: 1000, MaxDepth: 4}} {
			g, srid, err := dec.Decode(data)
			if err != nil {
				if g != nil {
					t.Fatalf("geometry with error %v", err)
				}
				continue
			}
			b, err := MarshalEWKB(g, max(srid, 0), LittleEndian)
			if err != nil {
				if srid < 0 {
					continue // a negative SRID is read but cannot be written
				}
				t.Fatalf("cannot write back %v: %v", g, err)
			}
			g2, srid2, err := Unmarshal(b)
			if err != nil {
				t.Fatalf("cannot read back %s: %v", Hex(b), err)
			}
			b2, _ := MarshalEWKB(g2, srid2, LittleEndian)
			if !bytes.Equal(b, b2) {
				t.Fatalf("round trip changed\n%s\n%s", Hex(b), Hex(b2))
			}
		}
	})
}

// hostileBlobs are the worst blobs for the memory bound: many empty members, each a few
// bytes that become a slice header or an interface in the geometry, and a deep nesting.
func hostileBlobs() [][]byte {
	const n = 5000
	polygon := hx("01", "03000000", fmt.Sprintf("%08X", bswap(n)), strings.Repeat("00000000", n))
	multi := hx("01", "06000000", fmt.Sprintf("%08X", bswap(n)), strings.Repeat("01"+"03000000"+"00000000", n))
	coll := hx("01", "07000000", fmt.Sprintf("%08X", bswap(n)), strings.Repeat("01"+"02000000"+"00000000", n))
	points := hx("01", "04000000", fmt.Sprintf("%08X", bswap(n)), strings.Repeat("01"+"01000000"+le1+le1, n))
	deep := hx(strings.Repeat("01"+"07000000"+"01000000", 40), "01", "07000000", "00000000")
	return [][]byte{polygon, multi, coll, points, deep}
}

// bswap returns n with its four bytes reversed, to write it little-endian as hex.
func bswap(n uint32) uint32 {
	return n>>24 | n>>8&0xff00 | n<<8&0xff0000 | n<<24
}

// decodeAllocPerByte is the memory bound Decode documents ("about six"), in bytes per byte
// of the blob, rounded up: the worst blob, a polygon of empty rings, needs 6.1.
// decodeAllocSlack is the constant besides, for the error or the result.
const (
	decodeAllocPerByte = 7
	decodeAllocSlack   = 2048
)

// FuzzDecodeAlloc checks Decode's documented memory bound: whatever the blob claims, about
// six bytes per byte of it.
func FuzzDecodeAlloc(f *testing.F) {
	for _, b := range hostileBlobs() {
		f.Add(b)
	}
	f.Add(hx("01", "06000000", "FFFFFFFF", "01", "03000000", "FFFFFFFF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var err error
		got := memtest.Bound(t, len(data), decodeAllocPerByte, decodeAllocSlack, func() {
			_, _, err = Decoder{DropZM: true}.Decode(data)
		})
		if testing.Verbose() {
			t.Logf("%d bytes: %d allocated (%.1f per byte), error %.80v", len(data), got, float64(got)/float64(len(data)), err)
		}
	})
}

// hexAllocPerByte bounds what ParseHex allocates, in bytes per character of text: it
// documents that it allocates the bytes, half as many, and measures so. hexAllocSlack is the
// constant besides, for the error.
const (
	hexAllocPerByte = 1
	hexAllocSlack   = 512
)

// FuzzParseHex checks that ParseHex never panics, that what it accepts writes back by Hex to
// the same digits, that its errors wrap ErrInvalid, and its memory bound.
func FuzzParseHex(f *testing.F) {
	for _, b := range hostileBlobs() {
		f.Add(Hex(b))
	}
	for _, s := range []string{"0101000000000000000000F03F" + strings.Repeat("0", 1<<16) + "é", `\x0101000000`, "0x0101", "0X01", "abcdef", "ABC", "01G2", "0101000000000000000000F03F" + strings.Repeat("z", 1000), "", `\x`, "é0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b []byte
		var err error
		got := memtest.Bound(t, len(s), hexAllocPerByte, hexAllocSlack, func() { b, err = ParseHex(s) })
		if testing.Verbose() {
			t.Logf("%d characters: %d allocated, error %v", len(s), got, err)
		}
		if err != nil {
			if b != nil || !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseHex(%.40q) = %x, %v; want nil and ErrInvalid", s, b, err)
			}
			return
		}
		digits := s
		if len(s) >= 2 && (s[:2] == `\x` || s[:2] == "0x" || s[:2] == "0X") {
			digits = s[2:]
		}
		if Hex(b) != strings.ToUpper(digits) {
			t.Fatalf("ParseHex(%.40q) = %x, which writes back as %.40s", s, b, Hex(b))
		}
	})
}
