package renovation_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
	"github.com/xiaoqu/xiaoqu/survey"
)

func squareAt(lon, lat, d float64) orb.Polygon {
	return orb.Polygon{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}
}

// flats returns a unit of storeys × 2 flats of 60.00 m².
func flats(storeys int) renovation.Unit {
	u := renovation.Unit{ID: "1"}
	for f := 1; f <= storeys; f++ {
		for k := 1; k <= 2; k++ {
			id := fmt.Sprintf("%02d%02d", f, k)
			u.Households = append(u.Households, renovation.Household{ID: id, Floor: f, Area: 6000, OwnerID: id, Residents: 1})
		}
	}
	return u
}

// budgetDistrict has two eligible compounds and one too recent:
//
//	甲小区: buildings A1 (surveyed 3000.50 m², 6 storeys, 12 flats: an elevator candidate) and
//	        A2 (surveyed 1200.25 m², 3 storeys, 6 flats); no footprints, so no facade.
//	乙小区: B1 (a mapped 0.0003° square, 5 storeys, generated, 10 flats: a candidate) and
//	        B2 (surveyed 5000 m², 7 storeys, has an elevator, no roster).
//	丙小区: completed 2005.
func budgetDistrict() *renovation.District {
	return &renovation.District{ID: "d", Name: "浦东", Compounds: []renovation.Compound{
		{ID: "a", Name: "甲小区", District: "浦东新区", FieldOffice: "北片区", BuiltYear: 1985, Buildings: []renovation.Building{
			{ID: "A1", Storeys: 6, FloorArea: 3000.5, Units: []renovation.Unit{flats(6)}},
			{ID: "A2", Storeys: 3, FloorArea: 1200.25, Units: []renovation.Unit{flats(3)}},
		}},
		{ID: "b", Name: "乙小区", District: "浦东新区", FieldOffice: "南片区", BuiltYear: 1995, Buildings: []renovation.Building{
			{ID: "B1", Storeys: 5, Footprint: squareAt(121.51, 31.21, 0.0003), Synthetic: []string{"storeys"}, Units: []renovation.Unit{flats(5)}},
			{ID: "B2", Storeys: 7, FloorArea: 5000, HasElevator: true},
		}},
		{ID: "c", Name: "丙小区", District: "浦东新区", FieldOffice: "北片区", BuiltYear: 2005, Buildings: []renovation.Building{
			{ID: "C1", Storeys: 6, FloorArea: 4000, Units: []renovation.Unit{flats(6)}},
		}},
	}}
}

// illustrativeCatalogue prices a few standard items. THE PRICES ARE ILLUSTRATIVE, NOT OFFICIAL:
// no national unit-cost norm exists (domain-rules §5); a programme takes its local cost list.
func illustrativeCatalogue() budget.Catalogue {
	price := map[string]budget.Money{
		"roof": 4501, "outer_wall": yuan(80), "water_drainage": yuan(3200), "stairwell": yuan(15000),
		"insulation": yuan(150), "elevator": yuan(500000), "community_service": yuan(300000),
	}
	c := budget.Catalogue{Name: "illustrative prices, not official"}
	for _, it := range budget.StandardItems() {
		if p, ok := price[it.Code]; ok {
			it.Price = p
			c.Items = append(c.Items, it)
		}
	}
	return c
}

// illustrativeFunding: central subsidy 40% of basic works, local budget 30% of everything,
// residents 10% at most 2,000 yuan per household. Illustrative, not a published plan.
func illustrativeFunding() *budget.Funding {
	return &budget.Funding{Sources: []budget.Source{
		{Kind: budget.CentralSubsidy, Name: "中央补助", Categories: []budget.Category{budget.CategoryBasic}, Percent: budget.IntWeight(40)},
		{Kind: budget.LocalBudget, Name: "区财政", Percent: budget.IntWeight(30)},
		{Kind: budget.Residents, Name: "居民出资", Percent: budget.IntWeight(10), CapPerHousehold: yuan(2000)},
	}}
}

func area(s string) survey.Area {
	a, err := survey.ParseArea(s)
	if err != nil {
		panic(err)
	}
	return a
}

// lineCosts returns code → cost in fen.
func lineCosts(ls []renovation.ProgrammeLine) map[string]int64 {
	m := map[string]int64{}
	for _, l := range ls {
		m[l.Code] = int64(l.Cost)
	}
	return m
}

