package sample

import (
	"math/big"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/survey"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// The figures the source report gives, reproduced from the sample.
func TestZhengzhouFigures(t *testing.T) {
	d, err := Load(Zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	type fig struct {
		Name                         string
		Buildings, Households, Built int
		Residents                    int
	}
	var got []fig
	for i := range d.Compounds {
		c := &d.Compounds[i]
		n := renovation.CountHouseholds(c)
		got = append(got, fig{c.Name, len(c.Buildings), n.Households, c.BuiltYear, n.Residents})
	}
	want := []fig{{"新郑路31号院", 8, 335, 1978, 1100}, {"金城街康华小区", 3, 141, 1998, 400}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("compounds (-want +got):\n%s", diff)
	}
	if d.Compounds[0].SiteArea != 18000 {
		t.Errorf("31号院 site area = %v, want 18000 m²", d.Compounds[0].SiteArea)
	}
}

// 康华小区's 70万元 gas connection fee shared by floor area over its 141 households: the dues
// add up to the fen, and a larger flat never pays less.
func TestZhengzhouGasSplit(t *testing.T) {
	d, err := Load(Zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	c := d.Compound("zz-kanghua")
	dues, err := renovation.AreaDues(c, 70_000_000)
	if err != nil {
		t.Fatal(err)
	}
	area := map[string]survey.Area{}
	c.Households(func(b *renovation.Building, u *renovation.Unit, h *renovation.Household) bool {
		area[renovation.HouseholdRef(b, u, h)] = h.Area
		return true
	})
	if len(dues) != 141 {
		t.Fatalf("%d dues, want 141", len(dues))
	}
	var sum int64
	for _, x := range dues {
		sum += x.AmountFen
		// within one fen of the exact share: |due·Σa − total·a| < Σa
		for _, y := range dues {
			if area[x.Household] > area[y.Household] && x.AmountFen < y.AmountFen {
				t.Fatalf("%s (%s m²) pays %d fen, less than %s (%s m²) at %d", x.Household, area[x.Household], x.AmountFen, y.Household, area[y.Household], y.AmountFen)
			}
		}
	}
	if sum != 70_000_000 {
		t.Errorf("dues sum to %d fen, want 70000000", sum)
	}
	var total int64
	for _, a := range area {
		total += int64(a)
	}
	for _, x := range dues {
		exact := new(big.Rat).SetFrac64(70_000_000*int64(area[x.Household]), total)
		diff := new(big.Rat).Sub(exact, new(big.Rat).SetInt64(x.AmountFen))
		if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
			t.Errorf("%s: due %d fen is not within a fen of %s", x.Household, x.AmountFen, exact.FloatString(3))
		}
	}
}

// The prepayment by 8 November: 135 paid, 4 waivers, 2 long-empty flats = 141; at the
// 15 November deadline the two empty flats are still outstanding.
func TestZhengzhouPrepayment(t *testing.T) {
	d, err := Load(Zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	p, err := GasPrepayment(Zhengzhou, d)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := p.Collection.Report()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"paid": 135, "waived": 4, "unreachable": 2}
	got := map[string]int{}
	for k, v := range rep.Count {
		if v != 0 {
			got[k] = v
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if rep.Households != 141 || rep.DueFen != 70_000_000 || rep.Deadline != "2024-11-15" || p.AsOf != "2024-11-08" {
		t.Errorf("households %d, due %d, deadline %s, as of %s", rep.Households, rep.DueFen, rep.Deadline, p.AsOf)
	}
	if len(rep.Chase) != 0 || len(rep.UnreachedOutstanding) != 2 {
		t.Errorf("chase %d, unreached outstanding %d; want 0 and 2", len(rep.Chase), len(rep.UnreachedOutstanding))
	}
	if rep.CollectedFen+rep.WaivedFen+rep.OutstandingFen != rep.DueFen {
		t.Errorf("collected %d + waived %d + outstanding %d ≠ due %d", rep.CollectedFen, rep.WaivedFen, rep.OutstandingFen, rep.DueFen)
	}
}

// The problem list becomes the programme budget: the real figures (2万 for the sewers, 70万 for
// gas) are lines of it, and the total is the sum of the items.
func TestZhengzhouProblems(t *testing.T) {
	d, err := Load(Zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Problems(Zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := Catalogue(Zhengzhou)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 10 {
		t.Fatalf("%d problems, want 10", len(ps))
	}
	pb, err := renovation.WorkItemBudget(d, cat, ps)
	if err != nil {
		t.Fatal(err)
	}
	var sum budget.Money
	for _, p := range ps {
		for _, it := range p.Items {
			sum += it.Cost
		}
	}
	if pb.Total.Cost != sum || sum != 2_023_100*budget.Yuan {
		t.Errorf("total %s, items %s, want 2023100 yuan", pb.Total.Cost, sum)
	}
	gas := pb.Compounds[1].Lines[0]
	if gas.Code != "gas" || gas.Cost != 700_000*budget.Yuan {
		t.Errorf("康华 first line = %+v, want gas at 70万", gas)
	}
	prog := renovation.WorkItemProgress(d, ps, "2024-11-16")
	total := prog[len(prog)-1]
	if total.Items != 11 || total.Done != 1 || total.DoneCost != 20_000*budget.Yuan || total.Overdue != 2 {
		t.Errorf("progress = %+v", total)
	}
}
