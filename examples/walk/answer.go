package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/xiaoqu/xiaoqu/examples/internal/texttable"
	"github.com/xiaoqu/xiaoqu/geo/network"
)

// row is one node of the answer: Metres and Source are nil when the node cannot be reached.
type row struct {
	Node   int64    `json:"node"`
	Metres *float64 `json:"metres"`
	Source *int64   `json:"source,omitempty"`
}

// answer runs the search and returns the rows, sorted by node id.
func answer(ctx context.Context, g *network.Graph, o options) ([]row, error) {
	var sources []network.Source
	for _, id := range o.from {
		l, ok := g.Locate(id)
		if !ok {
			return nil, fmt.Errorf("-from node %d is not on a walkable way", id)
		}
		sources = append(sources, network.Source{ID: id, At: l})
	}
	targets := slices.Clone(o.to)
	slices.Sort(targets)
	targets = slices.Compact(targets)
	for _, id := range targets {
		if _, ok := g.Locate(id); !ok {
			return nil, fmt.Errorf("-to node %d is not on a walkable way", id)
		}
	}
	limit := o.within
	if limit < 0 {
		limit = math.Inf(1)
	}
	r, err := g.Search(ctx, sources, limit)
	if err != nil {
		return nil, err
	}
	var rows []row
	if o.within >= 0 {
		for _, n := range r.Within() {
			rows = append(rows, row{Node: n.Node, Metres: &n.Metres, Source: &n.Source})
		}
		return rows, nil
	}
	for _, id := range targets {
		rw := row{Node: id}
		if m, src, ok := r.Node(id); ok {
			rw.Metres, rw.Source = &m, &src
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

// writeJSON prints {"nodes": [...]}.
func writeJSON(w io.Writer, rows []row) error {
	if rows == nil {
		rows = []row{}
	}
	b, err := json.MarshalIndent(struct {
		Nodes []row `json:"nodes"`
	}{rows}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// writeTable prints the rows as a table with a summary line.
func writeTable(w io.Writer, o options, g *network.Graph, rows []row) error {
	st := g.Stats()
	fmt.Fprintf(w, "Walk graph: %d nodes (%d junctions), %d edges, %.2f km, %d components; %d ways walkable, %d not.\n",
		st.Nodes, st.Vertices, st.Edges, st.LengthMetres/1000, st.Components, st.Ways, st.Excluded)
	if o.within >= 0 {
		fmt.Fprintf(w, "%d nodes within %g m of the nearest of %d source nodes:\n", len(rows), o.within, len(o.from))
	} else {
		fmt.Fprintf(w, "Walking distance from the nearest of %d source nodes:\n", len(o.from))
	}
	t := texttable.Table{Header: []string{"node", "metres", "nearest source"}, Right: map[int]bool{1: true}}
	for _, rw := range rows {
		if rw.Metres == nil {
			t.Add(strconv.FormatInt(rw.Node, 10), "unreachable", "–")
			continue
		}
		t.Add(strconv.FormatInt(rw.Node, 10), strconv.FormatFloat(*rw.Metres, 'f', 1, 64), strconv.FormatInt(*rw.Source, 10))
	}
	return t.Write(w)
}
