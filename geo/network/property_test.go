package network_test

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/internal/streetsynth"
)

// propertyCity is a small synthetic city with private ways, and its graph.
func propertyCity(t *testing.T, seed uint64, open bool) (*streetsynth.City, *network.Graph) {
	t.Helper()
	city := streetsynth.Generate(3000, seed)
	var opts *network.BuildOptions
	if open { // every walkable way open: distances are then a metric
		opts = &network.BuildOptions{Filter: func(tags map[string]string) network.Access {
			if network.WalkFilter(tags) == network.Excluded {
				return network.Excluded
			}
			return network.Open
		}}
	}
	g, err := network.Build(city.Ways, opts)
	if err != nil {
		t.Fatal(err)
	}
	return city, g
}

// randomNodes returns k node ids of the city that are on the graph.
func randomNodes(t *testing.T, rng *rand.Rand, city *streetsynth.City, g *network.Graph, k int) []int64 {
	t.Helper()
	var out []int64
	for len(out) < k {
		w := city.Ways[rng.IntN(len(city.Ways))]
		id := w.Nodes[rng.IntN(len(w.Nodes))]
		if _, ok := g.Locate(id); ok {
			out = append(out, id)
		}
	}
	return out
}

// search runs one search from ids, the i-th named 100+first+i with an initial distance of
// 7.5 m × ((first+i) mod 3); s nil means Graph.Search.
func search(t *testing.T, s *network.Searcher, g *network.Graph, ids []int64, limit float64, first ...int) []network.Reach {
	t.Helper()
	var src []network.Source
	for i, id := range ids {
		if len(first) > 0 {
			i += first[0]
		}
		l, _ := g.Locate(id)
		src = append(src, network.Source{ID: int64(100 + i), At: l, Initial: float64(i%3) * 7.5})
	}
	var r *network.Result
	var err error
	if s != nil {
		r, err = s.Search(context.Background(), src, limit)
	} else {
		r, err = g.Search(context.Background(), src, limit)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r.Within()
}

// TestMultiSourceIsMinOfSingles: a search from many sources at once gives every node the
// minimum over the single-source searches (the lower source ID at an exact tie), with the
// no-through rule in force; and a reused Searcher answers as a fresh one.
func TestMultiSourceIsMinOfSingles(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		city, g := propertyCity(t, seed, false)
		if g.Stats().NoThrough == 0 {
			t.Fatal("the property city has no private ways: the no-through rule goes untested")
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		ids := randomNodes(t, rng, city, g, 6)
		limit := 400 + rng.Float64()*800
		reused := g.NewSearcher()
		want := map[int64]network.Reach{}
		for i, id := range ids {
			single := search(t, reused, g, []int64{id}, limit, i)
			for _, r := range single {
				if old, ok := want[r.Node]; !ok || r.Metres < old.Metres || r.Metres == old.Metres && r.Source < old.Source {
					want[r.Node] = r
				}
			}
		}
		got := search(t, reused, g, ids, limit)
		fresh := search(t, nil, g, ids, limit)
		if d := cmp.Diff(fresh, got); d != "" {
			t.Fatalf("seed %d: a reused Searcher differs from a fresh one:\n%s", seed, d)
		}
		if len(got) != len(want) {
			t.Errorf("seed %d: %d nodes reached, the single searches reach %d", seed, len(got), len(want))
		}
		for _, r := range got {
			w := want[r.Node]
			if r != w {
				t.Errorf("seed %d: node %d: %+v, the single searches give %+v", seed, r.Node, r, w)
			}
		}
	}
}

// TestMetric: on open ways, walking distances are symmetric, obey the triangle inequality,
// and are never shorter than the geodesic straight line.
func TestMetric(t *testing.T) {
	city, g := propertyCity(t, 9, true)
	rng := rand.New(rand.NewPCG(9, 9))
	ids := randomNodes(t, rng, city, g, 12)
	pos := map[int64][2]float64{}
	for _, w := range city.Ways {
		for i, id := range w.Nodes {
			pos[id] = w.Points[i]
		}
	}
	dist := make([][]float64, len(ids))
	s := g.NewSearcher()
	for i, a := range ids {
		l, _ := g.Locate(a)
		r, err := s.Search(context.Background(), []network.Source{{ID: a, At: l}}, math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		dist[i] = make([]float64, len(ids))
		for j, b := range ids {
			m, _, ok := r.Node(b)
			if !ok {
				m = math.Inf(1)
			}
			dist[i][j] = m
			if line := geo.Distance(pos[a], pos[b]); m < line-1e-6 {
				t.Errorf("%d to %d: %.6f m on foot, shorter than the straight line %.6f", a, b, m, line)
			}
		}
	}
	for i := range ids {
		for j := range ids {
			if math.Abs(dist[i][j]-dist[j][i]) > 1e-6 && !math.IsInf(dist[i][j], 1) {
				t.Errorf("%d–%d: %.9f one way, %.9f the other", ids[i], ids[j], dist[i][j], dist[j][i])
			}
			for k := range ids {
				if dist[i][k] > dist[i][j]+dist[j][k]+1e-6 {
					t.Errorf("triangle %d %d %d: %.6f > %.6f + %.6f", ids[i], ids[j], ids[k], dist[i][k], dist[i][j], dist[j][k])
				}
			}
		}
	}
}

// TestConcurrentSearches: searches on one graph from many goroutines give the answers of the
// same searches one after another (run with -race).
func TestConcurrentSearches(t *testing.T) {
	city, g := propertyCity(t, 3, false)
	rng := rand.New(rand.NewPCG(3, 3))
	var queries [][]int64
	var want [][]network.Reach
	for q := 0; q < 8; q++ {
		ids := randomNodes(t, rng, city, g, 3)
		queries = append(queries, ids)
		want = append(want, search(t, nil, g, ids, 600))
	}
	var wg sync.WaitGroup
	got := make([][]network.Reach, len(queries))
	for q := range queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := g.NewSearcher()
			for range 3 {
				var src []network.Source
				for i, id := range queries[q] {
					l, _ := g.Locate(id)
					src = append(src, network.Source{ID: int64(100 + i), At: l, Initial: float64(i%3) * 7.5})
				}
				r, err := s.Search(context.Background(), src, 600)
				if err != nil {
					t.Error(err)
					return
				}
				got[q] = r.Within()
			}
			// Snap builds its index once, under concurrency.
			g.Snap([2]float64{116.01, 39.61}, 100)
		}()
	}
	wg.Wait()
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("concurrent searches differ:\n%s", d)
	}
}
