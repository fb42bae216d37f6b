package osm

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// IsMultipolygon reports whether a relation is an area OSM builds from its member ways:
// type=multipolygon (https://wiki.openstreetmap.org/wiki/Relation:multipolygon).
func (r *Relation) IsMultipolygon() bool { return r.Tags["type"] == "multipolygon" }

// Multipolygon assembles a multipolygon relation: its outer and inner member ways joined end
// to end into closed rings (a way may be one ring or a piece of one, in any direction), each
// inner ring put in the smallest outer ring that holds it. Outer rings run counter-clockwise
// and inner rings clockwise, as RFC 7946 has them. It returns an orb.Polygon when there is one
// outer ring and an orb.MultiPolygon otherwise, the polygons in the order of their first
// member. A member with no role counts as outer, and notes says so.
//
// An error names the relation and what is broken: a member way or node missing from the
// data, a ring that does not close, a ring of fewer than three points, an inner ring in no
// outer ring.
func (d *Data) Multipolygon(r *Relation) (g orb.Geometry, notes []string, err error) {
	fail := func(format string, a ...any) (orb.Geometry, []string, error) {
		return nil, notes, &MultipolygonError{ID: r.ID, Reason: fmt.Sprintf(format, a...)}
	}
	var outer, inner []*Way
	for _, m := range r.Members {
		if m.Type != TypeWay {
			continue
		}
		var list *[]*Way
		switch m.Role {
		case "outer":
			list = &outer
		case "":
			list = &outer
			notes = append(notes, fmt.Sprintf("member way %d has no role; taken as outer", m.Ref))
		case "inner":
			list = &inner
		default:
			continue
		}
		w, ok := d.Way(m.Ref)
		if !ok {
			return fail("member way %d is not in the data", m.Ref)
		}
		*list = append(*list, w)
	}
	if len(outer) == 0 {
		return fail("no outer member way")
	}
	outers, err := d.rings(outer)
	if err != nil {
		return fail("%v", err)
	}
	inners, err := d.rings(inner)
	if err != nil {
		return fail("%v", err)
	}
	polys := make([]orb.Polygon, len(outers))
	areas := make([]float64, len(outers))
	for i, o := range outers {
		polys[i] = orb.Polygon{orient(o.ring, orb.CCW)}
		areas[i] = math.Abs(planar.Area(o.ring))
	}
	for _, in := range inners {
		best := -1
		for i, o := range outers {
			if planar.RingContains(o.ring, in.ring[0]) && (best < 0 || areas[i] < areas[best]) {
				best = i
			}
		}
		if best < 0 {
			return fail("inner ring from way %d lies in no outer ring", in.first)
		}
		polys[best] = append(polys[best], orient(in.ring, orb.CW))
	}
	if len(polys) == 1 {
		return polys[0], notes, nil
	}
	return orb.MultiPolygon(polys), notes, nil
}

// MultipolygonError is a multipolygon relation that cannot be assembled.
type MultipolygonError struct {
	ID     int64  // the relation
	Reason string // what is broken
}

func (e *MultipolygonError) Error() string {
	return fmt.Sprintf("relation %d: broken multipolygon: %s", e.ID, e.Reason)
}

type ring struct {
	first int64 // the first way of the ring, for messages
	ring  orb.Ring
}

// rings joins ways end to end into closed rings, taking the ways in the order given and, at
// each open end, the first unused way that continues it.
func (d *Data) rings(ways []*Way) ([]ring, error) {
	used := make([]bool, len(ways))
	ends := map[int64][]int{}
	for i, w := range ways {
		if len(w.Nodes) < 2 {
			return nil, fmt.Errorf("way %d has %d nodes", w.ID, len(w.Nodes))
		}
		ends[w.Nodes[0]] = append(ends[w.Nodes[0]], i)
		ends[w.Nodes[len(w.Nodes)-1]] = append(ends[w.Nodes[len(w.Nodes)-1]], i)
	}
	var out []ring
	for i, w := range ways {
		if used[i] {
			continue
		}
		used[i] = true
		ids := append([]int64(nil), w.Nodes...)
		for ids[0] != ids[len(ids)-1] {
			end := ids[len(ids)-1]
			next := -1
			for _, j := range ends[end] {
				if !used[j] {
					next = j
					break
				}
			}
			if next < 0 {
				return nil, fmt.Errorf("the ring from way %d does not close: it ends at node %d", w.ID, end)
			}
			used[next] = true
			nw := ways[next].Nodes
			if nw[0] == end {
				ids = append(ids, nw[1:]...)
			} else {
				for k := len(nw) - 2; k >= 0; k-- {
					ids = append(ids, nw[k])
				}
			}
		}
		r, err := d.ringOf(ids)
		if err != nil {
			return nil, fmt.Errorf("the ring from way %d: %v", w.ID, err)
		}
		out = append(out, ring{first: w.ID, ring: r})
	}
	return out, nil
}

// ringOf returns the closed ring of node ids.
func (d *Data) ringOf(ids []int64) (orb.Ring, error) {
	r := make(orb.Ring, len(ids))
	for i, id := range ids {
		p, ok := d.Node(id)
		if !ok {
			return nil, fmt.Errorf("node %d is not in the data", id)
		}
		r[i] = p
	}
	distinct := 0
	for i := range r[:len(r)-1] {
		if i == 0 || r[i] != r[i-1] {
			distinct++
		}
	}
	if distinct < 3 {
		return nil, fmt.Errorf("%d distinct points, fewer than a ring needs", distinct)
	}
	return r, nil
}

// orient returns r wound as o.
func orient(r orb.Ring, o orb.Orientation) orb.Ring {
	if r.Orientation() != o {
		r.Reverse()
	}
	return r
}
