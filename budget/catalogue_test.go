package budget

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// illustrativeCatalogue has made-up prices for tests only: there is no national price norm.
const illustrativeCatalogue = `{"name": "ILLUSTRATIVE PRICES, not a real cost list", "items": [
	{"code": "roof", "name": "屋面防水修缮", "category": "basic", "unit": "floor_m2", "price_yuan": "45"},
	{"code": "outer_wall", "name": "外墙修缮", "category": "basic", "unit": "facade_m2", "price_yuan": "60.5"},
	{"code": "gas", "name": "燃气管道改造", "category": "basic", "unit": "household", "price_yuan": "3200"},
	{"code": "insulation", "name": "外墙保温", "category": "improvement", "unit": "facade_m2", "price_yuan": "180"},
	{"code": "elevator", "name": "加装电梯", "category": "improvement", "unit": "elevator", "price_yuan": "60万"},
	{"code": "elderly_care", "name": "养老服务设施", "category": "upgrading", "unit": "lump_sum", "price_yuan": "80万"}
]}`

func illustrativeEstimate(t *testing.T) *Estimate {
	t.Helper()
	c, err := DecodeCatalogue(strings.NewReader(illustrativeCatalogue))
	if err != nil {
		t.Fatal(err)
	}
	q := func(s string) Weight { return mustWeights(t, s)[0] }
	e, err := c.Estimate([]Line{
		{"roof", q("12345.67")},     // 45 × 12345.67 = 555555.15
		{"outer_wall", q("8000.1")}, // 60.5 × 8000.1 = 484006.05
		{"gas", q("240")},           // 768000
		{"insulation", q("8000.1")}, // 1440018
		{"elevator", q("6")},        // 3600000
		{"elderly_care", q("1")},    // 800000
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestEstimate(t *testing.T) {
	e := illustrativeEstimate(t)
	var costs []Money
	for _, l := range e.Lines {
		costs = append(costs, l.Cost)
	}
	want := []Money{55555515, 48400605, 76800000, 144001800, 360000000, 80000000}
	if diff := cmp.Diff(want, costs); diff != "" {
		t.Errorf("line costs (-want +got):\n%s", diff)
	}
	if e.ByCategory != [3]Money{180756120, 504001800, 80000000} || e.Total != 764757920 {
		t.Errorf("by category %v, total %s", e.ByCategory, e.Total)
	}
	if e.CategoryCost(CategoryImprovement) != 504001800 {
		t.Error("CategoryCost")
	}
	// Half a fen rounds up: 0.01 yuan × 0.5 = 0.005 → 0.01.
	c := Catalogue{Items: []Item{{Code: "x", Category: CategoryBasic, Unit: PerFloorArea, Price: 1}}}
	e2, err := c.Estimate([]Line{{"x", mustWeights(t, "0.5")[0]}, {"x", mustWeights(t, "0.49")[0]}})
	if err != nil || e2.Lines[0].Cost != 1 || e2.Lines[1].Cost != 0 {
		t.Errorf("rounding: %+v %v", e2, err)
	}
	if _, err := c.Estimate([]Line{{"y", IntWeight(1)}}); !errors.Is(err, ErrCatalogue) || err.Error() != `catalogue line 1: no item with code "y"` {
		t.Errorf("unknown code: %v", err)
	}
}

func TestStandardItems(t *testing.T) {
	c := Catalogue{Items: StandardItems()}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	n := map[Category]int{}
	for _, it := range c.Items {
		n[it.Category]++
		if it.Price != 0 {
			t.Errorf("%s has a price; standard items carry none", it.Code)
		}
	}
	if n[CategoryBasic] == 0 || n[CategoryImprovement] == 0 || n[CategoryUpgrading] == 0 {
		t.Errorf("categories: %v", n)
	}
	if CategoryBasic.Chinese() != "基础类" || CategoryImprovement.Chinese() != "完善类" || CategoryUpgrading.Chinese() != "提升类" {
		t.Error("Chinese names")
	}
}

func TestCatalogueErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"items":[{"code":"a","category":"luxury","unit":"household","price_yuan":"1"}]}`:                                                                    `catalogue item 1 ("a") category: "luxury" is not one of [basic improvement upgrading]`,
		`{"items":[{"code":"a","category":"basic","unit":"acre","price_yuan":"1"}]}`:                                                                          `catalogue item 1 ("a") unit: "acre" is not one of [floor_m2 facade_m2 household building elevator lump_sum]`,
		`{"items":[{"code":"a","category":"basic","unit":"household"}]}`:                                                                                      `catalogue item 1 ("a") price_yuan: missing`,
		`{"items":[{"code":"a","category":"basic","unit":"household","price_yuan":"x"}]}`:                                                                     `catalogue item 1 ("a") price_yuan: invalid amount of money: "x" is not an amount of money`,
		`{"items":[{"code":"a","category":"basic","unit":"household","price_yuan":"-1"}]}`:                                                                    `catalogue item 1 ("a") price_yuan: -1.00 is negative`,
		`{"items":[{"code":"","category":"basic","unit":"household","price_yuan":"1"}]}`:                                                                      `catalogue item 1 ("") code: missing`,
		`{"items":[{"code":"a","category":"basic","unit":"household","price_yuan":"1"},{"code":"a","category":"basic","unit":"household","price_yuan":"1"}]}`: `catalogue item 2 ("a") code: listed twice`,
		`{"items":[],"colour":1}`: `catalogue colour: unknown field`,
		`{"items":[{"code":7}]}`:  `catalogue items.code: expected string, got JSON number at byte 19`,
	} {
		_, err := DecodeCatalogue(strings.NewReader(in))
		if err == nil || err.Error() != want || !errors.Is(err, ErrCatalogue) {
			t.Errorf("%s:\n got %v\nwant %s", in, err, want)
		}
	}
}

func TestFunding(t *testing.T) {
	e := illustrativeEstimate(t)
	// An illustrative plan: the percentages are made up except where noted.
	f, err := DecodeFunding(strings.NewReader(`{"households": 240, "sources": [
		{"kind": "central_subsidy", "categories": ["basic"], "percent": "60"},
		{"kind": "local_budget", "categories": ["basic", "improvement"], "percent": "30", "cap_yuan": "100万"},
		{"kind": "utilities", "categories": ["basic"], "amount_yuan": "50万"},
		{"kind": "residents", "percent": "10", "cap_per_household_yuan": "2000"},
		{"kind": "social_capital", "categories": ["upgrading"], "amount_yuan": "100万"}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Allocate(e)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Amount     Money
		ByCategory [3]Money
		Limit      string
	}
	var got []row
	for _, a := range r.Allocations {
		got = append(got, row{a.Amount, a.ByCategory, a.Limit})
	}
	// basic 1807561.20, improvement 5040018.00, upgrading 800000.00 (total 7647579.20).
	// 1. central: 60% of basic = 1084536.72; basic left 723024.48.
	// 2. local: 30% of 6847579.20 = 2054273.76, capped at 100万; split over the unfunded basic
	//    723024.48 and improvement 5040018.00: 125458.81 and 874541.19.
	// 3. utilities: 50万 fits in the basic left (597565.67); basic left 97565.67.
	// 4. residents: 10% of 7647579.20 = 764757.92, capped at 2000 × 240 = 480000, split over
	//    97565.67, 4165476.81 and 800000.00: 9249.68, 394906.60, 75843.72.
	// 5. social capital: 100万 offered, 724156.28 of upgrading left.
	want := []row{
		{108453672, [3]Money{108453672, 0, 0}, "percent"},
		{100000000, [3]Money{12545881, 87454119, 0}, "cap"},
		{50000000, [3]Money{50000000, 0, 0}, "amount"},
		{48000000, [3]Money{924968, 39490660, 7584372}, "cap per household"},
		{72415628, [3]Money{0, 0, 72415628}, "remaining cost"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if r.Gap != 385888620 || r.GapByCategory != [3]Money{8831599, 377057021, 0} || r.Funded+r.Gap != r.Total {
		t.Errorf("gap %s by category %v, funded %s of %s", r.Gap, r.GapByCategory, r.Funded, r.Total)
	}
	for _, a := range r.Allocations {
		if a.ByCategory[0]+a.ByCategory[1]+a.ByCategory[2] != a.Amount {
			t.Errorf("%s: split %v does not sum to %s", a.Source.Kind, a.ByCategory, a.Amount)
		}
	}
	b, _ := json.Marshal(f)
	back, err := DecodeFunding(strings.NewReader(string(b)))
	if err != nil || !cmp.Equal(f, back, cmp.AllowUnexported(Weight{})) {
		t.Errorf("round trip %s: %v", b, err)
	}
}

func TestFundingErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"sources":[{"kind":"lottery","percent":"1"}]}`:                         `funding source 1 kind: "lottery" is not one of [central_subsidy local_budget special_bonds residents utilities social_capital maintenance_fund property_unit]`,
		`{"sources":[{"kind":"residents"}]}`:                                     `funding source 1 percent: give percent or amount_yuan`,
		`{"sources":[{"kind":"residents","percent":"5","amount_yuan":"1"}]}`:     `funding source 1 percent: give percent or amount_yuan, not both`,
		`{"sources":[{"kind":"residents","percent":"500"}]}`:                     `funding source 1 percent: 500 is more than 100`,
		`{"sources":[{"kind":"residents","percent":"5","categories":["misc"]}]}`: `funding source 1 categories[0]: "misc" is not one of [basic improvement upgrading]`,
		`{"households":-1,"sources":[]}`:                                         `funding households: -1 is negative`,
		`{"sources":[{"kind":"residents","amount_yuan":"1","cap_yuan":"x"}]}`:    `funding source 1 cap_yuan: invalid amount of money: "x" is not an amount of money`,
	} {
		_, err := DecodeFunding(strings.NewReader(in))
		if err == nil || err.Error() != want || !errors.Is(err, ErrFunding) {
			t.Errorf("%s:\n got %v\nwant %s", in, err, want)
		}
	}
}

func FuzzDecodeCatalogue(f *testing.F) {
	f.Add([]byte(illustrativeCatalogue))
	f.Add([]byte(`{"items":[{"code":"a","category":"basic","unit":"household","price_yuan":1.5}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := DecodeCatalogue(strings.NewReader(string(b)))
		if err != nil {
			if !errors.Is(err, ErrCatalogue) {
				t.Fatalf("%v does not wrap ErrCatalogue", err)
			}
			return
		}
		out, _ := json.Marshal(c)
		back, err := DecodeCatalogue(strings.NewReader(string(out)))
		if err != nil || !cmp.Equal(c, back) {
			t.Fatalf("round trip %s: %v", out, err)
		}
		lines := make([]Line, len(c.Items))
		for i, it := range c.Items {
			lines[i] = Line{Code: it.Code, Quantity: IntWeight(uint64(i + 1))}
		}
		if e, err := c.Estimate(lines); err == nil {
			var sum Money
			for _, l := range e.Lines {
				sum += l.Cost
			}
			if sum != e.Total {
				t.Fatalf("Σ lines %s ≠ total %s", sum, e.Total)
			}
		}
	})
}

func FuzzDecodeFunding(f *testing.F) {
	f.Add([]byte(`{"households":240,"sources":[{"kind":"central_subsidy","categories":["basic"],"percent":"60"},{"kind":"residents","percent":"10","cap_per_household_yuan":"2000"}]}`))
	f.Add([]byte(`{"households":1,"sources":[{"kind":"utilities","amount_yuan":"50万","cap_yuan":"1"}]}`))
	est := &Estimate{ByCategory: [3]Money{1000000, 500000, 7}, Total: 1500007}
	f.Fuzz(func(t *testing.T, b []byte) {
		fp, err := DecodeFunding(strings.NewReader(string(b)))
		if err != nil {
			if !errors.Is(err, ErrFunding) {
				t.Fatalf("%v does not wrap ErrFunding", err)
			}
			return
		}
		out, _ := json.Marshal(fp)
		back, err := DecodeFunding(strings.NewReader(string(out)))
		if err != nil || !cmp.Equal(fp, back, cmp.AllowUnexported(Weight{})) {
			t.Fatalf("round trip %s: %v", out, err)
		}
		r, err := fp.Allocate(est)
		if err != nil {
			return
		}
		if r.Funded+r.Gap != r.Total || r.Gap < 0 {
			t.Fatalf("funded %s + gap %s ≠ %s", r.Funded, r.Gap, r.Total)
		}
	})
}
