package renovation

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/paulmach/orb"
)

// joinDistrict is two 100 m compounds side by side with a 20 m street between them.
func joinDistrict() *District {
	p := newPlan()
	return &District{Compounds: []Compound{
		{ID: "west", Name: "西村", Boundary: p.rect(0, 0, 100, 100)},
		{ID: "east", Name: "东村", Boundary: p.rect(120, 0, 220, 100)},
	}}
}

func TestPlaceBuildings(t *testing.T) {
	p := newPlan()
	d := joinDistrict()
	bs := []BuildingFeature{
		{Building: Building{ID: "w1", Footprint: p.rect(10, 10, 30, 20)}},                    // inside west
		{Compound: "东村", Building: Building{ID: "named", Footprint: p.rect(10, 50, 20, 60)}}, // named: goes east though it stands west
		{Building: Building{ID: "mostly-east", Footprint: p.rect(95, 40, 135, 50)}},          // 5 m west, 15 m east
		{Building: Building{ID: "tie", Footprint: p.rect(90, 70, 130, 80)}},                  // 10 m in each: ambiguous
		{Building: Building{ID: "street", Footprint: p.rect(104, 10, 116, 20)}},              // in the street
		{Building: Building{ID: "nomap"}},                                                    // no footprint
		{Building: Building{ID: "near-tie", Footprint: p.rect(90.05, 85, 130, 95)}},          // 9.95 vs 10 m: within 1 %
	}
	r, err := d.PlaceBuildings(context.Background(), "buildings.geojson", bs, nil)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(c *Compound) []string {
		var out []string
		for _, b := range c.Buildings {
			out = append(out, b.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{"w1"}, ids(&d.Compounds[0])); diff != "" {
		t.Errorf("west (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"named", "mostly-east"}, ids(&d.Compounds[1])); diff != "" {
		t.Errorf("east (-want +got):\n%s", diff)
	}
	want := &JoinReport{
		File: "buildings.geojson", Named: 1, Tolerance: DefaultJoinTolerance,
		Placed: []JoinPlacement{
			{Index: 0, ID: "w1", CompoundID: "west", Footprint: 200, Share: 1, Candidates: []JoinCandidate{{"west", 200}}},
			{Index: 2, ID: "mostly-east", CompoundID: "east", Footprint: 400, Share: 0.375, Candidates: []JoinCandidate{{"east", 150}, {"west", 50}}},
		},
		Ambiguous: []JoinPlacement{
			{Index: 3, ID: "tie", Footprint: 400, Candidates: []JoinCandidate{{"west", 100}, {"east", 100}}},
			{Index: 6, ID: "near-tie", Footprint: 399.5, Candidates: []JoinCandidate{{"east", 100}, {"west", 99.5}}},
		},
		Unassigned: []JoinPlacement{
			{Index: 4, ID: "street", Footprint: 120, Candidates: []JoinCandidate{}},
			{Index: 5, ID: "nomap", Candidates: []JoinCandidate{}},
		},
	}
	if diff := cmp.Diff(want, r, cmpopts.EquateApprox(1e-7, 1e-6)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestPlaceBuildingsErrors(t *testing.T) {
	p := newPlan()
	d := joinDistrict()
	bow := orb.Polygon{{p.pt(10, 10), p.pt(20, 20), p.pt(20, 10), p.pt(10, 20), p.pt(10, 10)}}
	_, err := d.PlaceBuildings(context.Background(), "b.geojson", []BuildingFeature{
		{Compound: "北村", Building: Building{ID: "x"}},
	}, nil)
	var fe FeatureErrors
	if !errors.As(err, &fe) || fe[0].Field != "compound" || fe[0].File != "b.geojson" {
		t.Errorf("unknown compound: %v", err)
	}
	_, err = d.PlaceBuildings(context.Background(), "b.geojson", []BuildingFeature{{Building: Building{ID: "bow", Footprint: bow}}}, nil)
	if !errors.As(err, &fe) || fe[0].ID != "bow" || fe[0].File != "b.geojson" {
		t.Errorf("self-intersecting footprint: %v", err)
	}
	if _, err := d.PlaceBuildings(context.Background(), "b", nil, &JoinOptions{Tolerance: 2}); err == nil {
		t.Error("tolerance 2 accepted")
	}
	for _, c := range d.Compounds {
		if len(c.Buildings) != 0 {
			t.Errorf("a failed join changed compound %s", c.ID)
		}
	}
	// A bigger tolerance turns a clear winner into a tie.
	r, err := d.PlaceBuildings(context.Background(), "b", []BuildingFeature{{Building: Building{ID: "m", Footprint: p.rect(95, 40, 135, 50)}}}, &JoinOptions{Tolerance: 0.3})
	if err != nil || len(r.Ambiguous) != 1 || math.Abs(r.Ambiguous[0].Candidates[0].Overlap-150) > 1e-6 {
		t.Errorf("tolerance 0.3: %v %+v", err, r)
	}
}
