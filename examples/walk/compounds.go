package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/geo/osm"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// compound is one residential area's walking life circle in the -osm-only answer.
type compound struct {
	ID         string                   `json:"id"`
	Name       string                   `json:"name"`
	Exit       renovation.ExitRung      `json:"exit"`
	Gates      []renovation.Gate        `json:"gates"`
	Facilities map[string]facilityReach `json:"facilities"`
}

// facilityReach is one kind's walking and straight-line distance from a compound, in metres;
// Walk is null when no facility of the kind is found on foot within twice its radius (or none
// is reachable), Straight null when the extract has none of the kind.
type facilityReach struct {
	Walk     *float64 `json:"walk_m"`
	Straight *float64 `json:"straight_m"`
	Covered  bool     `json:"covered"`
}

// writeCompounds answers the walking life circles of the residential areas of an extract:
// the district renovation/load.ReadOSM reads from it, its compounds' exits found by
// renovation.FindExits on the walk graph, and renovation's LifeCircle under the Walking
// metric with the default radius table, printed as {"compounds": [...]} in the district's
// order.
func writeCompounds(ctx context.Context, out io.Writer, path string) error {
	d, _, err := load.ReadOSM(ctx, path, nil)
	if err != nil {
		return err
	}
	data, err := osm.ReadFile(path, nil)
	if err != nil {
		return err
	}
	g, err := network.FromOSM(data, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := renovation.FindExits(d, data, g, nil); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rep, err := renovation.LifeCircle(ctx, d, &renovation.LifeCircleOptions{Metric: renovation.Walking, Network: g})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	cs := make([]compound, 0, len(rep.Compounds))
	for _, c := range rep.Compounds {
		e := compound{ID: c.ID, Name: c.Name, Exit: c.Exit, Gates: c.Gates, Facilities: map[string]facilityReach{}}
		if e.Gates == nil {
			e.Gates = []renovation.Gate{}
		}
		if e.Exit == "" {
			e.Exit = renovation.ExitNone
		}
		for _, r := range c.Reach {
			k := string(r.Kind)
			if _, dup := e.Facilities[k]; dup {
				continue // a kind at two tiers: the radius table's first entry answers
			}
			e.Facilities[k] = facilityReach{Walk: r.Nearest, Straight: r.StraightLine, Covered: r.Covered}
		}
		cs = append(cs, e)
	}
	b, err := json.MarshalIndent(struct {
		Compounds []compound `json:"compounds"`
	}{cs}, "", "  ")
	if err != nil {
		return err
	}
	_, err = out.Write(append(b, '\n'))
	return err
}
