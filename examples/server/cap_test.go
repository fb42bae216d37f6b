package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/budget"
)

// A hardship cap of "0" means no cap, as budget.Household documents and examples/elevator
// reads it, not a waiver: only waive waives.
func TestZeroHardshipCapIsNoCap(t *testing.T) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(`[
		{"id":"101","floor":1,"area_m2":"70","hardship_cap_yuan":"0"},
		{"id":"201","floor":2,"area_m2":"70","hardship_cap_yuan":0},
		{"id":"301","floor":3,"area_m2":"70","hardship_cap_yuan":"5000"},
		{"id":"401","floor":4,"area_m2":"70","hardship_cap_yuan":"0","waive":true}]`), &raw); err != nil {
		t.Fatal(err)
	}
	hs, e := households(context.Background(), raw)
	if e != nil {
		t.Fatal(e.Message)
	}
	type got struct {
		ID    string
		Cap   budget.Money
		Waive bool
	}
	var gs []got
	for _, h := range hs {
		gs = append(gs, got{h.ID, h.HardshipCap, h.Waive})
	}
	want := []got{{"101", 0, false}, {"201", 0, false}, {"301", 500000, false}, {"401", 0, true}}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("households (-want +got):\n%s", diff)
	}
}
