package renovation_test

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// A compound whose only gate faces south, with the kindergarten just beyond its north wall:
// 15 m in a straight line, far on foot; the planner asks what a north gate would give.
func ExampleAnalyzer_GateScenarios() {
	p := func(x, y float64) orb.Point { return plan.Inverse(orb.Point{x, y}) }
	// Streets south (y = −10) and north (y = 110) of the compound, joined 500 m to the west.
	g, err := network.Build([]network.Way{
		{ID: 1, Nodes: []int64{1, 2}, Points: []orb.Point{p(-500, -10), p(600, -10)}, Tags: map[string]string{"highway": "residential"}},
		{ID: 2, Nodes: []int64{3, 4}, Points: []orb.Point{p(-500, 110), p(600, 110)}, Tags: map[string]string{"highway": "residential"}},
		{ID: 3, Nodes: []int64{1, 3}, Points: []orb.Point{p(-500, -10), p(-500, 110)}, Tags: map[string]string{"highway": "footway"}},
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := &renovation.District{
		Compounds: []renovation.Compound{{
			ID: "c1", Name: "乳山二村", Boundary: rect(0, 0, 100, 100),
			Gates: []renovation.Gate{{ID: "south", Point: p(50, 0), Pedestrian: true}},
			Exit:  renovation.ExitPlanner,
			Buildings: []renovation.Building{{ID: "1", Footprint: rect(40, 40, 60, 60),
				Units: []renovation.Unit{{ID: "1", Households: []renovation.Household{{ID: "101", Floor: 1}, {ID: "201", Floor: 2}}}}}},
		}},
		Facilities: []renovation.Facility{{ID: "k1", Kind: renovation.Kindergarten, Location: p(50, 115)}},
	}
	opts := &renovation.LifeCircleOptions{Network: g, Radii: renovation.RadiusTable{{Kind: renovation.Kindergarten, Tier: renovation.Tier5Min, Metres: 300}}}
	rep, err := renovation.NewAnalyzer(d).GateScenarios(context.Background(), opts, []renovation.GateScenario{
		{Name: "north gate", Open: []renovation.GateChange{{Compound: "c1", Gate: renovation.Gate{ID: "north", Point: p(50, 100)}}}},
		{Name: "close the south gate", Close: []renovation.GateChange{{Compound: "c1", Gate: renovation.Gate{ID: "south"}}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fr := rep.Base.Compounds[0].Reach[0]
	fmt.Printf("straight %.0f m, on foot beyond %v m: covered %v\n", *fr.StraightLine, 2*fr.Radius, fr.Covered)
	for _, s := range rep.Scenarios {
		fmt.Printf("%s: +%d −%d households, gaps closed %v\n", s.Name, s.HouseholdsGained, s.HouseholdsLost, s.Kinds[0].GapsClosed)
	}
	// Output:
	// straight 15 m, on foot beyond 600 m: covered false
	// north gate: +2 −0 households, gaps closed [c1]
	// close the south gate: +0 −0 households, gaps closed []
}
