package renovation_test

import (
	"context"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/internal/streetsynth"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// The walking-life-circle benchmark of the gates issue: the benchmark city (10,000 compounds,
// 100,000 buildings, 20,000 facilities of 8 kinds) over a seeded street network of about 1 M
// nodes laid across the whole city, walked with the Walking metric; the goal is within 2× of
// BenchmarkCityLifeCircle (straight line) and at most 300 MB. The compounds have no mapped
// gates, so each leaves by the nearest street (the last rung of the exit ladder): the
// heaviest case for the gate step. Run side by side with
//
//	go test ./renovation/ -run XXX -bench 'City(Walking)?LifeCircle$' -benchmem -count 5
var (
	walkNetOnce sync.Once
	walkNet     *network.Graph
	walkNetErr  error
)

func benchWalkNetwork(b *testing.B, d *renovation.District) *network.Graph {
	walkNetOnce.Do(func() {
		var bound orb.Bound
		for i, c := range d.Compounds {
			cb := c.Boundary.Bound()
			if i == 0 {
				bound = cb
			} else {
				bound = bound.Union(cb)
			}
		}
		city := streetsynth.GenerateIn(1_000_000, 2026, bound)
		walkNet, walkNetErr = network.Build(city.Ways, nil)
	})
	if walkNetErr != nil {
		b.Fatal(walkNetErr)
	}
	return walkNet
}

func BenchmarkCityWalkingLifeCircle(b *testing.B) {
	d := benchCity(b)
	g := benchWalkNetwork(b, d)
	o := &renovation.LifeCircleOptions{Metric: renovation.Walking, Network: g}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := renovation.NewAnalyzer(d).LifeCircle(context.Background(), o); err != nil {
			b.Fatal(err)
		}
	}
	reportSys(b)
}
