package network

import (
	"context"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo"
)

// The hand-made network of the tests, on a street of Haidian (lon/lat degrees):
//
//	1 ── 2 ── 3 ── 4          ways 101 (1-2-3), 102 (3-4): open
//	          │               way 103 (3-5-6): access=private
//	          5 ── 6 ── 7     way 104 (6-7): open
//	8 ── 9                    way 105 (8-9): open, another component
//	3 ── 10                   way 106: motorway, excluded
var (
	pt = map[int64]orb.Point{
		1: {116.3400, 40.0000}, 2: {116.3410, 40.0000}, 3: {116.3420, 40.0000}, 4: {116.3430, 40.0000},
		5: {116.3420, 39.9990}, 6: {116.3430, 39.9990}, 7: {116.3440, 39.9990},
		8: {116.3500, 40.0100}, 9: {116.3510, 40.0100}, 10: {116.3420, 40.0010},
	}
	testWays = []Way{
		testWay(101, map[string]string{"highway": "footway"}, 1, 2, 3),
		testWay(102, map[string]string{"highway": "residential", "oneway": "yes"}, 3, 4),
		testWay(103, map[string]string{"highway": "service", "access": "private"}, 3, 5, 6),
		testWay(104, map[string]string{"highway": "footway"}, 6, 7),
		testWay(105, map[string]string{"highway": "path"}, 8, 9),
		testWay(106, map[string]string{"highway": "motorway"}, 3, 10),
	}
)

func testWay(id int64, tags map[string]string, nodes ...int64) Way {
	w := Way{ID: id, Nodes: nodes, Tags: tags}
	for _, n := range nodes {
		w.Points = append(w.Points, pt[n])
	}
	return w
}

// dist is the geodesic length of the path through the nodes.
func dist(nodes ...int64) float64 {
	var s float64
	for i := 1; i < len(nodes); i++ {
		s += geo.Distance(pt[nodes[i-1]], pt[nodes[i]])
	}
	return s
}

