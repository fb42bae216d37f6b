package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func BenchmarkValidateStar10000(b *testing.B) {
	ring := ovStarRing(rand.New(rand.NewPCG(1, 2)), orb.Point{0, 0}, 1000, 10000)
	b.ReportAllocs()
	for b.Loop() {
		if err := ValidatePlanar("", orb.Polygon{ring}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateCompound50(b *testing.B) {
	ring := ovStarRing(rand.New(rand.NewPCG(1, 2)), orb.Point{121.5, 31.2}, 0.001, 50)
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate("", orb.Polygon{ring}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateSmooth10000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	ring := make(orb.Ring, 0, 10001)
	for i := range 10000 {
		a := 2 * 3.141592653589793 * float64(i) / 10000
		r := 1000 * (1 + 0.01*rng.Float64())
		ring = append(ring, orb.Point{r * math.Cos(a), r * math.Sin(a)})
	}
	ring = append(ring, ring[0])
	b.ReportAllocs()
	for b.Loop() {
		if err := ValidatePlanar("", orb.Polygon{ring}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
