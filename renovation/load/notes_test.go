package load

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
)

func TestReportNotes(t *testing.T) {
	r := &Report{
		Layers: []LayerReport{{File: "c.geojson", Repairs: []Repair{{Index: 2, ID: "c3", Fixed: []string{"ring 0 not closed"}}}}},
		Join: &renovation.JoinReport{File: "b.geojson",
			Ambiguous:  []renovation.JoinPlacement{{Index: 4, ID: "b5", Candidates: []renovation.JoinCandidate{{CompoundID: "c1", Overlap: 100}, {CompoundID: "c2", Overlap: 99.5}}}},
			Unassigned: []renovation.JoinPlacement{{Index: 7, ID: "b8"}}},
	}
	want := []string{
		`c.geojson feature 2 (id "c3"): repaired: [ring 0 not closed]`,
		`b.geojson building "b5" (feature 4) overlaps c1 and c2 about equally (100.0 and 99.5 m²): left out; give it a compound property`,
		`b.geojson building "b8" (feature 7) lies in no compound: left out`,
	}
	if diff := cmp.Diff(want, r.Notes()); diff != "" {
		t.Errorf("Notes (-want +got):\n%s", diff)
	}
	if n := (&Report{}).Notes(); n != nil {
		t.Errorf("empty report: %v", n)
	}
}
