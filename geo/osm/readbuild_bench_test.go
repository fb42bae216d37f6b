package osm_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/geo/osm"
	"github.com/xiaoqu/xiaoqu/internal/benchcpu"
	"github.com/xiaoqu/xiaoqu/internal/streetsynth"
)

// streetPBF writes the synthetic street network of about n nodes as a PBF file whose node
// ids are sparse as a real extract's are: ascending with random gaps of 1 to 64, so that no
// lookup can index them by id directly.
func streetPBF(n int) (pbf []byte, nodes int) {
	city := streetsynth.Generate(n, 1)
	pos := map[int64]orb.Point{}
	for _, w := range city.Ways {
		for i, id := range w.Nodes {
			pos[id] = w.Points[i]
		}
	}
	old := make([]int64, 0, len(pos))
	for id := range pos {
		old = append(old, id)
	}
	slices.Sort(old)
	rng := rand.New(rand.NewPCG(2, 3))
	renumber := make(map[int64]int64, len(old))
	ids := make([]int64, len(old))
	pts := make([]orb.Point, len(old))
	next := int64(1_000_000_000)
	for i, id := range old {
		next += 1 + rng.Int64N(64)
		renumber[id], ids[i], pts[i] = next, next, pos[id]
	}
	ways := make([]osm.PBFWay, len(city.Ways))
	for i, w := range city.Ways {
		refs := make([]int64, len(w.Nodes))
		for j, id := range w.Nodes {
			refs[j] = renumber[id]
		}
		ways[i] = osm.PBFWay{ID: w.ID, Nodes: refs, Tags: w.Tags}
	}
	return osm.WritePBFForTest(ids, pts, ways), len(ids)
}

// BenchmarkReadBuild reads a PBF of the synthetic street network and builds its walk graph:
// the whole path from a planner's .osm.pbf to a graph to search, in nodes per second.
func BenchmarkReadBuild(b *testing.B) {
	for _, sz := range []struct {
		name string
		n    int
	}{{"100k", 100_000}, {"1M", 1_000_000}, {"4M", 4_000_000}} {
		b.Run(sz.name, func(b *testing.B) {
			if sz.n > 1_000_000 && testing.Short() {
				b.Skip("4M nodes in -short mode")
			}
			in, nodes := streetPBF(sz.n)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := benchcpu.Start()
			for b.Loop() {
				d, err := osm.Read(bytes.NewReader(in), osm.PBF, nil)
				if err != nil {
					b.Fatal(err)
				}
				g, err := network.FromOSM(d, nil)
				if err != nil || g.Stats().Nodes != nodes {
					b.Fatal(err, g.Stats().Nodes, nodes)
				}
			}
			b.ReportMetric(float64(nodes)*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
			// CPU time does not count the time other processes held the cores: nodes per
			// CPU-second is what one idle core would do, a floor for two.
			if s, ok := cpu.PerOp(b); ok {
				b.ReportMetric(s, "cpu-s/op")
				b.ReportMetric(float64(nodes)/s, "nodes/cpu-s")
			}
		})
	}
}

// TestStreetPBF checks that the written file reads back whole and builds the same graph as
// the ways themselves.
func TestStreetPBF(t *testing.T) {
	in, nodes := streetPBF(20_000)
	d, err := osm.Read(bytes.NewReader(in), osm.PBF, nil)
	if err != nil {
		t.Fatal(err)
	}
	g, err := network.FromOSM(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := network.Build(streetsynth.Generate(20_000, 1).Ways, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, want := g.Stats(), direct.Stats()
	if d.NodeCount() != nodes || got.Nodes != want.Nodes || got.Edges != want.Edges || got.Components != want.Components || got.NoThrough != want.NoThrough {
		t.Errorf("read %d of %d nodes; graph %+v, want %+v", d.NodeCount(), nodes, got, want)
	}
}
