package budget_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
)

func ExampleParseMoney() {
	for _, s := range []string{"600000", "60万", "1.5万", "¥1,234.56", "1234.5元"} {
		m, err := budget.ParseMoney(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-10s %d fen = %s yuan\n", s, int64(m), m.Grouped())
	}
	_, err := budget.ParseMoney("1.005")
	fmt.Println(err)
	// Output:
	// 600000     60000000 fen = 600,000.00 yuan
	// 60万        60000000 fen = 600,000.00 yuan
	// 1.5万       1500000 fen = 15,000.00 yuan
	// ¥1,234.56  123456 fen = 1,234.56 yuan
	// 1234.5元    123450 fen = 1,234.50 yuan
	// invalid amount of money: "1.005" has more than two decimal places (finer than a fen)
}

func ExampleApportion() {
	// 100.00 yuan over three equal weights: the fen left over goes to the earliest item.
	w := []budget.Weight{budget.IntWeight(1), budget.IntWeight(1), budget.IntWeight(1)}
	shares, _ := budget.Apportion(100*budget.Yuan, w)
	fmt.Println(shares)
	// Output: [33.34 33.33 33.33]
}

func ExampleApportionCapped() {
	// 1,000 yuan by weights 1:1:2; the first item is capped at 100 yuan (hardship), the
	// excess is re-spread over the others by weight.
	w := []budget.Weight{budget.IntWeight(1), budget.IntWeight(1), budget.IntWeight(2)}
	caps := []budget.Money{100 * budget.Yuan, budget.NoCap, budget.NoCap}
	shares, _ := budget.ApportionCapped(1000*budget.Yuan, w, caps, budget.RoundFen)
	fmt.Println(shares)
	// Caps that cannot hold say by how much.
	_, err := budget.ApportionCapped(1000*budget.Yuan, w, []budget.Money{0, 0, 300 * budget.Yuan}, budget.RoundFen)
	fmt.Println(err)
	// Output:
	// [100.00 300.00 600.00]
	// caps cannot all hold: the 3 items with positive weight may pay at most 300.00 yuan in all, 700.00 yuan short of the 1000.00 yuan to split
}

func ExampleDecodeScheme() {
	// Domain-rules §3.4 Method A (Guangzhou): coefficient × area, floors 1–2 exempt.
	s, err := budget.DecodeScheme(strings.NewReader(`{
		"total_yuan": "600000",
		"method": "floor_coefficient_area",
		"coefficients": {"3": "0.7", "4": "0.8", "5": "0.9", "6": "1.0", "7": "1.1", "8": "1.2", "9": "1.3"},
		"exempt_floors": [1, 2]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var hh []budget.Household
	area, _ := budget.ParseWeight("60.00")
	for f := 1; f <= 9; f++ {
		for k := 1; k <= 2; k++ {
			hh = append(hh, budget.Household{ID: fmt.Sprintf("%d0%d", f, k), Floor: f, Area: area})
		}
	}
	r, err := s.Apply(context.Background(), hh)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := 4; i < len(r.Households); i += 2 {
		h := r.Households[i]
		fmt.Printf("%dF weight %-4s %s\n", h.Floor, h.Weight, h.Share.Grouped())
	}
	fmt.Println(r.Explain(4))
	// Output:
	// 3F weight 42   30,000.00
	// 4F weight 48   34,285.71
	// 5F weight 54   38,571.43
	// 6F weight 60   42,857.14
	// 7F weight 66   47,142.86
	// 8F weight 72   51,428.57
	// 9F weight 78   55,714.29
	// floor 3: weight 42 (coefficient 0.7 × area 60 m²); share = 600000.00 × 42 / 840 = 30000.00 → 30000.00 exactly; cash due 30000.00
}

func ExampleCalculator_ApplyTotal() {
	// Compile once, apply to many stairwells of different cost, reusing one Result.
	s := budget.Scheme{
		Weighting: budget.Weighting{Method: budget.MethodFloorsClimbed, ExemptFloors: []int{1, 2}},
		Subsidy:   budget.Subsidy{Fixed: 24 * budget.Wan},
	}
	c, err := s.Compile()
	if err != nil {
		fmt.Println(err)
		return
	}
	hh := []budget.Household{{ID: "101", Floor: 1}, {ID: "301", Floor: 3}, {ID: "601", Floor: 6, ProvidentFund: 2 * budget.Wan}}
	var r budget.Result
	for _, total := range []budget.Money{60 * budget.Wan, 48 * budget.Wan} {
		if err := c.ApplyTotal(context.Background(), &r, total, hh); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("total %s, residents %s:", total.Grouped(), r.Residents.Grouped())
		for _, h := range r.Households {
			fmt.Printf(" %s pays %s (cash %s)", h.ID, h.Share.Grouped(), h.CashDue.Grouped())
		}
		fmt.Println()
	}
	// Output:
	// total 600,000.00, residents 360,000.00: 101 pays 0.00 (cash 0.00) 301 pays 102,857.14 (cash 102,857.14) 601 pays 257,142.86 (cash 237,142.86)
	// total 480,000.00, residents 240,000.00: 101 pays 0.00 (cash 0.00) 301 pays 68,571.43 (cash 68,571.43) 601 pays 171,428.57 (cash 151,428.57)
}

func ExampleRunningCosts_Split() {
	// Hangzhou pilot: 5,000 yuan a year of maintenance, floor 1 exempt, by floors climbed.
	rc := budget.RunningCosts{
		Weighting:   budget.Weighting{Method: budget.MethodFloorsClimbed, ExemptFloors: []int{1}},
		Maintenance: 5000 * budget.Yuan,
	}
	hh := []budget.Household{{ID: "101", Floor: 1}, {ID: "201", Floor: 2}, {ID: "301", Floor: 3}, {ID: "401", Floor: 4}}
	r, err := rc.Split(hh)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range r.Households {
		fmt.Printf("%s: %s a year, %s in January, %s in December\n", h.ID, h.Year, h.Months[0], h.Months[11])
	}
	// Output:
	// 101: 0.00 a year, 0.00 in January, 0.00 in December
	// 201: 833.33 a year, 69.45 in January, 69.44 in December
	// 301: 1666.67 a year, 138.89 in January, 138.88 in December
	// 401: 2500.00 a year, 208.34 in January, 208.33 in December
}

func ExampleFunding_Allocate() {
	// Illustrative prices and shares only: there is no national price norm.
	c := budget.Catalogue{Items: []budget.Item{
		{Code: "roof", Category: budget.CategoryBasic, Unit: budget.PerFloorArea, Price: 45 * budget.Yuan},
		{Code: "elevator", Category: budget.CategoryImprovement, Unit: budget.PerElevator, Price: 60 * budget.Wan},
	}}
	area, _ := budget.ParseWeight("20000")
	est, err := c.Estimate([]budget.Line{{Code: "roof", Quantity: area}, {Code: "elevator", Quantity: budget.IntWeight(4)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	f := budget.Funding{Households: 480, Sources: []budget.Source{
		{Kind: budget.CentralSubsidy, Categories: []budget.Category{budget.CategoryBasic}, Percent: budget.IntWeight(80)},
		{Kind: budget.LocalBudget, Amount: 96 * budget.Wan},
		{Kind: budget.Residents, Percent: budget.IntWeight(50), CapPerHousehold: 2000 * budget.Yuan},
	}}
	r, err := f.Allocate(est)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("total", est.Total.Grouped(), "basic", est.CategoryCost(budget.CategoryBasic).Grouped())
	for _, a := range r.Allocations {
		fmt.Printf("%-15s %12s (%s)\n", a.Source.Kind, a.Amount.Grouped(), a.Limit)
	}
	fmt.Println("gap", r.Gap.Grouped())
	// Output:
	// total 3,300,000.00 basic 900,000.00
	// central_subsidy   720,000.00 (percent)
	// local_budget      960,000.00 (amount)
	// residents         960,000.00 (cap per household)
	// gap 660,000.00
}

func ExampleBalance() {
	claims := []budget.Claim{
		{ID: "幸福里", Need: 300 * budget.Wan, Households: 600},
		{ID: "光明村", Need: 200 * budget.Wan, Households: 200, Min: 50 * budget.Wan},
		{ID: "和平新村", Need: 100 * budget.Wan, Households: 400},
	}
	r, err := budget.Balance(context.Background(), 400*budget.Wan, claims, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range claims {
		fmt.Printf("%s %s households %s\n", c.ID, r.Amounts[i].Grouped(), r.ServedOf(claims, i).FloatString(1))
	}
	fmt.Println("served", r.Served.FloatString(1), "left", r.Left.Grouped())
	// Output:
	// 幸福里 2,500,000.00 households 500.0
	// 光明村 500,000.00 households 50.0
	// 和平新村 1,000,000.00 households 400.0
	// served 950.0 left 0.00
}
