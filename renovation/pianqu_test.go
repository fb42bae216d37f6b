package renovation

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
)

// box is a compound whose boundary spans [x0,x1] × [0,0.001] degrees near 31°N.
func box(id string, x0, x1 float64) Compound {
	const lon, lat = 121.5, 31.2
	return Compound{ID: id, Boundary: orb.Polygon{{{lon + x0, lat}, {lon + x1, lat}, {lon + x1, lat + 0.001}, {lon + x0, lat + 0.001}, {lon + x0, lat}}}}
}

func groupIDs(gs []Pianqu) [][]string {
	var out [][]string
	for _, g := range gs {
		out = append(out, g.Compounds)
	}
	return out
}

func TestGroupPianquLayouts(t *testing.T) {
	chain := &District{Compounds: []Compound{box("a", 0, 0.001), box("b", 0.001, 0.002), box("c", 0.002, 0.003), box("far", 0.01, 0.011)}}
	// Two pairs of touching compounds, 0.0004° (about 38 m) apart, a road running between them.
	split := &District{Compounds: []Compound{box("w1", 0, 0.001), box("w2", 0.001, 0.002), box("e1", 0.0024, 0.0034), box("e2", 0.0034, 0.0044)}}
	road := network.Way{ID: 1, Tags: map[string]string{"highway": "primary"},
		Points: []orb.Point{{121.5 + 0.0022, 31.19}, {121.5 + 0.0022, 31.21}}}
	lane := road
	lane.Tags = map[string]string{"highway": "service"}
	tests := []struct {
		name string
		d    *District
		o    PianquOptions
		want [][]string
	}{
		{"a chain of touching compounds", chain, PianquOptions{}, [][]string{{"a", "b", "c"}, {"far"}}},
		{"split by a gap", split, PianquOptions{}, [][]string{{"w1", "w2"}, {"e1", "e2"}}},
		{"joined across the gap", split, PianquOptions{Gap: 50}, [][]string{{"w1", "w2", "e1", "e2"}}},
		{"not across a primary road", split, PianquOptions{Gap: 50, Streets: []network.Way{road}, Barriers: []string{"primary"}}, [][]string{{"w1", "w2"}, {"e1", "e2"}}},
		{"across a service road", split, PianquOptions{Gap: 50, Streets: []network.Way{lane}, Barriers: []string{"primary"}}, [][]string{{"w1", "w2", "e1", "e2"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := GroupPianqu(tc.d, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, groupIDs(got)); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
			for i, g := range got {
				if want := "P" + string(rune('1'+i)); g.ID != want {
					t.Errorf("group %d ID = %s, want %s", i, g.ID, want)
				}
			}
		})
	}
}

// A gap of exactly the threshold joins; a hair less does not.
func TestGroupPianquGapThreshold(t *testing.T) {
	d := &District{Compounds: []Compound{box("w", 0, 0.001), box("e", 0.0015, 0.0025)}}
	gap, err := geo.GeometryDistance(d.Compounds[0].Boundary, d.Compounds[1].Boundary)
	if err != nil {
		t.Fatal(err)
	}
	at, err := GroupPianqu(d, PianquOptions{Gap: gap})
	if err != nil {
		t.Fatal(err)
	}
	below, err := GroupPianqu(d, PianquOptions{Gap: math.Nextafter(gap, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(at) != 1 || len(below) != 2 {
		t.Errorf("gap %v m: %d groups at the threshold (want 1), %d just below (want 2)", gap, len(at), len(below))
	}
	for _, g := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := GroupPianqu(d, PianquOptions{Gap: g}); !errors.Is(err, ErrPianqu) {
			t.Errorf("gap %v: err = %v", g, err)
		}
	}
}

func TestPianquFromKeysAndSummary(t *testing.T) {
	d := communityDistrict(3, 2, 4)
	gs, err := PianquFromKeys(d, map[string]string{"A": "东", "B": "西", "C": "东"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"A", "C"}, {"B"}}, groupIDs(gs)); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if _, err := PianquFromKeys(d, map[string]string{"A": "东"}); !errors.Is(err, ErrPianqu) {
		t.Errorf("left-out compounds: err = %v", err)
	}
	if _, err := PianquFromKeys(d, map[string]string{"A": "东", "B": "东", "C": "东", "Z": "东"}); !errors.Is(err, ErrPianqu) {
		t.Errorf("unknown compound: err = %v", err)
	}
	// A budget whose funding leaves gaps: A needs 1000 yuan, C 500; the 片区's parking income of
	// 1,200 yuan goes first where it serves more households per yuan.
	pb := &ProgrammeBudget{Compounds: []CompoundBudget{
		{CompoundID: "A", ProgrammeCost: ProgrammeCost{Cost: 3000 * budget.Yuan, Quantities: ProgrammeQuantities{Households: 3}, Funding: &ProgrammeFunding{Funded: 2000 * budget.Yuan, Gap: 1000 * budget.Yuan}}},
		{CompoundID: "B", ProgrammeCost: ProgrammeCost{Cost: 100 * budget.Yuan, Quantities: ProgrammeQuantities{Households: 2}, Funding: &ProgrammeFunding{Funded: 100 * budget.Yuan}}},
		{CompoundID: "C", ProgrammeCost: ProgrammeCost{Cost: 900 * budget.Yuan, Quantities: ProgrammeQuantities{Households: 4}, Funding: &ProgrammeFunding{Funded: 400 * budget.Yuan, Gap: 500 * budget.Yuan}}},
	}}
	sums := SummarisePianqu(d, gs, pb, nil)
	if s := sums[0]; s.Households != 7 || s.Budget != 3900*budget.Yuan || s.Gap != 1500*budget.Yuan || s.Budgeted != 2 {
		t.Errorf("东 = %+v", s)
	}
	claims, res, err := BalancePianqu(context.Background(), gs[0], pb, 1200*budget.Yuan)
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 2 || res.Amounts[1] != 500*budget.Yuan || res.Amounts[0] != 700*budget.Yuan || res.Left != 0 {
		t.Errorf("claims %+v, amounts %v, left %s", claims, res.Amounts, res.Left)
	}
}
