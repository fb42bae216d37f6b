package wkb

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkDecodePolygon10k decodes a 10,000-vertex polygon (160 kB of WKB).
func BenchmarkDecodePolygon10k(b *testing.B) {
	ring := make(orb.Ring, 10000)
	for i := range ring[:len(ring)-1] {
		a := 2 * math.Pi * float64(i) / float64(len(ring)-1)
		ring[i] = orb.Point{116.39 + 0.01*math.Cos(a), 39.9 + 0.01*math.Sin(a)}
	}
	ring[len(ring)-1] = ring[0]
	blob, err := MarshalEWKB(orb.Polygon{ring}, 4490, LittleEndian)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(blob)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Unmarshal(blob); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePolygon10k encodes the same polygon.
func BenchmarkEncodePolygon10k(b *testing.B) {
	ring := make(orb.Ring, 10000)
	for i := range ring {
		ring[i] = orb.Point{float64(i), float64(i)}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MarshalEWKB(orb.Polygon{ring}, 4490, LittleEndian); err != nil {
			b.Fatal(err)
		}
	}
}
