package network

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo"
)

// TestChordLength checks the chord formula against Karney's geodesic on random segments up to
// the chord limit, from the equator to 85°, and a few beyond it (measured by geo.Distance).
func TestChordLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	for i := 0; i < 200_000; i++ {
		lat := (rng.Float64()*2 - 1) * 85
		lon := (rng.Float64()*2 - 1) * 180
		d := rng.Float64() * 2500 * math.Pow(rng.Float64(), 2)
		az := rng.Float64() * 2 * math.Pi
		b := orb.Point{lon + d*math.Sin(az)/(111320*math.Cos(lat*math.Pi/180)), lat + d*math.Cos(az)/110574}
		if b[1] > 90 || b[1] < -90 {
			continue
		}
		a := orb.Point{lon, lat}
		got := segmentLength(a, b, toECEF(a), toECEF(b))
		want := geo.Distance(a, b)
		if e := math.Abs(got - want); e > worst {
			worst = e
		}
	}
	if worst > 1e-7 {
		t.Errorf("chord formula differs from geo.Distance by up to %.3g m, want below 1e-7", worst)
	}
	t.Logf("largest difference from geo.Distance: %.3g m", worst)
}
