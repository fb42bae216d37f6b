package geo

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// footprintsForUnion returns n footprints of 10–40 m scattered over a square sized so that
// about a third of them overlap a neighbour, in planar metres and lon/lat.
func ovFootprintsForUnion(n int) (xy, lonlat []orb.Geometry) {
	rng := rand.New(rand.NewPCG(71, 72))
	c := orb.Point{121.5, 31.2}
	span := 30.0 * float64(ovIsqrt(n))
	for range n {
		fp := ovRandomFootprint(rng, orb.Point{rng.Float64() * span, rng.Float64() * span})
		xy = append(xy, fp)
		lonlat = append(lonlat, ovToLonLat(fp, c))
	}
	return xy, lonlat
}

func ovIsqrt(n int) int {
	r := 1
	for r*r < n {
		r++
	}
	return r
}

func BenchmarkUnionMany1000(b *testing.B) {
	xy, lonlat := ovFootprintsForUnion(1000)
	b.Run("planar", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := UnionManyPlanar(xy); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lonlat", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := UnionMany(lonlat); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBufferPoint100m(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Buffer(orb.Point{121.5, 31.2}, 100, nil); err != nil {
			b.Fatal(err)
		}
	}
}
