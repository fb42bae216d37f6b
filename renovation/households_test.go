package renovation

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCountHouseholds(t *testing.T) {
	d := goodDistrict()
	c := &d.Compounds[0]
	c.Buildings[0].Units[1].Households[1].Tenure = Rented
	c.Buildings[0].Units[1].Households[1].OldestAge = 59
	c.Buildings[0].Units[1].Households[1].Synthetic = true
	got := CountHouseholds(c)
	want := HouseholdCounts{Buildings: 1, Units: 2, Households: 4, Residents: 8, ExclusiveArea: 4 * 6050,
		ByTenure: map[Tenure]int{OwnerOccupied: 3, Rented: 1}, WithElderly: 3, Synthetic: 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CountHouseholds (-want +got):\n%s", diff)
	}
	var total HouseholdCounts
	total.Add(got)
	total.Add(got)
	if total.Households != 8 || total.ByTenure[OwnerOccupied] != 6 || total.ExclusiveArea != 8*6050 {
		t.Errorf("Add: %+v", total)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"buildings":1,"units":2,"households":4,"residents":8,"exclusive_area_m2":"242.00","by_tenure":{"owner_occupied":3,"rented":1},"with_elderly":3,"synthetic":1}`
	if string(b) != wantJSON {
		t.Errorf("JSON = %s\nwant   %s", b, wantJSON)
	}
}
