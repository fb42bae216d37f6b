package wkt

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// FuzzUnmarshal checks that no text makes the reader panic, and that whatever it accepts
// writes back to text that reads to the same geometry.
func FuzzUnmarshal(f *testing.F) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		s, err := Marshal(randomGeometry(rng, 2))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(s)
	}
	for _, s := range []string{"SRID=4490;POINT Z (1 2 3)", "MULTIPOINT (1 2, (3 4))", "POLYGON (EMPTY, (0 0, 1 1))",
		"GEOMETRYCOLLECTION (GEOMETRYCOLLECTION EMPTY)", "POINT (-.5e-3 +1.)", "CIRCULARSTRING EMPTY"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, dec := range []Decoder{{}, {DropZM: true, MaxDepth: 3}} {
			g, srid, err := dec.Decode(s)
			if err != nil {
				if g != nil {
					t.Fatalf("geometry with error %v", err)
				}
				continue
			}
			out, err := MarshalEWKT(g, srid)
			if err != nil {
				t.Fatalf("cannot write back %#v: %v", g, err)
			}
			g2, srid2, err := Unmarshal(out)
			if err != nil {
				t.Fatalf("cannot read back %q: %v", out, err)
			}
			out2, _ := MarshalEWKT(g2, srid2)
			if out != out2 {
				t.Fatalf("round trip changed %q to %q", out, out2)
			}
		}
	})
}

// FuzzUnmarshalAlloc checks the documented memory bound: whatever the text, Decode
// allocates at most AllocPerByte bytes per byte of it, plus 1 KiB for the result or error.
// The seeds are the worst texts found: many one-position rings or EMPTY members.
func FuzzUnmarshalAlloc(f *testing.F) {
	for _, s := range []string{
		"MULTIPOINT (" + strings.Repeat("0 0,", 5000) + "0 0)",
		"POLYGON (" + strings.Repeat("(0 0),", 5000) + "(0 0))",
		"MULTILINESTRING (" + strings.Repeat("EMPTY,", 5000) + "EMPTY)",
		"MULTIPOLYGON (" + strings.Repeat("((0 0)),", 5000) + "((0 0)))",
		"GEOMETRYCOLLECTION (" + strings.Repeat("POINT (0 0),", 5000) + "POINT (0 0))",
		"POLYGON (" + strings.Repeat("EMPTY,", 5000) + "x)",
		"POINT (1 2)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, err := Decoder{DropZM: true}.Decode(s)
		runtime.ReadMemStats(&after)
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(AllocPerByte*len(s)+1024); got > limit {
			t.Fatalf("%d bytes of text allocated %d bytes, more than %d (error %v)", len(s), got, limit, err)
		}
	})
}

// TestLimitsBoundAllocation checks that MaxPositions bounds what a long text of EMPTY
// members makes Decode allocate, independent of the text's length.
func TestLimitsBoundAllocation(t *testing.T) {
	s := "POLYGON (" + strings.Repeat("EMPTY,", 1<<20) + "EMPTY)"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := Decoder{MaxPositions: 1000}.Decode(s)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("%d bytes allocated for 1000 positions of a %d-byte text", got, len(s))
	}
}
