package renovation

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// GateScenario is a change to compounds' exits whose effect on walking coverage a planner wants
// to know: gates opened, gates closed, walls taken away — singly or together.
type GateScenario struct {
	// Name identifies the scenario in the report.
	Name string `json:"name"`
	// Open are new gates, each naming its compound; the gate's point should lie on the
	// compound's boundary.
	Open []GateChange `json:"open,omitempty"`
	// Close are gates shut, each naming its compound and the gate's ID (as reported in
	// CompoundLifeCircle.Gates).
	Close []GateChange `json:"close,omitempty"`
	// RemoveWalls are the IDs of compounds whose wall comes down: their boundary no longer a
	// barrier, each building walks straight to the nearest street.
	RemoveWalls []string `json:"remove_walls,omitempty"`
}

// GateChange is one gate of a scenario and the compound it belongs to.
type GateChange struct {
	Compound string `json:"compound"`
	Gate     Gate   `json:"gate"`
}

// ScenarioKind is what a scenario changes for one entry of the radius table.
type ScenarioKind struct {
	Kind   FacilityKind `json:"kind"`
	Tier   Tier         `json:"tier"`
	Radius float64      `json:"radius_m"`
	// HouseholdsGained and HouseholdsLost count the households whose coverage the scenario
	// turns on and off.
	HouseholdsGained int `json:"households_gained"`
	HouseholdsLost   int `json:"households_lost"`
	// GapsClosed and GapsOpened list the compounds (IDs, in district order) the scenario
	// makes covered and uncovered.
	GapsClosed []string `json:"gaps_closed"`
	GapsOpened []string `json:"gaps_opened"`
}

// ScenarioResult is one scenario's effect on walking coverage.
type ScenarioResult struct {
	Name string `json:"name"`
	// HouseholdsGained and HouseholdsLost add up Kinds.
	HouseholdsGained int `json:"households_gained"`
	HouseholdsLost   int `json:"households_lost"`
	// Kinds has one entry per entry of the radius table, in its order.
	Kinds []ScenarioKind `json:"kinds"`
}

// ScenarioReport is the ranking of GateScenarios.
type ScenarioReport struct {
	// Base is the walking life-circle report with no scenario applied.
	Base *LifeCircleReport `json:"base"`
	// Scenarios are ranked by households gained (most first), then by fewest lost, then in
	// the order given.
	Scenarios []ScenarioResult `json:"scenarios"`
}

