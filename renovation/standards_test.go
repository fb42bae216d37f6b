package renovation

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/survey"
)

// communityOf builds a district of one community with compounds of the given household counts.
func communityDistrict(households ...int) *District {
	d := &District{ID: "t"}
	for i, n := range households {
		c := Compound{ID: string(rune('A' + i)), Community: "社区一"}
		for k := 0; k < n; k++ {
			c.AddHousehold("1", "1", Household{ID: strings.Repeat("x", 1) + string(rune('0'+k/100)) + string(rune('0'+k/10%10)) + string(rune('0'+k%10)), Floor: 1, Area: 60_00})
		}
		d.Compounds = append(d.Compounds, c)
	}
	return d
}

func TestStandardsBoundaries(t *testing.T) {
	rule500 := FacilityStandard{ID: "500", Scope: PerCommunity, Kind: "community_service", MinArea: 500_00}
	rule30 := FacilityStandard{ID: "30/100", Scope: PerCommunity, Kind: "community_service", AreaPer100: 30_00}
	tests := []struct {
		name       string
		rule       FacilityStandard
		households []int
		area       survey.Area
		want       StandardCheck
	}{
		{"exactly 500 m² passes", rule500, []int{10}, 500_00,
			StandardCheck{Required: "500.00", Actual: "500.00", Shortfall: "0.00", Passed: true}},
		{"499.99 m² fails", rule500, []int{10}, 499_99,
			StandardCheck{Required: "500.00", Actual: "499.99", Shortfall: "0.01", Passed: false}},
		// 30 m² × 141 / 100 = 42.3 m² exactly.
		{"per 100 households at the boundary", rule30, []int{141}, 42_30,
			StandardCheck{Required: "42.30", Actual: "42.30", Shortfall: "0.00", Passed: true}},
		{"per 100 households a hundredth short", rule30, []int{141}, 42_29,
			StandardCheck{Required: "42.30", Actual: "42.29", Shortfall: "0.01", Passed: false}},
		// 0.01 m² × 7 / 100 = 0.0007 m²: nothing fails to round to 0.00 but 0 m² must fail.
		{"a requirement below a hundredth still needs something", FacilityStandard{ID: "tiny", Scope: PerCommunity, Kind: "k", AreaPer100: 1}, []int{7}, 0,
			StandardCheck{Required: "0.01", Actual: "0.00", Shortfall: "0.01", Passed: false}},
		// 30.01 × 333 / 100 = 99.9333… m²: 99.93 fails, 99.94 passes.
		{"per 100 households with a repeating requirement, below", FacilityStandard{ID: "r", Scope: PerCommunity, Kind: "k", AreaPer100: 30_01}, []int{333}, 99_93,
			StandardCheck{Required: "99.94", Actual: "99.93", Shortfall: "0.01", Passed: false}},
		{"per 100 households with a repeating requirement, above", FacilityStandard{ID: "r", Scope: PerCommunity, Kind: "k", AreaPer100: 30_01}, []int{333}, 99_94,
			StandardCheck{Required: "99.94", Actual: "99.94", Shortfall: "0.00", Passed: true}},
		{"households summed over the community's compounds", rule30, []int{100, 41}, 42_30,
			StandardCheck{Required: "42.30", Actual: "42.30", Shortfall: "0.00", Passed: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := communityDistrict(tc.households...)
			rooms := []Room{{Community: "社区一", Kind: tc.rule.Kind, Area: tc.area}}
			got, err := CheckStandards(d, []FacilityStandard{tc.rule}, rooms)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("%d checks, want 1", len(got))
			}
			g := got[0]
			if diff := cmp.Diff(tc.want, StandardCheck{Required: g.Required, Actual: g.Actual, Shortfall: g.Shortfall, Passed: g.Passed}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestStandardsCountAndErrors(t *testing.T) {
	d := communityDistrict(5)
	rule := FacilityStandard{ID: "n", Scope: PerCompound, Kind: Kindergarten, MinCount: 2}
	got, err := CheckStandards(d, []FacilityStandard{rule}, []Room{{Compound: "A", Kind: Kindergarten}})
	if err != nil {
		t.Fatal(err)
	}
	if g := got[0]; g.Community != "A" || g.Required != "2" || g.Actual != "1" || g.Shortfall != "1" || g.Passed {
		t.Errorf("count check = %+v", g)
	}
	for name, c := range map[string]struct {
		rules []FacilityStandard
		rooms []Room
	}{
		"two requirements": {[]FacilityStandard{{ID: "x", Scope: PerCommunity, Kind: "k", MinArea: 1, MinCount: 1}}, nil},
		"no requirement":   {[]FacilityStandard{{ID: "x", Scope: PerCommunity, Kind: "k"}}, nil},
		"bad scope":        {[]FacilityStandard{{ID: "x", Scope: "city", Kind: "k", MinArea: 1}}, nil},
		"negative room":    {nil, []Room{{Community: "社区一", Kind: "k", Area: -1}}},
		"unknown compound": {nil, []Room{{Compound: "Z", Kind: "k"}}},
		"room of no place": {nil, []Room{{Kind: "k"}}},
	} {
		if _, err := CheckStandards(d, c.rules, c.rooms); !errors.Is(err, ErrStandard) {
			t.Errorf("%s: err = %v, want ErrStandard", name, err)
		}
	}
}

func TestDecodeStandards(t *testing.T) {
	rules, err := DecodeStandards(strings.NewReader(`[{"id":"liuzhou","scope":"community","kind":"community_service","min_area_m2":"500","source":"s","date":"2024","trust":"UNVERIFIED"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if rules[0].MinArea != 500_00 {
		t.Errorf("min area = %s", rules[0].MinArea)
	}
	for _, in := range []string{`[{"id":"a","scope":"community","kind":"k","min_area_m2":"499.999"}]`, `[{"id":"a","scope":"community","kind":"k","min_area_m2":"1"},{"id":"a","scope":"community","kind":"k","min_area_m2":"1"}]`, `[] []`, `{`} {
		if _, err := DecodeStandards(strings.NewReader(in)); err == nil {
			t.Errorf("DecodeStandards(%s) succeeded", in)
		}
	}
	for _, p := range StandardPresets() {
		if err := p.Validate(); err != nil || p.Trust != TrustUnverified {
			t.Errorf("preset %s: %v, trust %q", p.ID, err, p.Trust)
		}
	}
}

func FuzzDecodeStandards(f *testing.F) {
	f.Add(`[{"id":"a","scope":"community","kind":"k","area_per_100_households_m2":"30"}]`)
	f.Add(`[{"id":"a","scope":"compound","kind":"k","min_count":3,"date":"2022-01-01"}]`)
	d := communityDistrict(3)
	f.Fuzz(func(t *testing.T, in string) {
		rules, err := DecodeStandards(strings.NewReader(in))
		if err != nil {
			return
		}
		if _, err := CheckStandards(d, rules, nil); err != nil {
			t.Fatalf("decoded rules do not check: %v", err)
		}
	})
}
