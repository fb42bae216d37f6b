package network

import (
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
	var ways []Way
	excluded, missing := 0, 0
	for i := range d.Ways {
		w := &d.Ways[i]
		if filter(w.Tags) == Excluded {
			excluded++
			continue
		}
		piece := Way{ID: w.ID, Tags: w.Tags}
		for _, id := range w.Nodes {
			p, ok := d.Node(id)
			if !ok {
				missing++
				if len(piece.Nodes) > 0 {
					ways = append(ways, piece)
				}
				piece = Way{ID: w.ID, Tags: w.Tags}
				continue
			}
			piece.Nodes = append(piece.Nodes, id)
			piece.Points = append(piece.Points, orb.Point(p))
		}
		if len(piece.Nodes) > 0 {
			ways = append(ways, piece)
		}
	}
	g, err := Build(ways, opts)
	if err != nil {
		return nil, err
	}
	g.stats.Excluded += excluded
	g.stats.MissingNodes = missing
	return g, nil
}