// GateScenarios measures walking coverage (LifeCircle with the Walking metric; opts.Metric
// may be left empty) and what each scenario would change, ranked by the households that gain
// coverage: the planner's question "where would a new gate help most". The network searches
// run once: a scenario changes only the short walk from buildings to the street, so many
// candidate gates cost little more than one run.
//
// Errors: those of LifeCircle; a scenario naming a compound the district lacks or one
// without a boundary, or closing a gate its compound does not have.
func (a *Analyzer) GateScenarios(ctx context.Context, opts *LifeCircleOptions, scenarios []GateScenario) (*ScenarioReport, error) {
	var o LifeCircleOptions
	if opts != nil {
		o = *opts
	}
	o.Metric = Walking
	radii := o.Radii
	if radii == nil {
		radii = DefaultRadii()
	}
	if err := radii.Validate(); err != nil {
		return nil, fmt.Errorf("gate scenarios: radius table: %w", err)
	}
	m, base, err := a.walkingModel(ctx, o)
	if err != nil {
		return nil, err
	}
	byID := map[string]int{}
	for i := range a.d.Compounds {
		if _, dup := byID[a.d.Compounds[i].ID]; !dup {
			byID[a.d.Compounds[i].ID] = i
		}
	}
	// Check every scenario before measuring any.
	for s, sc := range scenarios {
		name := func() string { return fmt.Sprintf("gate scenario %d (%s)", s+1, sc.Name) }
		check := func(id string) error {
			i, ok := byID[id]
			if !ok {
				return fmt.Errorf("%s: no compound %q", name(), id)
			}
			if !m.cs[i].mapped {
				return fmt.Errorf("%s: compound %q has no boundary", name(), id)
			}
			return nil
		}
		for _, g := range sc.Open {
			if err := check(g.Compound); err != nil {
				return nil, err
			}
			if math.IsNaN(g.Gate.Point[0]) || math.IsNaN(g.Gate.Point[1]) || math.Abs(g.Gate.Point[0]) > 180 || math.Abs(g.Gate.Point[1]) > 90 {
				return nil, fmt.Errorf("%s: gate %q of compound %q: point %v out of range", name(), g.Gate.ID, g.Compound, g.Gate.Point)
			}
		}
		for _, g := range sc.Close {
			if err := check(g.Compound); err != nil {
				return nil, err
			}
			if !slices.ContainsFunc(m.cs[byID[g.Compound]].gates, func(w walkGate) bool { return w.ID == g.Gate.ID }) {
				return nil, fmt.Errorf("%s: compound %q has no gate %q", name(), g.Compound, g.Gate.ID)
			}
		}
		for _, id := range sc.RemoveWalls {
			if err := check(id); err != nil {
				return nil, err
			}
		}
	}
	// The base: each compound's coverage, building by building.
	baseE := make([][]walkEntry, len(m.cs))
	baseOf := func(i int) []walkEntry {
		if baseE[i] == nil {
			baseE[i] = make([]walkEntry, len(m.radii))
			for e := range m.radii {
				baseE[i][e] = m.evaluate(&m.cs[i], m.cs[i].gates, nil, e, false)
			}
		}
		return baseE[i]
	}
	m.apply(base, o.walkSpeed())
	out := make([]ScenarioResult, len(scenarios))
	for s, sc := range scenarios {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		touched := map[int]bool{}
		var order []int
		touch := func(id string) {
			i := byID[id]
			if !touched[i] {
				touched[i] = true
				order = append(order, i)
			}
		}
		for _, g := range sc.Open {
			touch(g.Compound)
		}
		for _, g := range sc.Close {
			touch(g.Compound)
		}
		for _, id := range sc.RemoveWalls {
			touch(id)
		}
		slices.Sort(order)
		res := ScenarioResult{Name: sc.Name, Kinds: make([]ScenarioKind, len(m.radii))}
		for e, r := range m.radii {
			res.Kinds[e] = ScenarioKind{Kind: r.Kind, Tier: r.Tier, Radius: r.Metres, GapsClosed: []string{}, GapsOpened: []string{}}
		}
		for _, i := range order {
			c := &m.cs[i]
			id := a.d.Compounds[i].ID
			gates := slices.Clone(c.gates)
			if c.exit == ExitNearest {
				gates = gates[:0] // a real gate replaces the guess
			}
			for _, g := range sc.Close {
				if g.Compound == id {
					gates = slices.DeleteFunc(gates, func(w walkGate) bool { return w.ID == g.Gate.ID })
				}
			}
			for j, g := range sc.Open {
				if g.Compound != id {
					continue
				}
				gg := g.Gate
				if gg.ID == "" {
					gg.ID = fmt.Sprintf("open%d", j+1)
				}
				if gg.Rung == "" {
					gg.Rung = ExitPlanner
				}
				if wg, ok := m.locateGate(gg); ok {
					gates = append(gates, wg)
				}
			}
			if len(gates) == 0 && c.exit == ExitNearest && len(sc.Close) == 0 {
				gates = c.gates
			}
			var direct []walkGate
			if slices.Contains(sc.RemoveWalls, id) {
				direct = m.directExits(c)
			}
			be := baseOf(i)
			for e := range m.radii {
				now := m.evaluate(c, gates, direct, e, false)
				k := &res.Kinds[e]
				if d := now.covered - be[e].covered; d > 0 {
					k.HouseholdsGained += d
				} else {
					k.HouseholdsLost -= d
				}
				r := m.radii[e].Metres
				was, is := be[e].walk <= r, now.walk <= r
				switch {
				case is && !was:
					k.GapsClosed = append(k.GapsClosed, id)
				case was && !is:
					k.GapsOpened = append(k.GapsOpened, id)
				}
			}
		}
		for _, k := range res.Kinds {
			res.HouseholdsGained += k.HouseholdsGained
			res.HouseholdsLost += k.HouseholdsLost
		}
		out[s] = res
	}
	slices.SortStableFunc(out, func(x, y ScenarioResult) int {
		if c := cmp.Compare(y.HouseholdsGained, x.HouseholdsGained); c != 0 {
			return c
		}
		return cmp.Compare(x.HouseholdsLost, y.HouseholdsLost)
	})
	return &ScenarioReport{Base: base, Scenarios: out}, nil
}

// directExits puts each building of a compound whose wall is gone straight onto the network:
// its inner point snapped onto the nearest edge (the zero walkGate when it has no footprint or
// no edge is near).
func (m *walkModel) directExits(c *walkCompound) []walkGate {
	out := make([]walkGate, len(c.pts))
	for b, p := range c.pts {
		if math.IsNaN(p[0]) {
			continue
		}
		if at, d, ok := m.g.Snap(p, m.snap); ok {
			out[b] = walkGate{Gate: Gate{Point: p}, at: at, snap: d}
		}
	}
	return out
}
