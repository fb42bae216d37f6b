package renovation

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLifeCircleNoData: a kind with no facility in the data at all is "no data" — no gap in
// any compound, null counts and rates in JSON — while a kind whose only facility lies far away
// is a real gap in every compound, under either metric.
func TestLifeCircleNoData(t *testing.T) {
	p := newPlan()
	flat := &District{
		Compounds: []Compound{
			{ID: "a", Boundary: p.rect(0, 0, 100, 100), Buildings: []Building{{ID: "1", Units: units(1, 4)}}},
			{ID: "b", Boundary: p.rect(200, 0, 300, 100), Buildings: []Building{{ID: "1", Units: units(1, 2)}}},
		},
		Facilities: []Facility{{ID: "far", Kind: Kindergarten, Location: p.pt(5000, 50)}},
	}
	walkD, g := gateDistrict(t)
	type kindRow struct {
		Kind             FacilityKind
		NoData           bool
		Gaps             int
		ReachNoData      []bool
		SummaryJSON      map[string]any // the keys that must be null or not
		FirstReachJSON   map[string]any
		CompoundsCounted int
	}
	tests := []struct {
		name string
		d    *District
		opts *LifeCircleOptions
		want []kindRow
	}{
		{
			name: "straight line",
			d:    flat,
			opts: &LifeCircleOptions{Radii: RadiusTable{{Kind: Kindergarten, Tier: Tier5Min, Metres: 300}, {Kind: Clinic, Tier: Tier5Min, Metres: 300}}},
			want: []kindRow{
				{Kind: Kindergarten, Gaps: 2, ReachNoData: []bool{false, false}, CompoundsCounted: 2,
					SummaryJSON:    map[string]any{"compounds_covered": 0.0, "households_covered": 0.0, "compound_rate": 0.0, "household_rate": 0.0},
					FirstReachJSON: map[string]any{"covered": false, "area_share": 0.0, "households_covered": 0.0}},
				{Kind: Clinic, NoData: true, ReachNoData: []bool{true, true}, CompoundsCounted: 2,
					SummaryJSON:    map[string]any{"compounds_covered": nil, "households_covered": nil, "compound_rate": nil, "household_rate": nil, "no_data": true, "facilities": 0.0, "compounds": 2.0},
					FirstReachJSON: map[string]any{"covered": nil, "area_share": nil, "households_covered": nil, "nearest_m": nil, "no_data": true}},
			},
		},
		{
			name: "walking",
			d:    walkD,
			opts: &LifeCircleOptions{Metric: Walking, Network: g, Radii: RadiusTable{{Kind: Clinic, Tier: Tier5Min, Metres: 300}, {Kind: ElderlyCare, Tier: Tier5Min, Metres: 300}}},
			want: []kindRow{
				{Kind: Clinic, Gaps: 3, ReachNoData: []bool{false, false, false}, CompoundsCounted: 3, // C's only gate is south, its clinic north
					SummaryJSON:    map[string]any{"compounds_covered": 0.0, "compound_rate": 0.0},
					FirstReachJSON: map[string]any{"covered": false}},
				{Kind: ElderlyCare, NoData: true, ReachNoData: []bool{true, true, true}, CompoundsCounted: 3,
					SummaryJSON:    map[string]any{"compounds_covered": nil, "households_covered": nil, "compound_rate": nil, "household_rate": nil, "no_data": true},
					FirstReachJSON: map[string]any{"covered": nil, "area_share": nil, "households_covered": nil, "nearest_m": nil, "no_data": true}},
			},
		},
	}
	pick := func(t *testing.T, v any, keys map[string]any) map[string]any {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var all map[string]any
		if err := json.Unmarshal(b, &all); err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		for k := range keys {
			v, ok := all[k]
			if !ok {
				v = "absent"
			}
			out[k] = v
		}
		return out
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := LifeCircle(context.Background(), tc.d, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []kindRow
			for e, s := range rep.Kinds {
				w := tc.want[e]
				r := kindRow{Kind: s.Kind, NoData: s.NoData, Gaps: len(s.Gaps), CompoundsCounted: s.Compounds,
					SummaryJSON: pick(t, s, w.SummaryJSON), FirstReachJSON: pick(t, rep.Compounds[0].Reach[e], w.FirstReachJSON)}
				for _, c := range rep.Compounds {
					r.ReachNoData = append(r.ReachNoData, c.Reach[e].NoData)
				}
				got = append(got, r)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("kinds (-want +got):\n%s", diff)
			}
			// The report as a whole keeps its keys: gaps stays an empty list, not null.
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			var back LifeCircleReport
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("the report does not read back: %v", err)
			}
			if diff := cmp.Diff(rep.Kinds, back.Kinds); diff != "" {
				t.Errorf("summaries after a JSON round trip (-want +got):\n%s", diff)
			}
		})
	}
}