func categories(c []renovation.CategoryCost) []int64 {
	var out []int64
	for _, x := range c {
		out = append(out, int64(x.Cost))
	}
	return out
}

// TestEstimateProgrammeByHand checks every number of a 2-compound budget against arithmetic
// done by hand (in fen).
func TestEstimateProgrammeByHand(t *testing.T) {
	got, err := renovation.EstimateProgramme(context.Background(), budgetDistrict(),
		renovation.ProgrammeOptions{Catalogue: illustrativeCatalogue(), Funding: illustrativeFunding()})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Compounds) != 2 || got.Compounds[0].CompoundID != "a" || got.Compounds[1].CompoundID != "b" {
		t.Fatalf("compounds %+v; want 甲 and 乙 (丙 is too recent)", got.Compounds)
	}
	a, b := got.Compounds[0], got.Compounds[1]
	wantQA := renovation.ProgrammeQuantities{FloorArea: area("4200.75"), Households: 18, Buildings: 2, Elevators: 1,
		FloorAreaSurveyed: 2, NoFacade: 2}
	// B1's footprint: 950.90 m² and 123.70 m of perimeter, geodesic; floor area 5000 + 5 ×
	// 950.900369 = 9754.501843 → 9754.50 m²; facade 5 × 3 m × 123.700358 = 1855.505377 →
	// 1855.51 m².
	wantQB := renovation.ProgrammeQuantities{FloorArea: area("9754.50"), FacadeArea: area("1855.51"), Households: 10,
		Buildings: 2, Elevators: 1, FloorAreaSurveyed: 1, FloorAreaDerived: 1, NoFacade: 1, SyntheticStoreys: 1}
	if diff := cmp.Diff(wantQA, a.Quantities); diff != "" {
		t.Errorf("甲 quantities (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantQB, b.Quantities); diff != "" {
		t.Errorf("乙 quantities (-want +got):\n%s", diff)
	}
	tests := []struct {
		name  string
		got   renovation.ProgrammeCost
		lines map[string]int64
		cats  []int64
		total int64
	}{
		{"甲", a.ProgrammeCost, map[string]int64{
			"roof":              18907576, // 4200.75 m² × 45.01 = 189075.7575 → 189075.76
			"outer_wall":        0,
			"water_drainage":    5760000, // 18 × 3200
			"stairwell":         3000000, // 2 × 15000
			"insulation":        0,
			"elevator":          50000000,
			"community_service": 30000000,
		}, []int64{27667576, 50000000, 30000000}, 107667576},
		{"乙", b.ProgrammeCost, map[string]int64{
			"roof":              43905005, // 9754.50 × 45.01 = 439050.045 → 439050.05, half up
			"outer_wall":        14844080, // 1855.51 × 80
			"water_drainage":    3200000,
			"stairwell":         3000000,
			"insulation":        27832650, // 1855.51 × 150
			"elevator":          50000000,
			"community_service": 30000000,
		}, []int64{64949085, 77832650, 30000000}, 172781735},
		{"total", got.Total.ProgrammeCost, map[string]int64{
			// The roll-up adds the compounds' lines: 62812581, one fen more than pricing
			// the summed 13955.25 m² again (628125.8025 → 628125.80) would give.
			"roof":              62812581,
			"outer_wall":        14844080,
			"water_drainage":    8960000,
			"stairwell":         6000000,
			"insulation":        27832650,
			"elevator":          100000000,
			"community_service": 60000000,
		}, []int64{92616661, 127832650, 60000000}, 280449311},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.lines, lineCosts(tc.got.Lines)); diff != "" {
			t.Errorf("%s lines (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(tc.cats, categories(tc.got.ByCategory)); diff != "" {
			t.Errorf("%s categories (-want +got):\n%s", tc.name, diff)
		}
		if int64(tc.got.Cost) != tc.total {
			t.Errorf("%s cost %d, want %d", tc.name, tc.got.Cost, tc.total)
		}
	}
	var codes []string
	for _, l := range got.Total.Lines {
		codes = append(codes, l.Code+" "+l.Quantity.String())
	}
	// Catalogue order; 4200.75 + 9754.50 m² of roof, 28 households, 4 buildings ...
	want := []string{"water_drainage 28", "roof 13955.25", "outer_wall 1855.51", "stairwell 4",
		"insulation 1855.51", "elevator 2", "community_service 2"}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("total lines (-want +got):\n%s", diff)
	}
	if c := got.Total.ByCategory[0]; c.Category != budget.CategoryBasic || c.Name != "基础类" {
		t.Errorf("category %+v", c)
	}

	// Funding of 甲: central 40% of basic 27667576 = 11067030.4 → 11067030; local 30% of
	// 107667576 = 32300272.8 → 32300272; residents 10% = 10766757 capped at 18 × 2000 yuan.
	type src struct {
		Amount int64
		Limit  string
	}
	srcs := func(f *renovation.ProgrammeFunding) []src {
		var out []src
		for _, s := range f.Sources {
			out = append(out, src{int64(s.Amount), s.Limit})
		}
		return out
	}
	if diff := cmp.Diff([]src{{11067030, "percent"}, {32300272, "percent"}, {3600000, "cap per household"}}, srcs(a.Funding)); diff != "" {
		t.Errorf("甲 funding (-want +got):\n%s", diff)
	}
	if a.Funding.Households != 18 || a.Funding.Funded != 46967302 || a.Funding.Gap != 60700274 {
		t.Errorf("甲 funding: %d households, funded %d, gap %d", a.Funding.Households, a.Funding.Funded, a.Funding.Gap)
	}
	// The programme: central 40% of 92616661 → 37046664; local 30% of 280449311 → 84134793;
	// residents capped at 28 × 2000 yuan.
	if diff := cmp.Diff([]src{{37046664, "percent"}, {84134793, "percent"}, {5600000, "cap per household"}}, srcs(got.Total.Funding)); diff != "" {
		t.Errorf("total funding (-want +got):\n%s", diff)
	}
	if f := got.Total.Funding; f.Funded != 126781457 || f.Gap != 153667854 {
		t.Errorf("total funded %d, gap %d", f.Funded, f.Gap)
	}

	// Roll-ups: one district, two field offices.
	var keys []string
	for _, g := range append(append([]renovation.BudgetGroup{}, got.Districts...), got.FieldOffices...) {
		keys = append(keys, fmt.Sprintf("%s:%d:%d", g.Key, g.Compounds, g.Cost))
	}
	if diff := cmp.Diff([]string{"浦东新区:2:280449311", "北片区:1:107667576", "南片区:1:172781735"}, keys); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if got.Total.Compounds != 2 || got.StoreyHeight != 3 || got.Elevators != renovation.ElevatorsCandidates ||
		!strings.Contains(strings.Join(got.Assumptions, "\n"), "3 m (an assumption, not a standard)") {
		t.Errorf("total %d compounds, height %v, elevators %q, assumptions %q", got.Total.Compounds, got.StoreyHeight, got.Elevators, got.Assumptions)
	}
}

