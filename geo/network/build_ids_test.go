package network_test

import (
	"cmp"
	"context"
	"math"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/internal/streetsynth"
)

// TestBuildSparseIDs checks that the node numbering Build chooses (an id's offset when the
// ids are dense, its rank by sorting when they are sparse, down to the extremes of int64)
// does not change the graph: the same ways renumbered give the same counts and the same
// walking distances, node for node.
func TestBuildSparseIDs(t *testing.T) {
	city := streetsynth.Generate(5000, 3)
	renumber := func(f func(int64) int64) []network.Way {
		out := make([]network.Way, len(city.Ways))
		for i, w := range city.Ways {
			out[i] = w
			out[i].Nodes = make([]int64, len(w.Nodes))
			for j, id := range w.Nodes {
				out[i].Nodes[j] = f(id)
			}
		}
		return out
	}
	within := func(ways []network.Way, f func(int64) int64) ([]network.Reach, network.Stats) {
		g, err := network.Build(ways, nil)
		if err != nil {
			t.Fatal(err)
		}
		var srcs []network.Source
		for _, id := range city.Facilities[0] {
			at, ok := g.Locate(f(id))
			if !ok {
				t.Fatalf("node %d not on the graph", f(id))
			}
			srcs = append(srcs, network.Source{ID: id, At: at})
		}
		res, err := g.Search(context.Background(), srcs, 800)
		if err != nil {
			t.Fatal(err)
		}
		return res.Within(), g.Stats()
	}
	same := func(id int64) int64 { return id }
	wantReach, wantStats := within(city.Ways, same)
	for name, f := range map[string]func(int64) int64{
		"sparse": func(id int64) int64 { return 1_000_000_000 + id*37 },
		// The span overflows int64: the offset test must not wrap.
		"extremes": func(id int64) int64 {
			if id == 1 {
				return math.MinInt64
			}
			if id == 2 {
				return math.MaxInt64
			}
			return id
		},
	} {
		reach, stats := within(renumber(f), f)
		inverse := map[int64]int64{}
		for _, w := range city.Ways {
			for _, id := range w.Nodes {
				inverse[f(id)] = id
			}
		}
		for i := range reach {
			reach[i].Node = inverse[reach[i].Node]
		}
		slices.SortFunc(reach, func(a, b network.Reach) int { return cmp.Compare(a.Node, b.Node) })
		if diff := gocmp.Diff(wantReach, reach); diff != "" {
			t.Errorf("%s: reach (-same ids +renumbered):\n%s", name, diff)
		}
		if stats.Nodes != wantStats.Nodes || stats.Edges != wantStats.Edges || stats.Components != wantStats.Components {
			t.Errorf("%s: %+v, want %+v", name, stats, wantStats)
		}
	}
}
