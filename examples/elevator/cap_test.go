package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/budget"
)

// A hardship cap of 0 means no cap, as budget.Household documents, not a waiver: only the
// waive column waives.
func TestZeroHardshipCapIsNoCap(t *testing.T) {
	csv := "id,floor,area_m2,hardship_cap_yuan,waive\n" +
		"101,1,70,0,\n" + // zero cap: no cap
		"201,2,70,,\n" + // empty: no cap
		"301,3,70,5000,\n" + // a cap
		"401,4,70,0,是\n" // waived by the waive column
	ro, err := readHouseholds("h.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		ID    string
		Cap   budget.Money
		Waive bool
	}
	var gs []got
	for _, h := range ro.households {
		gs = append(gs, got{h.ID, h.HardshipCap, h.Waive})
	}
	want := []got{{"101", 0, false}, {"201", 0, false}, {"301", 500000, false}, {"401", 0, true}}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("households (-want +got):\n%s", diff)
	}
}
