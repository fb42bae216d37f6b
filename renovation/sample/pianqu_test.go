package sample

import (
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
)

// On the Lujiazui sample the 片区 partition every compound exactly once, and a wider gap only
// merges groups: each group at gap 0 lies within one group at 30 m and at 200 m.
func TestPianquLujiazui(t *testing.T) {
	d, err := Load(Lujiazui)
	if err != nil {
		t.Fatal(err)
	}
	var prev map[string]string
	prevN := len(d.Compounds) + 1
	for _, gap := range []float64{0, 30, 200} {
		gs, err := renovation.GroupPianqu(d, renovation.PianquOptions{Gap: gap})
		if err != nil {
			t.Fatal(err)
		}
		of := map[string]string{}
		for _, g := range gs {
			for _, id := range g.Compounds {
				if _, dup := of[id]; dup {
					t.Fatalf("gap %v: compound %s in two 片区", gap, id)
				}
				of[id] = g.ID
			}
		}
		if len(of) != len(d.Compounds) {
			t.Fatalf("gap %v: %d compounds grouped, want %d", gap, len(of), len(d.Compounds))
		}
		if len(gs) > prevN {
			t.Errorf("gap %v: %d groups, more than the %d at a smaller gap", gap, len(gs), prevN)
		}
		// Compounds together at a smaller gap stay together.
		for a, ga := range prev {
			for b, gb := range prev {
				if ga == gb && of[a] != of[b] {
					t.Errorf("gap %v: %s and %s split", gap, a, b)
				}
			}
		}
		t.Logf("gap %v m: %d 片区", gap, len(gs))
		prev, prevN = of, len(gs)
	}
	if prevN >= len(d.Compounds) {
		t.Errorf("at 200 m no compounds were joined")
	}
}
