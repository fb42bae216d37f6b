package network

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/osm"
)

// FromOSM builds the walking graph of OpenStreetMap data: Build on its ways, with each node's
// position from d. A node a walkable way refers to that d has no position for (an extract cut
// at its bounds) cuts the way there; such references are counted in Stats.MissingNodes.
func FromOSM(d *osm.Data, opts *BuildOptions) (*Graph, error) {
	filter := WalkFilter
	if opts != nil && opts.Filter != nil {
		filter = opts.Filter
	}
	var walkable []int
	nref := 0
	for i := range d.Ways {
		if filter(d.Ways[i].Tags) == Excluded {
			continue
		}
		walkable = append(walkable, i)
		nref += len(d.Ways[i].Nodes)
	}
	ids := d.NodeIDs()
	if len(ids) > math.MaxInt32 || nref > math.MaxInt32 {
		return nil, fmt.Errorf("network: %d nodes and %d way nodes are more than a graph holds", len(ids), nref)
	}

	// Number the referenced ids by sorting them once, then find each in d's ascending ids
	// in one merge: no search or hash per reference.
	refs := make([]int64, 0, nref)
	for _, i := range walkable {
		refs = append(refs, d.Ways[i].Nodes...)
	}
	rank, distinct := rankIDs(refs)
	at := make([]int32, len(distinct)) // index in ids, -1 when d has no position
	k := 0
	for r, id := range distinct {
		for k < len(ids) && ids[k] < id {
			k++
		}
		at[r] = -1
		if k < len(ids) && ids[k] == id {
			at[r] = int32(k)
		}
	}

	// The ways, cut at missing nodes, share one array of positions and their nodes'
	// slices; pre numbers their nodes for build in the same layout.
	points := make([]orb.Point, nref)
	ways := make([]Way, 0, len(walkable))
	pre := &ranked{rank: rank, n: len(distinct), start: make([]int, 0, len(walkable))}
	missing, o := 0, 0
	for _, i := range walkable {
		w := &d.Ways[i]
		begin := 0 // first node of the current piece
		cut := func(end int) {
			if end > begin {
				ways = append(ways, Way{ID: w.ID, Tags: w.Tags, Nodes: w.Nodes[begin:end:end], Points: points[o+begin : o+end : o+end]})
				pre.start = append(pre.start, o+begin)
			}
		}
		for j := range w.Nodes {
			r := rank[o+j]
			if at[r] < 0 {
				missing++
				cut(j)
				begin = j + 1
				continue
			}
			points[o+j] = d.NodePoint(int(at[r]))
		}
		cut(len(w.Nodes))
		o += len(w.Nodes)
	}
	g, err := build(ways, opts, pre)
	if err != nil {
		return nil, err
	}
	g.stats.Excluded += len(d.Ways) - len(walkable)
	g.stats.MissingNodes = missing
	return g, nil
}
