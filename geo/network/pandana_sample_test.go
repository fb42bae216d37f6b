package network

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// TestPandanaSample reproduces the shortest-path distances pandana's own tests publish on its
// downtown Seattle walk network (tests/test_cyaccess.py, test_shortest_path and
// test_fixed_graph_shortest_path_distances; hop weights, two-way), where nodes are named by
// pandana's internal index.
func TestPandanaSample(t *testing.T) {
	dir := sharedData(t, "pandana-osm-sample")
	var edges []WeightedEdge
	for i, r := range readCSV(t, filepath.Join(dir, "edges.csv")) {
		from, err1 := strconv.ParseInt(r[2], 10, 64)
		to, err2 := strconv.ParseInt(r[3], 10, 64)
		w, err3 := strconv.ParseFloat(r[4], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("edges.csv row %d: %v", i+2, r)
		}
		edges = append(edges, WeightedEdge{ID: int64(i), Source: from, Target: to, Cost: w, ReverseCost: w})
	}
	g, err := BuildWeighted(edges)
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][3]int64{
		{996, 71, 23},
		{342, 45, 17}, {444, 936, 28}, {1140, 1, 35}, {317, 1316, 33}, {1196, 1129, 22},
		{921, 1065, 35}, {184, 1036, 17}, {748, 511, 11}, {820, 1074, 34}, {1247, 866, 6},
		{938, 346, 28}, {596, 164, 7}, {1301, 990, 30}, {959, 270, 5}, {1055, 1488, 19},
		{142, 1208, 15}, {663, 65, 9}, {996, 796, 6}, {1271, 867, 21}, {164, 39, 32},
		{1203, 905, 18}, {1189, 959, 11}, {1025, 437, 26},
	}
	s := g.NewSearcher() // one Searcher reused across searches, as intended
	for _, p := range pairs {
		from, ok := g.Locate(p[0])
		if !ok {
			t.Fatalf("node %d not on the graph", p[0])
		}
		r, err := s.Search(context.Background(), []Source{{ID: p[0], At: from}}, 1e9)
		if err != nil {
			t.Fatal(err)
		}
		got, _, ok := r.Node(p[1])
		if !ok || got != float64(p[2]) {
			t.Errorf("%d to %d: %v hops (%v), pandana says %d", p[0], p[1], got, ok, p[2])
		}
	}
}
