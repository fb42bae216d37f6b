package network_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/internal/streetsynth"
)

// BenchmarkPgRouting puts the library's search and pgRouting's pgr_drivingDistance side by
// side on the same synthetic street graph and the same question: from every facility of the
// densest kind at once, every vertex within 1,000 m (the city's private ways made public, as
// pgRouting cannot tell them apart). pgRouting is timed as it is used, reading
// the graph from its table by SQL on every call; the library is timed for the search alone and
// for building the graph from the ways and searching. Before timing, both answers are checked
// to reach the same vertices at distances within 1 mm. Skips without a live pgRouting
// (XIAOQU_POSTGIS_URL, see .ci/postgis.sh).
func BenchmarkPgRouting(b *testing.B) {
	conn := network.PgRoutingForTest(b)
	for _, n := range []int{10_000, 100_000} {
		city := streetsynth.Generate(n, 1)
		// pgRouting has no notion of no-through ways, so the private ones are made public.
		for i, w := range city.Ways {
			if w.Tags["access"] == "private" {
				city.Ways[i].Tags = map[string]string{"highway": "service"}
			}
		}
		g, err := network.Build(city.Ways, nil)
		if err != nil {
			b.Fatal(err)
		}
		var from []int64
		var sources []network.Source
		for _, id := range city.Facilities[0] {
			if l, ok := g.Locate(id); ok {
				from = append(from, id)
				sources = append(sources, network.Source{ID: id, At: l})
			}
		}
		name := fmt.Sprintf("%dk", n/1000)
		table := network.LoadEdgesForTest(b, conn, "bench_"+name, g.WeightedEdges())
		const limit = 1000.0
		want := network.DrivingDistanceForTest(b, conn, table, from, limit, false)
		r, err := g.Search(context.Background(), sources, limit)
		if err != nil {
			b.Fatal(err)
		}
		reached := 0
		for _, v := range g.VertexIDs() {
			m, _, ok := r.Node(v)
			w, inPg := want[v]
			if ok != inPg || ok && math.Abs(m-w.Metres) > 1e-3 {
				b.Fatalf("%s: vertex %d: library %v %.6f m, pgRouting %v %.6f m", name, v, ok, m, inPg, w.Metres)
			}
			if ok {
				reached++
			}
		}
		if reached != len(want) || reached == 0 {
			b.Fatalf("%s: library reached %d vertices, pgRouting %d", name, reached, len(want))
		}
		b.Run(name+"/pgRouting", func(b *testing.B) {
			b.ReportMetric(float64(len(from)), "sources")
			for b.Loop() {
				network.DrivingDistanceForTest(b, conn, table, from, limit, true)
			}
		})
		b.Run(name+"/search", func(b *testing.B) {
			s := g.NewSearcher()
			for b.Loop() {
				if _, err := s.Search(context.Background(), sources, limit); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/build+search", func(b *testing.B) {
			for b.Loop() {
				g, err := network.Build(city.Ways, nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := g.Search(context.Background(), sources, limit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
