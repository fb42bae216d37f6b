package network_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/internal/benchcpu"
	"github.com/xiaoqu/xiaoqu/internal/streetsynth"
)

// benchCities caches the synthetic cities and their graphs across benchmarks.
var benchCities sync.Map // size → *benchCity

type benchCity struct {
	city    *streetsynth.City
	g       *network.Graph
	sources [streetsynth.Kinds][]network.Source
}

func cityOf(b *testing.B, n int) *benchCity {
	if c, ok := benchCities.Load(n); ok {
		return c.(*benchCity)
	}
	city := streetsynth.Generate(n, 1)
	g, err := network.Build(city.Ways, nil)
	if err != nil {
		b.Fatal(err)
	}
	c := &benchCity{city: city, g: g}
	for k, ids := range city.Facilities {
		for i, id := range ids {
			if l, ok := g.Locate(id); ok {
				c.sources[k] = append(c.sources[k], network.Source{ID: int64(i), At: l})
			}
		}
	}
	benchCities.Store(n, c)
	return c
}

var benchSizes = []struct {
	name string
	n    int
}{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}, {"4M", 4_000_000}}

// BenchmarkSearch8Kinds is the life-circle question at city scale: one multi-source search
// per facility kind, 8 kinds, 1,000 m limit, on as many goroutines as GOMAXPROCS, each with
// its own Searcher made once (as a server would keep them). The 4M size is slow to generate:
// run it with -benchtime 1x.
func BenchmarkSearch8Kinds(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			if sz.n > 1_000_000 && testing.Short() {
				b.Skip("4M nodes in -short mode")
			}
			c := cityOf(b, sz.n)
			workers := runtime.GOMAXPROCS(0)
			searchers := make([]*network.Searcher, workers)
			for i := range searchers {
				searchers[i] = c.g.NewSearcher()
			}
			st := c.g.Stats()
			b.ReportMetric(float64(st.Nodes), "nodes")
			b.ReportMetric(float64(2*st.Segments), "directed-segments")
			b.ResetTimer()
			for b.Loop() {
				var wg sync.WaitGroup
				kinds := make(chan int, streetsynth.Kinds)
				for k := 0; k < streetsynth.Kinds; k++ {
					kinds <- k
				}
				close(kinds)
				for w := 0; w < workers; w++ {
					wg.Add(1)
					go func(s *network.Searcher) {
						defer wg.Done()
						for k := range kinds {
							if _, err := s.Search(context.Background(), c.sources[k], 1000); err != nil {
								b.Error(err)
							}
						}
					}(searchers[w])
				}
				wg.Wait()
			}
		})
	}
}

// BenchmarkBuild measures Build on the synthetic ways (the OSM reading is not counted). The
// 4M size is skipped under -short.
func BenchmarkBuild(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			if sz.n > 1_000_000 && testing.Short() {
				b.Skip("4M nodes in -short mode")
			}
			city := streetsynth.Generate(sz.n, 1)
			b.ResetTimer()
			cpu := benchcpu.Start()
			for b.Loop() {
				if _, err := network.Build(city.Ways, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(city.Nodes)*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
			cpu.Report(b)
		})
	}
}

func ExampleGraph_Stats() {
	city := streetsynth.Generate(10_000, 1)
	g, _ := network.Build(city.Ways, nil)
	st := g.Stats()
	fmt.Println(st.Nodes == city.Nodes, st.Components)
	// Output: true 1
}
