package renovation

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestElevatorCandidates(t *testing.T) {
	d := goodDistrict() // building 3: 6 storeys, units 1 and 2
	c := &d.Compounds[0]
	c.Buildings[0].Units[1].HasElevator = true // unit 2 already retrofitted
	c.Buildings = append(c.Buildings,
		Building{ID: "4", Storeys: 3},                                               // too low
		Building{ID: "5", Storeys: 4, Synthetic: []string{"storeys"}},               // no roster yet
		Building{ID: "6", Storeys: 18, HasElevator: true, Units: []Unit{{ID: "1"}}}, // has elevators
	)
	got := ElevatorCandidates(&d)
	want := []StairwellCandidate{
		{CompoundID: "c1", Compound: "乳山二村", BuildingID: "3", Building: "3", Unit: "1", Storeys: 6, Households: 2, AboveSecond: 1, WithElderly: 2},
		{CompoundID: "c1", Compound: "乳山二村", BuildingID: "5", Building: "5", Storeys: 4, StoreysSynthetic: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ElevatorCandidates (-want +got):\n%s", diff)
	}
}

func TestGrossFloorArea(t *testing.T) {
	// A 0.0003° square near Shanghai is about 28.5 m × 33.3 m; Planimeter-checked areas are
	// geo's tests; here the arithmetic of storeys and the surveyed override.
	b := Building{Footprint: square(121.5, 31.2, 0.0003), Storeys: 6}
	fp := b.FootprintArea()
	if fp < 940 || fp > 960 {
		t.Fatalf("footprint area %v m², want about 950", fp)
	}
	if got, derived := b.GrossFloorArea(); got != 6*fp || !derived {
		t.Errorf("GrossFloorArea = %v, %v; want %v, true", got, derived, 6*fp)
	}
	b.FloorArea = 5000
	if got, derived := b.GrossFloorArea(); got != 5000 || derived {
		t.Errorf("surveyed GrossFloorArea = %v, %v", got, derived)
	}
	if got, _ := (&Building{Storeys: 6}).GrossFloorArea(); got != 0 {
		t.Errorf("no footprint: %v", got)
	}
}
