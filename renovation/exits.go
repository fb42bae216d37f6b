package renovation

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/geo/osm"
)

// DefaultGateMetres is how far from a compound's boundary an OSM gate or entrance node may lie
// and still count as one of its gates, when ExitOptions.GateMetres is 0.
const DefaultGateMetres = 10

// ExitOptions tune FindExits. The zero value takes gates within DefaultGateMetres.
type ExitOptions struct {
	// GateMetres is how far from the boundary a gate node may lie, in metres.
	GateMetres float64
}

// ExitCount is how many compounds had their exits found on one rung of the ladder.
type ExitCount struct {
	Rung      ExitRung `json:"rung"`
	Compounds int      `json:"compounds"`
}

// FindExits climbs the exit ladder for every compound of d with a boundary and no gates (a
// compound with gates keeps them: the planner's layer is the first rung), and sets its Gates
// and Exit:
//
//   - ExitOSMGate: the OSM nodes tagged barrier=gate|lift_gate|entrance or entrance=* that lie
//     on a walkable way of g and within GateMetres of the boundary (a gate with access=no or
//     foot=no is left out);
//   - ExitOpening: else the points where walkable ways (network.WalkFilter) cross the boundary,
//     openings nobody verified;
//   - ExitNearest: else none; the Walking metric then leaves by the boundary point nearest to
//     the network, flagged (Exit is set here, Gates left empty).
//
// It returns how many compounds each rung served, in ladder order (planner first): on real
// extracts the weak rungs matter, and a report should say so. data gives the gate nodes and
// the ways; g tells which nodes are on the walking network. Errors name the compound whose
// boundary cannot be measured.
func FindExits(d *District, data *osm.Data, g *network.Graph, opts *ExitOptions) ([]ExitCount, error) {
	var o ExitOptions
	if opts != nil {
		o = *opts
	}
	if !(o.GateMetres >= 0) || math.IsInf(o.GateMetres, 0) {
		return nil, fmt.Errorf("exits: gate distance %v m is not a finite number ≥ 0", o.GateMetres)
	}
	if o.GateMetres == 0 {
		o.GateMetres = DefaultGateMetres
	}
	var gates geo.Index[int32]
	feats := data.Features()
	for i, n := range feats.Gates {
		if _, on := g.Locate(n.ID); !on || n.Tags["access"] == "no" || n.Tags["foot"] == "no" {
			continue
		}
		if err := gates.Insert(orb.Bound{Min: n.Point, Max: n.Point}, int32(i)); err != nil {
			return nil, fmt.Errorf("exits: gate node %d: %w", n.ID, err)
		}
	}
	// The walkable ways' segments, indexed by their bounds.
	type seg struct {
		way  int64
		a, b orb.Point
	}
	var segs []seg
	var segIx geo.Index[int32]
	for _, w := range data.Ways {
		if network.WalkFilter(w.Tags) == network.Excluded {
			continue
		}
		for k := 0; k+1 < len(w.Nodes); k++ {
			a, okA := data.Node(w.Nodes[k])
			b, okB := data.Node(w.Nodes[k+1])
			if !okA || !okB {
				continue
			}
			if err := segIx.Insert(orb.MultiPoint{a, b}.Bound(), int32(len(segs))); err != nil {
				return nil, fmt.Errorf("exits: way %d: %w", w.ID, err)
			}
			segs = append(segs, seg{w.ID, a, b})
		}
	}
	counts := map[ExitRung]int{}
	var errs MeasureErrors
	for ci := range d.Compounds {
		c := &d.Compounds[ci]
		if c.Boundary == nil {
			continue
		}
		if len(c.Gates) > 0 {
			if c.Exit == "" {
				c.Exit = ExitPlanner
			}
			counts[c.Exit]++
			continue
		}
		f, err := newCompoundFrame(c)
		if err != nil || f == nil || !f.mapped {
			if err != nil {
				errs = append(errs, &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: "boundary", Err: err})
			}
			continue
		}
		near := func(p orb.Point) float64 {
			q := f.tm.Forward(p)
			best := math.Inf(1)
			for _, ring := range f.rings {
				for k := 0; k+1 < len(ring); k++ {
					best = min(best, segmentDist2(q, ring[k], ring[k+1]))
				}
			}
			return math.Sqrt(best)
		}
		var found []Gate
		gates.Search(widen(f.boundary, o.GateMetres), func(_ orb.Bound, i int32) bool {
			n := feats.Gates[i]
			if near(n.Point) <= o.GateMetres {
				found = append(found, osmGate(n))
			}
			return true
		})
		rung := ExitOSMGate
		if len(found) == 0 {
			rung = ExitOpening
			var cross []Gate
			segIx.Search(f.boundary, func(_ orb.Bound, i int32) bool {
				s := segs[i]
				a, b := f.tm.Forward(s.a), f.tm.Forward(s.b)
				for _, ring := range f.rings {
					for k := 0; k+1 < len(ring); k++ {
						t, ok := segSeg(a, b, ring[k], ring[k+1])
						if !ok {
							continue
						}
						p := f.tm.Inverse(lerp(a, b, t))
						dup := false
						for _, x := range cross {
							if geo.Distance(x.Point, p) < 1 {
								dup = true
								break
							}
						}
						if !dup {
							cross = append(cross, Gate{ID: "w" + strconv.FormatInt(s.way, 10) + "#" + strconv.Itoa(len(cross)+1), Point: p, Pedestrian: true, Rung: ExitOpening})
						}
					}
				}
				return true
			})
			found = cross
		}
		if len(found) == 0 {
			rung = ExitNearest
		}
		c.Gates, c.Exit = found, rung
		counts[rung]++
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var out []ExitCount
	for _, r := range []ExitRung{ExitPlanner, ExitOSMGate, ExitOpening, ExitNearest} {
		out = append(out, ExitCount{Rung: r, Compounds: counts[r]})
	}
	return out, nil
}

// osmGate is the Gate of an OSM gate or entrance node.
func osmGate(n osm.Node) Gate {
	g := Gate{ID: "n" + strconv.FormatInt(n.ID, 10), Point: n.Point, Rung: ExitOSMGate, OSMNode: n.ID, Hours: n.Tags["opening_hours"]}
	g.Pedestrian = n.Tags["foot"] != "no"
	g.Vehicle = n.Tags["barrier"] == "lift_gate" || n.Tags["motor_vehicle"] == "yes" || n.Tags["motorcar"] == "yes"
	return g
}
