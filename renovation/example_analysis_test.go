package renovation_test

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// plan lays out rectangles in metres about lon 121.5, lat 31.2 and returns them in lon/lat.
var plan = geo.LocalTM(orb.Point{121.5, 31.2})

func rect(x0, y0, x1, y1 float64) orb.Polygon {
	var r orb.Ring
	for _, p := range []orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}} {
		r = append(r, plan.Inverse(p))
	}
	return orb.Polygon{r}
}

// A 100 m square compound with two six-storey slab blocks, one of them half outside, and a
// green space.
func ExampleIndicators() {
	d := &renovation.District{
		Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村", Boundary: rect(-50, -50, 50, 50), Buildings: []renovation.Building{
			{ID: "1", Footprint: rect(-40, 0, 20, 12), Storeys: 6},
			{ID: "2", Footprint: rect(30, -30, 70, -18), Storeys: 6},
		}}},
		GreenSpaces: []renovation.GreenSpace{{ID: "g", Area: rect(-40, -40, 0, -20)}},
	}
	r, err := renovation.Indicators(context.Background(), d, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := r.Compounds[0]
	fmt.Printf("site %.2f m² (%s), footprint %.0f m² inside and %.0f m² outside\n", c.SiteArea, c.RatioBasis, c.FootprintArea, c.FootprintOutside)
	fmt.Printf("建筑密度 %.1f%%, 容积率 %.3f, 绿地率 %.1f%%\n", 100*c.BuildingCoverage, c.FAR, 100*c.GreenRatio)
	fmt.Printf("%d elevator candidates\n", c.ElevatorCandidates)
	// Output:
	// site 10000.00 m² (geodesic), footprint 960 m² inside and 240 m² outside
	// 建筑密度 9.6%, 容积率 0.720, 绿地率 8.0%
	// 2 elevator candidates
}

// A kindergarten 200 m west of a 100 m square compound reaches most of it within 300 m; the
// district has no clinic at all, so clinic coverage is unknown ("no data"), not a gap.
func ExampleLifeCircle() {
	d := &renovation.District{
		Compounds:  []renovation.Compound{{ID: "c1", Name: "乳山二村", Boundary: rect(-50, -50, 50, 50)}},
		Facilities: []renovation.Facility{{ID: "k", Kind: renovation.Kindergarten, Location: plan.Inverse(orb.Point{-250, 0})}},
	}
	radii := renovation.RadiusTable{
		{Kind: renovation.Kindergarten, Tier: renovation.Tier5Min, Metres: 300},
		{Kind: renovation.Clinic, Tier: renovation.Tier5Min, Metres: 300},
	}
	r, err := renovation.LifeCircle(context.Background(), d, &renovation.LifeCircleOptions{Radii: radii})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fr := range r.Compounds[0].Reach {
		if fr.NoData {
			fmt.Printf("%s: none in the district, no data\n", fr.Kind)
			continue
		}
		fmt.Printf("%s: nearest %.1f m, covered %v, %.4f of the site within %g m\n", fr.Kind, *fr.Nearest, fr.Covered, fr.AreaShare, fr.Radius)
	}
	fmt.Println("clinic no data:", r.Kinds[1].NoData, "gaps:", len(r.Kinds[1].Gaps))
	// Output:
	// kindergarten: nearest 200.0 m, covered true, 0.9861 of the site within 300 m
	// clinic: none in the district, no data
	// clinic no data: true gaps: 0
}

// The programme's scope runs through the middle of a compound; the building on the far side
// and its households are outside it.
func ExampleScope() {
	d := &renovation.District{
		Compounds: []renovation.Compound{{ID: "c1", Community: "崂山社区", Boundary: rect(0, 0, 100, 100), Buildings: []renovation.Building{
			{ID: "1", Footprint: rect(10, 10, 40, 22), Units: []renovation.Unit{{ID: "1", Households: make([]renovation.Household, 12)}}},
			{ID: "2", Footprint: rect(60, 60, 90, 72), Units: []renovation.Unit{{ID: "1", Households: make([]renovation.Household, 12)}}},
		}}},
		Zones: []renovation.Zone{{ID: "z", Kind: renovation.ZoneScope, FieldOffice: "北片区", Boundary: rect(-500, -500, 50, 500)}},
	}
	r, err := renovation.Scope(context.Background(), d, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := r.Compounds[0]
	fmt.Printf("%s: %.2f of the site in scope, %d of %d households, field office %s\n", c.Status, c.Share, c.HouseholdsInScope, c.Households, c.FieldOffice)
	for _, g := range r.ByCommunity {
		fmt.Printf("%s: %d compound, %d households\n", g.Name, g.Compounds, g.HouseholdsInScope)
	}
	// Output:
	// partial: 0.50 of the site in scope, 12 of 24 households, field office 北片区
	// 崂山社区: 1 compound, 12 households
}

// Buildings whose layer names no compound go where their footprint lies; one straddling two
// compounds evenly is reported, not guessed.
func ExampleDistrict_PlaceBuildings() {
	d := &renovation.District{Compounds: []renovation.Compound{
		{ID: "west", Boundary: rect(0, 0, 100, 100)},
		{ID: "east", Boundary: rect(100, 0, 200, 100)},
	}}
	bs := []renovation.BuildingFeature{
		{Building: renovation.Building{ID: "1", Footprint: rect(70, 10, 110, 22)}},
		{Building: renovation.Building{ID: "2", Footprint: rect(80, 50, 120, 62)}},
	}
	r, err := d.PlaceBuildings(context.Background(), "buildings.geojson", bs, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Placed {
		fmt.Printf("building %s → %s (%.0f%% of it)\n", p.ID, p.CompoundID, 100*p.Share)
	}
	for _, p := range r.Ambiguous {
		fmt.Printf("building %s: %s %.0f m², %s %.0f m²: ambiguous\n", p.ID, p.Candidates[0].CompoundID, p.Candidates[0].Overlap, p.Candidates[1].CompoundID, p.Candidates[1].Overlap)
	}
	// Output:
	// building 1 → west (75% of it)
	// building 2: west 240 m², east 240 m²: ambiguous
}

// One Analyzer runs several analyses of a district, projecting its compounds once.
func ExampleNewAnalyzer() {
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := renovation.NewAnalyzer(d)
	ind, err := a.Indicators(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	lc, err := a.LifeCircle(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d compounds, %d households, FAR %.2f\n", ind.Totals.Compounds, ind.Totals.Households, ind.Totals.FAR)
	for _, s := range lc.Kinds {
		if s.Facilities > 0 {
			fmt.Printf("%s within %g m: %d of %d compounds\n", s.Kind, s.Radius, s.CompoundsCovered, s.Compounds)
		}
	}
	// Output:
	// 18 compounds, 7072 households, FAR 0.76
	// kindergarten within 300 m: 6 of 18 compounds
	// primary_school within 500 m: 11 of 18 compounds
	// park within 500 m: 6 of 18 compounds
}