func testGraph(t testing.TB) *Graph {
	t.Helper()
	g, err := Build(testWays, nil)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestBuildStats(t *testing.T) {
	g := testGraph(t)
	want := Stats{Nodes: 9, Vertices: 7, Edges: 5, Segments: 7, Components: 2,
		LengthMetres: dist(1, 2, 3, 4) + dist(3, 5, 6, 7) + dist(8, 9), Ways: 5, Excluded: 1, NoThrough: 1}
	if d := cmp.Diff(want, g.Stats(), cmpopts.EquateApprox(0, 1e-6)); d != "" {
		t.Errorf("Stats (-want +got):\n%s", d)
	}
	if _, ok := g.Locate(10); ok {
		t.Error("node 10 of the motorway is on the walk graph")
	}
	l2, ok := g.Locate(2)
	if !ok {
		t.Fatal("shape node 2 is not found")
	}
	p, _ := g.Point(l2)
	if geo.Distance(p, pt[2]) > 1e-6 {
		t.Errorf("Point(Locate(2)) = %v, want %v", p, pt[2])
	}
	l8, _ := g.Locate(8)
	if g.Component(l2) == g.Component(l8) {
		t.Error("nodes 2 and 8 are in one component")
	}
}

func TestSearch(t *testing.T) {
	g := testGraph(t)
	at := func(id int64) Location {
		l, ok := g.Locate(id)
		if !ok {
			t.Fatalf("node %d not on the graph", id)
		}
		return l
	}
	tests := []struct {
		name    string
		sources []Source
		limit   float64
		want    []Reach
	}{
		{"from a way end, into the private way but not through it", []Source{{ID: 1, At: at(1)}}, math.Inf(1), []Reach{
			{1, 0, 1}, {2, dist(1, 2), 1}, {3, dist(1, 2, 3), 1}, {4, dist(1, 2, 3, 4), 1},
			{5, dist(1, 2, 3, 5), 1}, {6, dist(1, 2, 3, 5, 6), 1}}},
		{"from inside the private way, out of it", []Source{{ID: 7, At: at(5)}}, math.Inf(1), []Reach{
			{1, dist(5, 3, 2, 1), 7}, {2, dist(5, 3, 2), 7}, {3, dist(5, 3), 7}, {4, dist(5, 3, 4), 7},
			{5, 0, 7}, {6, dist(5, 6), 7}, {7, dist(5, 6, 7), 7}}},
		{"limit between nodes, with an initial distance", []Source{{ID: 1, At: at(2), Initial: 10}}, 10 + dist(2, 3) + 1, []Reach{
			{1, 10 + dist(1, 2), 1}, {2, 10, 1}, {3, 10 + dist(2, 3), 1}}},
		{"two sources: each node to the nearer, ties to the lower id", []Source{{ID: 9, At: at(1)}, {ID: 4, At: at(3)}}, math.Inf(1), []Reach{
			{1, 0, 9}, {2, dist(1, 2), 9}, {3, 0, 4}, {4, dist(3, 4), 4}, {5, dist(3, 5), 4}, {6, dist(3, 5, 6), 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := g.Search(context.Background(), tt.sources, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, r.Within(), cmpopts.EquateApprox(0, 1e-6)); d != "" {
				t.Errorf("Within (-want +got):\n%s", d)
			}
		})
	}
}

func TestSearchTie(t *testing.T) {
	// Node 2 is 1 from both sources: the lower source id must win, whatever the order.
	g, err := BuildWeighted([]WeightedEdge{{1, 1, 2, 1, 1}, {2, 2, 3, 1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	l1, _ := g.Locate(1)
	l3, _ := g.Locate(3)
	for _, sources := range [][]Source{{{ID: 5, At: l1}, {ID: 3, At: l3}}, {{ID: 3, At: l3}, {ID: 5, At: l1}}} {
		r, err := g.Search(context.Background(), sources, math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		if m, src, ok := r.Node(2); !ok || src != 3 || m != 1 {
			t.Errorf("node 2: %v m from source %d, %v; want 1 m from 3 (the lower id of a tie)", m, src, ok)
		}
	}
}

func TestSnapAndSameEdge(t *testing.T) {
	g := testGraph(t)
	// A point 20 m north of the middle of 1–2.
	mid := orb.Point{116.3405, 40.0000}
	p := orb.Point{116.3405, 40.00018}
	l, d, ok := g.Snap(p, 50)
	if !ok {
		t.Fatal("Snap found no edge within 50 m")
	}
	if want := geo.Distance(p, mid); math.Abs(d-want) > 0.05 {
		t.Errorf("Snap distance %.3f m, want %.3f", d, want)
	}
	if _, _, ok := g.Snap(p, 5); ok {
		t.Error("Snap within 5 m found an edge 20 m away")
	}
	// A search from the snapped point reaches node 2 along the edge, not through a node.
	r, err := g.Search(context.Background(), []Source{{ID: 1, At: l}}, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := r.Node(2)
	if want := geo.Distance(mid, pt[2]); math.Abs(got-want) > 0.05 {
		t.Errorf("snapped point to node 2: %.3f m, want %.3f", got, want)
	}
	// Same edge: a target between the source and node 2.
	q, _, _ := g.Snap(orb.Point{116.34075, 40.0}, 1)
	got, _, _ = r.DistanceTo(q)
	if want := geo.Distance(mid, orb.Point{116.34075, 40.0}); math.Abs(got-want) > 0.05 {
		t.Errorf("same-edge distance %.3f m, want %.3f", got, want)
	}
}

func TestSearchErrors(t *testing.T) {
	g := testGraph(t)
	l1, _ := g.Locate(1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, f := range map[string]func() error{
		"zero location": func() error { _, err := g.Search(context.Background(), []Source{{ID: 1}}, 10); return err },
		"negative initial": func() error {
			_, err := g.Search(context.Background(), []Source{{ID: 1, At: l1, Initial: -1}}, 10)
			return err
		},
		"NaN limit": func() error {
			_, err := g.Search(context.Background(), []Source{{ID: 1, At: l1}}, math.NaN())
			return err
		},
		"cancelled": func() error { _, err := g.Search(ctx, []Source{{ID: 1, At: l1}}, 10); return err },
	} {
		if f() == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Build([]Way{{ID: 7, Nodes: []int64{1, 2}, Points: []orb.Point{{0, 0}}, Tags: map[string]string{"highway": "path"}}}, nil); err == nil {
		t.Error("Build accepted a way with fewer points than nodes")
	}
	if _, err := Build([]Way{{ID: 7, Nodes: []int64{1, 2}, Points: []orb.Point{{0, 0}, {math.NaN(), 0}}, Tags: map[string]string{"highway": "path"}}}, nil); err == nil {
		t.Error("Build accepted a NaN coordinate")
	}
}

func TestWalkFilter(t *testing.T) {
	tests := []struct {
		tags map[string]string
		want Access
	}{
		{map[string]string{"highway": "footway"}, Open},
		{map[string]string{"highway": "motorway"}, Excluded},
		{map[string]string{"highway": "motorway", "foot": "yes"}, Open},
		{map[string]string{"highway": "construction", "foot": "yes"}, Excluded},
		{map[string]string{"highway": "service", "access": "private"}, NoThrough},
		{map[string]string{"highway": "service", "foot": "private"}, NoThrough},
		{map[string]string{"highway": "service", "access": "private", "foot": "yes"}, Open},
		{map[string]string{"highway": "service", "access": "no"}, Excluded},
		{map[string]string{"highway": "service", "access": "no", "foot": "permissive"}, Open},
		{map[string]string{"highway": "footway", "foot": "no"}, Excluded},
		{map[string]string{"highway": "pedestrian", "area": "yes"}, Open},
		{map[string]string{"building": "yes"}, Excluded},
	}
	for _, tt := range tests {
		if got := WalkFilter(tt.tags); got != tt.want {
			t.Errorf("WalkFilter(%v) = %v, want %v", tt.tags, got, tt.want)
		}
	}
}
