package renovation_test

import (
	"context"
	"fmt"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
)

// One stairwell's elevator plan: the vote, the triage and each household's share. The 60万
// total is illustrative; the subsidy is the Beijing 2018 preset (up to 24万 per elevator).
func ExamplePlanElevators() {
	// A 6-storey stairwell of 12 flats of 75 m², two per floor.
	u := renovation.Unit{ID: "2"}
	for f := 1; f <= 6; f++ {
		for k := 1; k <= 2; k++ {
			id := fmt.Sprintf("%d0%d", f, k)
			u.Households = append(u.Households, renovation.Household{ID: id, Floor: f, Area: 7500, OwnerID: "业主" + id})
		}
	}
	d := &renovation.District{Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村",
		Buildings: []renovation.Building{{ID: "5", Name: "5号楼", Storeys: 6, Units: []renovation.Unit{u}}}}}}

	// The canvass: the ground floor opposes, everyone else agrees.
	var ballots []survey.Ballot
	for _, h := range u.Households {
		v := survey.Agree
		if h.Floor == 1 {
			v = survey.Oppose
		}
		ballots = append(ballots, survey.Ballot{Part: h.ID, Vote: v})
	}
	bj, _ := budget.LookupSubsidyPreset("beijing-2018")
	plans, err := renovation.PlanElevators(context.Background(), d, renovation.ElevatorPlanOptions{
		Scheme: budget.Scheme{Total: 600000 * budget.Yuan, Subsidy: bj.Subsidy,
			Weighting: budget.Weighting{Method: budget.MethodFloorsClimbed}},
		Stairwells: map[renovation.StairwellKey]renovation.StairwellInput{
			{CompoundID: "c1", BuildingID: "5", UnitID: "2"}: {
				Ballots: ballots,
				Relief:  map[string]renovation.Relief{"601": {ProvidentFund: 20000 * budget.Yuan}},
			},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := plans.Plans[0]
	fmt.Printf("%s %s %s单元: passed %v, %s (%s)\n", p.Stairwell.Compound, p.Stairwell.Building, p.Stairwell.Unit,
		p.Tally.Passed, p.GroupZh, p.Group)
	fmt.Printf("total %s − subsidy %s = residents %s yuan\n", p.Cost.Total, p.Cost.Subsidy, p.Cost.Residents)
	for _, r := range p.Households {
		if r.Household[2] == '1' { // one flat per floor
			fmt.Printf("%s floor %d %-7s share %9s cash due %9s\n", r.Household, r.Floor, r.Vote, r.Share, r.CashDue)
		}
	}
	// Output:
	// 乳山二村 5号楼 2单元: passed true, 可以签约 (ready-to-sign)
	// total 600000.00 − subsidy 240000.00 = residents 360000.00 yuan
	// 101 floor 1 oppose  share      0.00 cash due      0.00
	// 201 floor 2 agree   share  12000.00 cash due  12000.00
	// 301 floor 3 agree   share  24000.00 cash due  24000.00
	// 401 floor 4 agree   share  36000.00 cash due  36000.00
	// 501 floor 5 agree   share  48000.00 cash due  48000.00
	// 601 floor 6 agree   share  60000.00 cash due  40000.00
}

// A programme budget for one compound from a cost catalogue. THE PRICES ARE ILLUSTRATIVE, NOT
// OFFICIAL: no national unit-cost norm exists; use the local cost list.
func ExampleEstimateProgramme() {
	u := renovation.Unit{ID: "1"}
	for f := 1; f <= 6; f++ {
		for k := 1; k <= 2; k++ {
			u.Households = append(u.Households, renovation.Household{ID: fmt.Sprintf("%d0%d", f, k), Floor: f, Area: 6000})
		}
	}
	d := &renovation.District{Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村", BuiltYear: 1986,
		Buildings: []renovation.Building{{ID: "5", Storeys: 6, FloorArea: 850.5, Units: []renovation.Unit{u}}}}}}
	cat := budget.Catalogue{Name: "illustrative", Items: []budget.Item{
		{Code: "roof", Category: budget.CategoryBasic, Unit: budget.PerFloorArea, Price: 4501}, // 45.01 yuan/m²
		{Code: "water_drainage", Category: budget.CategoryBasic, Unit: budget.PerHousehold, Price: 3200 * budget.Yuan},
		{Code: "elevator", Category: budget.CategoryImprovement, Unit: budget.PerElevator, Price: 500000 * budget.Yuan},
	}}
	funding := &budget.Funding{Sources: []budget.Source{
		{Kind: budget.CentralSubsidy, Categories: []budget.Category{budget.CategoryBasic}, Percent: budget.IntWeight(40)},
		{Kind: budget.Residents, Percent: budget.IntWeight(10), CapPerHousehold: 2000 * budget.Yuan},
	}}
	b, err := renovation.EstimateProgramme(context.Background(), d, renovation.ProgrammeOptions{Catalogue: cat, Funding: funding})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range b.Total.Lines {
		fmt.Printf("%-14s %9s × %10s = %10s\n", l.Code, l.Quantity, l.Price, l.Cost)
	}
	for _, c := range b.Total.ByCategory {
		fmt.Printf("%s %s\n", c.Name, c.Cost)
	}
	f := b.Total.Funding
	fmt.Printf("cost %s, funded %s, gap %s\n", b.Total.Cost, f.Funded, f.Gap)
	// Output:
	// roof               850.5 ×      45.01 =   38281.01
	// water_drainage        12 ×    3200.00 =   38400.00
	// elevator               1 ×  500000.00 =  500000.00
	// 基础类 76681.01
	// 完善类 500000.00
	// 提升类 0.00
	// cost 576681.01, funded 54672.40, gap 522008.61
}
