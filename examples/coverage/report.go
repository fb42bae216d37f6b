package main

import (
	"context"
	"encoding/json"
	"io"

	"github.com/xiaoqu/xiaoqu/renovation"
)

// The JSON contract (README.md): keys exactly as below, compounds in input order, kinds keyed
// by the radius table's kind ("kind/tier" for a kind the table lists at more than one tier).
type output struct {
	Compounds []compoundOut `json:"compounds"`
	Summary   summaryOut    `json:"summary"`
}

type compoundOut struct {
	ID               string                 `json:"id"`
	Name             string                 `json:"name"`
	SiteArea         float64                `json:"site_area_m2"`
	FootprintArea    float64                `json:"footprint_area_m2"`
	BuildingCoverage float64                `json:"building_coverage"`
	FloorArea        float64                `json:"floor_area_m2"`
	FAR              float64                `json:"far"`
	GreenRatio       float64                `json:"green_ratio"`
	Households       int                    `json:"households"`
	Facilities       map[string]facilityOut `json:"facilities"`
}

// facilityOut is one compound against one entry: every value is null when the district has no
// facility of the kind (unknown, not uncovered).
type facilityOut struct {
	Nearest   *float64 `json:"nearest_m"`
	Covered   *bool    `json:"covered"`
	AreaShare *float64 `json:"area_share"`
}

type summaryOut struct {
	Compounds  int                `json:"compounds"`
	Households int                `json:"households"`
	ByKind     map[string]kindOut `json:"by_kind"`
}

// kindOut is the district's coverage for one entry: every value is null when the district has
// no facility of the kind (renovation.LifeCircleSummary.NoData), unknown rather than 0.
type kindOut struct {
	CompoundsCovered  *int     `json:"compounds_covered"`
	HouseholdsCovered *float64 `json:"households_covered"`
	CompoundRate      *float64 `json:"compound_rate"`
	HouseholdRate     *float64 `json:"household_rate"`
}

// result is what the program computed: the library's reports and the contract's view of
// them.
type result struct {
	district   *renovation.District
	keys       []string // per radius-table entry
	indicators *renovation.IndicatorReport
	lifeCircle *renovation.LifeCircleReport
	out        output
}

// kindKeys names each entry of the table: its kind, or "kind/tier" when the kind is listed at
// more than one tier.
func kindKeys(radii renovation.RadiusTable) []string {
	n := map[renovation.FacilityKind]int{}
	for _, r := range radii {
		n[r.Kind]++
	}
	keys := make([]string, len(radii))
	for i, r := range radii {
		keys[i] = string(r.Kind)
		if n[r.Kind] > 1 {
			keys[i] += "/" + string(r.Tier)
		}
	}
	return keys
}

func analyse(ctx context.Context, d *renovation.District, radii renovation.RadiusTable) (*result, error) {
	a := renovation.NewAnalyzer(d)
	ind, err := a.Indicators(ctx, &renovation.IndicatorOptions{Basis: renovation.SiteAreaGeodesic})
	if err != nil {
		return nil, err
	}
	lc, err := a.LifeCircle(ctx, &renovation.LifeCircleOptions{Radii: radii})
	if err != nil {
		return nil, err
	}
	r := &result{district: d, keys: kindKeys(radii), indicators: ind, lifeCircle: lc}
	r.out.Compounds = make([]compoundOut, len(ind.Compounds))
	for i, c := range ind.Compounds {
		co := compoundOut{ID: c.ID, Name: c.Name, SiteArea: c.SiteArea, FootprintArea: c.FootprintArea,
			BuildingCoverage: c.BuildingCoverage, FloorArea: c.FloorArea, FAR: c.FAR, GreenRatio: c.GreenRatio,
			Households: c.Households, Facilities: map[string]facilityOut{}}
		for e, fr := range lc.Compounds[i].Reach {
			fo := facilityOut{Nearest: fr.Nearest}
			if !fr.NoData {
				fo.Covered, fo.AreaShare = &fr.Covered, &fr.AreaShare
			}
			co.Facilities[r.keys[e]] = fo
		}
		r.out.Compounds[i] = co
	}
	r.out.Summary = summaryOut{Compounds: len(ind.Compounds), Households: ind.Totals.Households, ByKind: map[string]kindOut{}}
	for e, s := range lc.Kinds {
		var ko kindOut
		if !s.NoData {
			ko = kindOut{CompoundsCovered: &s.CompoundsCovered, HouseholdsCovered: &s.HouseholdsCovered,
				CompoundRate: &s.CompoundRate, HouseholdRate: &s.HouseholdRate}
		}
		r.out.Summary.ByKind[r.keys[e]] = ko
	}
	return r, nil
}

func (r *result) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.out)
}