func TestEstimateProgrammeSelection(t *testing.T) {
	cat := illustrativeCatalogue()
	// Items chosen per compound: only those compounds, items in catalogue order; a recent
	// compound may be chosen explicitly.
	got, err := renovation.EstimateProgramme(context.Background(), budgetDistrict(), renovation.ProgrammeOptions{
		Catalogue: cat, Items: map[string][]string{"c": {"elevator", "roof"}, "a": {}}})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range got.Compounds {
		lines = append(lines, c.CompoundID+":")
		for _, l := range c.Lines {
			lines = append(lines, l.Code+"="+l.Cost.Yuan())
		}
	}
	// 丙: 4000 m² × 45.01 = 180040.00; one candidate stairwell.
	if diff := cmp.Diff([]string{"a:", "c:", "roof=180040.00", "elevator=500000.00"}, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if got.Compounds[0].Funding != nil || got.Total.Funding != nil {
		t.Error("funding without a funding plan")
	}

	// Storey height: facade scales with it.
	h, err := renovation.EstimateProgramme(context.Background(), budgetDistrict(), renovation.ProgrammeOptions{Catalogue: cat, StoreyHeight: 2.8})
	if err != nil {
		t.Fatal(err)
	}
	// 123.700358 m × 5 × 2.8 m = 1731.805012 → 1731.81 m².
	if f := h.Compounds[1].Quantities.FacadeArea; f != area("1731.81") {
		t.Errorf("facade at 2.8 m: %s m²", f)
	}

	// Elevators counted from the plans that passed: 甲's stairwell passes, 乙's is not canvassed.
	d := budgetDistrict()
	var ballots []survey.Ballot
	for _, hh := range d.Compounds[0].Buildings[0].Units[0].Households {
		ballots = append(ballots, survey.Ballot{Part: hh.ID, Vote: survey.Agree})
	}
	plans, err := renovation.PlanElevators(context.Background(), d, renovation.ElevatorPlanOptions{
		Scheme:     illustrativeScheme(),
		Stairwells: map[renovation.StairwellKey]renovation.StairwellInput{{CompoundID: "a", BuildingID: "A1", UnitID: "1"}: {Ballots: ballots}},
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := renovation.EstimateProgramme(context.Background(), d, renovation.ProgrammeOptions{Catalogue: cat, Elevators: renovation.ElevatorsPassed, Plans: plans})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := p.Compounds[0].Quantities.Elevators, p.Compounds[1].Quantities.Elevators; a != 1 || b != 0 {
		t.Errorf("elevators from passed plans: 甲 %d, 乙 %d; want 1, 0", a, b)
	}
}

func TestEstimateProgrammeErrors(t *testing.T) {
	cat := illustrativeCatalogue()
	bad := cat
	bad.Items = append([]budget.Item{}, cat.Items...)
	bad.Items[0].Price = -1
	tests := []struct {
		name string
		o    renovation.ProgrammeOptions
		is   error
		msg  string
	}{
		{"unknown compound", renovation.ProgrammeOptions{Catalogue: cat, Items: map[string][]string{"zz": {"roof"}, "a": {"roof"}}}, renovation.ErrProgramme, `compounds not in the district: ["zz"]`},
		{"unknown item", renovation.ProgrammeOptions{Catalogue: cat, Items: map[string][]string{"a": {"moat"}}}, renovation.ErrProgramme, `compound 甲小区: no item "moat"`},
		{"item twice", renovation.ProgrammeOptions{Catalogue: cat, Items: map[string][]string{"a": {"roof", "roof"}}}, renovation.ErrProgramme, `item "roof" listed twice`},
		{"passed without plans", renovation.ProgrammeOptions{Catalogue: cat, Elevators: renovation.ElevatorsPassed}, renovation.ErrProgramme, "needs the elevator plans"},
		{"unknown basis", renovation.ProgrammeOptions{Catalogue: cat, Elevators: "wished"}, renovation.ErrProgramme, `"wished"`},
		{"negative height", renovation.ProgrammeOptions{Catalogue: cat, StoreyHeight: -3}, renovation.ErrProgramme, "storey height -3 m"},
		{"bad catalogue", renovation.ProgrammeOptions{Catalogue: bad}, budget.ErrCatalogue, "negative"},
		{"bad funding", renovation.ProgrammeOptions{Catalogue: cat, Funding: &budget.Funding{Sources: []budget.Source{{Kind: "lottery", Percent: budget.IntWeight(1)}}}}, budget.ErrFunding, "lottery"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := renovation.EstimateProgramme(context.Background(), budgetDistrict(), tc.o)
			if !errors.Is(err, tc.is) || !strings.Contains(fmt.Sprint(err), tc.msg) {
				t.Fatalf("error %v; want %v containing %q", err, tc.is, tc.msg)
			}
		})
	}
	// A footprint with coordinates out of range has no area: the error names the building.
	d := budgetDistrict()
	d.Compounds[1].Buildings[0].Footprint = squareAt(121.51, 95, 0.0003)
	_, err := renovation.EstimateProgramme(context.Background(), d, renovation.ProgrammeOptions{Catalogue: cat})
	if !errors.Is(err, renovation.ErrQuantity) || !strings.Contains(fmt.Sprint(err), "compound 乙小区: building B1") {
		t.Errorf("error %v", err)
	}
}

// randomDistrict makes a district of random compounds, all eligible: surveyed floor areas of
// random cents, mapped footprints of random size and storeys, random rosters.
func randomDistrict(rng *rand.Rand) *renovation.District {
	d := &renovation.District{ID: "r"}
	districts := []string{"浦东新区", "黄浦区", ""}
	offices := []string{"北片区", "南片区", "东片区"}
	for i := range 1 + rng.IntN(6) {
		c := renovation.Compound{ID: fmt.Sprint("c", i), BuiltYear: 1980 + rng.IntN(21),
			District: districts[rng.IntN(3)], FieldOffice: offices[rng.IntN(3)]}
		for j := range rng.IntN(8) {
			b := renovation.Building{ID: fmt.Sprint("b", j), Storeys: 1 + rng.IntN(8)}
			if rng.IntN(2) == 0 {
				b.FloorArea = float64(rng.IntN(10_000_000)) / 100
			}
			if rng.IntN(3) > 0 {
				b.Footprint = squareAt(121.4+rng.Float64()/10, 31.1+rng.Float64()/10, 0.0001+rng.Float64()/2000)
			}
			if rng.IntN(4) == 0 {
				b.Synthetic = []string{"storeys", "footprint"}
			}
			if rng.IntN(3) > 0 {
				b.Units = []renovation.Unit{flats(b.Storeys)}
			}
			c.Buildings = append(c.Buildings, b)
		}
		d.Compounds = append(d.Compounds, c)
	}
	return d
}

// TestEstimateProgrammeRollupProperty: on random districts, catalogues and funding, every
// roll-up (district, field office, total) is exactly the sum of its compounds' lines, and
// each compound's lines sum to its categories and its cost.
func TestEstimateProgrammeRollupProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 200 {
		d := randomDistrict(rng)
		cat := illustrativeCatalogue()
		for i := range cat.Items {
			cat.Items[i].Price = budget.Money(rng.Int64N(100_000_000))
		}
		f := illustrativeFunding()
		f.Sources[1].Percent = budget.IntWeight(uint64(rng.IntN(101)))
		got, err := renovation.EstimateProgramme(context.Background(), d, renovation.ProgrammeOptions{
			Catalogue: cat, Funding: f, StoreyHeight: 2.5 + rng.Float64()})
		if err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		if len(got.Compounds) != len(d.Compounds) {
			t.Fatalf("iteration %d: %d of %d compounds", iter, len(got.Compounds), len(d.Compounds))
		}
		// sum is a group the test adds up itself; flat is what it compares.
		type flat struct {
			Compounds int
			Q         renovation.ProgrammeQuantities
			Cost      budget.Money
			Cats      [3]budget.Money
			Lines     map[string]budget.Money
			Qty       map[string]string
		}
		type sum struct {
			flat
			qty map[string]budget.Weight
		}
		add := func(s *sum, pc *renovation.ProgrammeCost) {
			if s.Lines == nil {
				s.Lines, s.qty = map[string]budget.Money{}, map[string]budget.Weight{}
			}
			s.Compounds++
			s.Cost += pc.Cost
			q := pc.Quantities
			s.Q.FloorArea += q.FloorArea
			s.Q.FacadeArea += q.FacadeArea
			s.Q.Households += q.Households
			s.Q.Buildings += q.Buildings
			s.Q.Elevators += q.Elevators
			s.Q.FloorAreaSurveyed += q.FloorAreaSurveyed
			s.Q.FloorAreaDerived += q.FloorAreaDerived
			s.Q.NoFloorArea += q.NoFloorArea
			s.Q.NoFacade += q.NoFacade
			s.Q.SyntheticStoreys += q.SyntheticStoreys
			s.Q.SyntheticFootprints += q.SyntheticFootprints
			for i, c := range pc.ByCategory {
				s.Cats[i] += c.Cost
			}
			for _, l := range pc.Lines {
				s.Lines[l.Code] += l.Cost
				w, err := s.qty[l.Code].Add(l.Quantity)
				if err != nil {
					t.Fatal(err)
				}
				s.qty[l.Code] = w
			}
		}
		check := func(what string, want *sum, g *renovation.BudgetGroup) {
			w := want.flat
			w.Qty = map[string]string{}
			for code, q := range want.qty {
				w.Qty[code] = q.String()
			}
			if w.Lines == nil {
				w.Lines = map[string]budget.Money{}
			}
			have := flat{Compounds: g.Compounds, Q: g.Quantities, Cost: g.Cost, Lines: map[string]budget.Money{}, Qty: map[string]string{}}
			for i, c := range g.ByCategory {
				have.Cats[i] = c.Cost
			}
			for _, l := range g.Lines {
				have.Lines[l.Code] = l.Cost
				have.Qty[l.Code] = l.Quantity.String()
			}
			if diff := cmp.Diff(w, have); diff != "" {
				t.Fatalf("iteration %d: %s is not the sum of its compounds (-sum +roll-up):\n%s", iter, what, diff)
			}
		}
		total := &sum{}
		byDistrict, byOffice := map[string]*sum{}, map[string]*sum{}
		for i := range got.Compounds {
			cb := &got.Compounds[i]
			var lineSum budget.Money
			var catSum [3]budget.Money
			for _, l := range cb.Lines {
				lineSum += l.Cost
				for k, c := range budget.Categories() {
					if l.Category == c {
						catSum[k] += l.Cost
					}
				}
			}
			if lineSum != cb.Cost || [3]int64{int64(catSum[0]), int64(catSum[1]), int64(catSum[2])} != [3]int64(categories(cb.ByCategory)) {
				t.Fatalf("iteration %d: %s: lines %s, categories %v, cost %s", iter, cb.Compound, lineSum, cb.ByCategory, cb.Cost)
			}
			fu := cb.Funding
			var paid budget.Money
			for _, s := range fu.Sources {
				paid += s.Amount
			}
			if paid != fu.Funded || fu.Funded+fu.Gap != cb.Cost || fu.Households != cb.Quantities.Households {
				t.Fatalf("iteration %d: %s: sources pay %s, funded %s, gap %s, cost %s", iter, cb.Compound, paid, fu.Funded, fu.Gap, cb.Cost)
			}
			add(total, &cb.ProgrammeCost)
			for _, m := range []struct {
				by  map[string]*sum
				key string
			}{{byDistrict, cb.District}, {byOffice, cb.FieldOffice}} {
				if m.by[m.key] == nil {
					m.by[m.key] = &sum{}
				}
				add(m.by[m.key], &cb.ProgrammeCost)
			}
		}
		check("total", total, &got.Total)
		for _, m := range []struct {
			what   string
			groups []renovation.BudgetGroup
			by     map[string]*sum
		}{{"district", got.Districts, byDistrict}, {"field office", got.FieldOffices, byOffice}} {
			if len(m.groups) != len(m.by) {
				t.Fatalf("iteration %d: %d %s groups, want %d", iter, len(m.groups), m.what, len(m.by))
			}
			for i := range m.groups {
				if i > 0 && m.groups[i-1].Key >= m.groups[i].Key {
					t.Fatalf("iteration %d: %s groups out of order", iter, m.what)
				}
				check(m.what+" "+m.groups[i].Key, m.by[m.groups[i].Key], &m.groups[i])
			}
		}
	}
}

func TestEstimateProgrammeSample(t *testing.T) {
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		t.Fatal(err)
	}
	got, err := renovation.EstimateProgramme(context.Background(), d, renovation.ProgrammeOptions{
		Catalogue: illustrativeCatalogue(), Funding: illustrativeFunding()})
	if err != nil {
		t.Fatal(err)
	}
	// The twelve named estates have (generated) built years by 2000; the other areas none.
	q := got.Total.Quantities
	if len(got.Compounds) != 12 || q.Households == 0 || q.Elevators == 0 || q.FloorArea == 0 || q.FacadeArea == 0 {
		t.Fatalf("%d compounds, quantities %+v", len(got.Compounds), q)
	}
	// The sample's storeys and many footprints are generated: the budget must say so.
	if q.FloorAreaDerived != q.Buildings-q.FloorAreaSurveyed-q.NoFloorArea || q.SyntheticStoreys == 0 || q.SyntheticFootprints == 0 {
		t.Errorf("provenance %+v", q)
	}
	var sum budget.Money
	for _, c := range got.Compounds {
		sum += c.Cost
	}
	if sum != got.Total.Cost || got.Total.Funding.Funded+got.Total.Funding.Gap != sum {
		t.Errorf("total %s, compounds sum to %s", got.Total.Cost, sum)
	}
}

func TestEstimateProgrammeCancelAndConcurrency(t *testing.T) {
	d := budgetDistrict() // two eligible compounds
	o := renovation.ProgrammeOptions{Catalogue: illustrativeCatalogue(), Funding: illustrativeFunding()}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	oc := o
	oc.Progress = func(done, total int) {
		calls = done
		if done == 1 {
			cancel()
		}
	}
	if got, err := renovation.EstimateProgramme(ctx, d, oc); !errors.Is(err, context.Canceled) || got != nil || calls != 1 {
		t.Errorf("cancelled: %v, %v after %d compounds", got != nil, err, calls)
	}

	first, err := renovation.EstimateProgramme(context.Background(), d, o)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(first)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for g := range errs {
		wg.Go(func() {
			got, err := renovation.EstimateProgramme(context.Background(), d, o)
			if err == nil {
				if b, _ := json.Marshal(got); string(b) != string(want) {
					err = fmt.Errorf("goroutine %d: result differs", g)
				}
			}
			errs[g] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
}
