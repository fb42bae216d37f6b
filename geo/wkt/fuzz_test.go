package wkt

import (
	"math/rand/v2"
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
