package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
)

// TestRankIDs checks rankIDs against the plain definition (the number of distinct values
// below each), on dense, sparse and extreme ids, both the packed radix path and the sort.
func TestRankIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int, span int64) []int64 {
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = 1_000_000_000 + rng.Int64N(span)
		}
		return ids
	}
	for name, ids := range map[string][]int64{
		"empty":      {},
		"one":        {42},
		"repeats":    {5, 5, 5, 3, 3, 9},
		"dense":      random(5000, 3000),
		"osm sparse": random(20000, 1<<34),
		"extremes":   {math.MaxInt64, math.MinInt64, 0, -1, math.MaxInt64, 1},
		"wide":       append(random(1000, 1<<40), math.MinInt64/2, math.MaxInt64/2),
	} {
		rank, distinct := rankIDs(ids)
		want := slices.Compact(slices.Sorted(slices.Values(ids)))
		if len(want) == 0 {
			want = nil
		}
		if diff := gocmp.Diff(want, distinct); diff != "" {
			t.Errorf("%s: distinct (-want +got):\n%s", name, diff)
		}
		wantRank := make([]int32, len(ids))
		for i, id := range ids {
			r, _ := slices.BinarySearch(want, id)
			wantRank[i] = int32(r)
		}
		if diff := gocmp.Diff(wantRank, rank); diff != "" {
			t.Errorf("%s: rank (-want +got):\n%s", name, diff)
		}
	}
}

func BenchmarkRankIDs(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]int64, 2_000_000)
	for i := range ids {
		ids[i] = 1_000_000_000 + rng.Int64N(1<<34)
	}
	b.ReportAllocs()
	for b.Loop() {
		rankIDs(ids)
	}
}
