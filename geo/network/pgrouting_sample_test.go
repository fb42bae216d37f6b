package network

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sharedData returns the path of a folder of the project's shared data, or skips t.
func sharedData(t testing.TB, name string) string {
	t.Helper()
	for _, dir := range []string{"../../../shared/data", "../../../../shared/data", os.Getenv("XIAOQU_SHARED_DATA")} {
		if dir == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("shared data %s not found (set XIAOQU_SHARED_DATA)", name)
	return ""
}

// readCSV reads a CSV file with a header row.
func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

// pgRoutingSample returns the edges of pgRouting's documentation sample network.
func pgRoutingSample(t testing.TB) []WeightedEdge {
	t.Helper()
	var edges []WeightedEdge
	for _, r := range readCSV(t, filepath.Join(sharedData(t, "pgrouting-sampledata"), "edges.csv")) {
		id, _ := strconv.ParseInt(r[0], 10, 64)
		s, _ := strconv.ParseInt(r[1], 10, 64)
		d, _ := strconv.ParseInt(r[2], 10, 64)
		c, _ := strconv.ParseFloat(r[3], 64)
		rc, _ := strconv.ParseFloat(r[4], 64)
		edges = append(edges, WeightedEdge{ID: id, Source: s, Target: d, Cost: c, ReverseCost: rc})
	}
	return edges
}

// undirected turns edges into pgRouting's undirected reading: every existing direction of an
// edge is walkable both ways at its cost.
func undirected(edges []WeightedEdge) []WeightedEdge {
	var out []WeightedEdge
	for _, e := range edges {
		if e.Cost >= 0 {
			out = append(out, WeightedEdge{ID: e.ID, Source: e.Source, Target: e.Target, Cost: e.Cost, ReverseCost: e.Cost})
		}
		if e.ReverseCost >= 0 {
			out = append(out, WeightedEdge{ID: e.ID, Source: e.Source, Target: e.Target, Cost: e.ReverseCost, ReverseCost: e.ReverseCost})
		}
	}
	return out
}

// searchVertices runs one search from the vertex ids and returns Within.
func searchVertices(t testing.TB, g *Graph, from []int64, limit float64) []Reach {
	t.Helper()
	var src []Source
	for _, id := range from {
		l, ok := g.Locate(id)
		if !ok {
			t.Fatalf("vertex %d not on the graph", id)
		}
		src = append(src, Source{ID: id, At: l})
	}
	r, err := g.Search(context.Background(), src, limit)
	if err != nil {
		t.Fatal(err)
	}
	return r.Within()
}

// TestPgRoutingSample reproduces pgRouting's published pgr_drivingDistance rows on its
// documentation network (docs of pgr_drivingDistance, pgRouting 3.4; the same rows come from
// postgresql-15-pgrouting 3.4.2): rows are (node, agg_cost, start_vid).
func TestPgRoutingSample(t *testing.T) {
	edges := pgRoutingSample(t)
	directed, err := BuildWeighted(edges)
	if err != nil {
		t.Fatal(err)
	}
	undir, err := BuildWeighted(undirected(edges))
	if err != nil {
		t.Fatal(err)
	}
	row := func(node int64, cost float64, from int64) Reach { return Reach{Node: node, Metres: cost, Source: from} }
	tests := []struct {
		name string
		g    *Graph
		from []int64
		want []Reach
	}{
		{"directed from 11 within 3.0", directed, []int64{11}, []Reach{
			row(1, 3, 11), row(3, 2, 11), row(5, 3, 11), row(6, 2, 11), row(7, 1, 11), row(8, 2, 11),
			row(9, 3, 11), row(10, 3, 11), row(11, 0, 11), row(12, 1, 11), row(15, 2, 11), row(16, 1, 11),
			row(17, 2, 11)}},
		{"directed from 11 and 16 with equicost", directed, []int64{11, 16}, []Reach{
			row(1, 3, 11), row(3, 2, 11), row(5, 3, 11), row(6, 2, 11), row(7, 1, 11), row(8, 2, 11),
			row(9, 3, 11), row(10, 2, 16), row(11, 0, 11), row(12, 1, 11), row(15, 1, 16), row(16, 0, 16),
			row(17, 1, 16)}},
		{"undirected from 11 within 3.0", undir, []int64{11}, []Reach{
			row(1, 3, 11), row(3, 2, 11), row(5, 3, 11), row(6, 2, 11), row(7, 1, 11), row(8, 2, 11),
			row(9, 3, 11), row(10, 1, 11), row(11, 0, 11), row(12, 1, 11), row(15, 2, 11), row(16, 1, 11),
			row(17, 2, 11)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchVertices(t, tt.g, tt.from, 3.0)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("rows (-pgRouting +library):\n%s", d)
			}
		})
	}
}
