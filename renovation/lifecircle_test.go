package renovation

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultRadii(t *testing.T) {
	d := DefaultRadii()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []FacilityKind{Kindergarten, Clinic, ElderlyCare} {
		r, ok := d.Lookup(k, Tier5Min)
		if !ok || r.Metres != 300 || r.Source == "" || r.Trust != TrustUnverified {
			t.Errorf("%s: %+v, %v", k, r, ok)
		}
	}
	if _, ok := d.Lookup(Kindergarten, Tier15Min); ok {
		t.Error("kindergarten found at the 15-min tier: tiers must not stand in for each other")
	}
	for _, r := range d {
		if r.Metres > TierDistance(r.Tier) {
			t.Errorf("%s radius %v exceeds its tier's %v m", r.Kind, r.Metres, TierDistance(r.Tier))
		}
	}
}

func TestParseRadii(t *testing.T) {
	arr, err := ParseRadii([]byte(`[{"kind":"幼儿园","tier":"5min","metres":500},{"kind":"clinic","tier":"15min","metres":1000}]`))
	if err != nil {
		t.Fatal(err)
	}
	want := RadiusTable{{Kind: Kindergarten, Tier: Tier5Min, Metres: 500}, {Kind: Clinic, Tier: Tier15Min, Metres: 1000}}
	if diff := cmp.Diff(want, arr); diff != "" {
		t.Errorf("array form (-want +got):\n%s", diff)
	}
	obj, err := ParseRadii([]byte(`{"kindergarten": 500, "bus_stop": 500}`))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := obj.Lookup(Kindergarten, Tier5Min); r.Metres != 500 || r.Source != "set by the planner" {
		t.Errorf("override: %+v", r)
	}
	if r, ok := obj.Lookup(BusStop, Tier15Min); !ok || r.Metres != 500 {
		t.Errorf("added kind: %+v", r)
	}
	if len(obj) != len(DefaultRadii())+1 {
		t.Errorf("object form has %d entries", len(obj))
	}
	// A kind of the planner's own, far from every known kind, is still taken.
	if own, err := ParseRadii([]byte(`[{"kind":"canteen","tier":"15min","metres":800}]`)); err != nil {
		t.Errorf("own kind: %v", err)
	} else if r, ok := own.Lookup("canteen", Tier15Min); !ok || r.Metres != 800 {
		t.Errorf("own kind: %+v", own)
	}
	for in, want := range map[string]string{
		`[{"kind":"clinic","tier":"20min","metres":-3},{"kind":"clinic","tier":"20min","metres":3}]`:  `radius 1 (clinic, 20min): tier "20min" is not 15min, 10min, 5min or block`,
		`[{"kind":"clinic","tier":"5min","metres":0}]`:                                                `radius 1 (clinic, 5min): radius 0 m is not a positive number`,
		`[{"kind":"clinic","tier":"5min","metres":300},{"kind":"clinic","tier":"5min","metres":200}]`: `radius 2 (clinic, 5min): repeats radius 1`,
		`[{"kind":"clinic","tier":"5min","metre":300}]`:                                               `unknown field "metre"`,
		`{"clinic":"300"}`:      `cannot unmarshal string`,
		`300`:                   `want a JSON array`,
		`{"kindergarden": 500}`: `"kindergarden" is not a known facility kind — did you mean "kindergarten"?`,
		`[{"kind":"kindergarden","tier":"5min","metres":300}]`:                                     `radius 1: "kindergarden" is not a known facility kind — did you mean "kindergarten"?`,
		`[{"kind":"clinic","tier":"5min","metres":300},{"kind":"幼儿圆","tier":"5min","metres":300}]`: `radius 2: "幼儿圆" is not a known facility kind — did you mean "kindergarten"?`,
		`{"clinic": 500, "clinic": 800}`:                                                           `member "clinic" is given twice`,
		`[{"kind":"clinic","kind":"park","tier":"5min","metres":300}]`:                             `member "kind" is given twice in [0]`,
	} {
		if _, err := ParseRadii([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRadii(%s) = %v, want an error containing %q", in, err, want)
		}
	}
}
