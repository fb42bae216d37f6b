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
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
	"github.com/xiaoqu/xiaoqu/survey"
)

// stairwell12 returns a stairwell of a 6-storey walk-up: two flats of 75.00 m² per floor,
// 0101 … 0602, owned by unit + "-" + flat.
func stairwell12(unit string) renovation.Unit {
	u := renovation.Unit{ID: unit}
	for f := 1; f <= 6; f++ {
		for k := 1; k <= 2; k++ {
			id := fmt.Sprintf("%02d%02d", f, k)
			u.Households = append(u.Households, renovation.Household{ID: id, Floor: f, Room: fmt.Sprintf("%d0%d", f, k), Area: 7500,
				AreaSource: survey.SourceRegister, OwnerID: unit + "-" + id, Tenure: renovation.OwnerOccupied, Residents: 2})
		}
	}
	return u
}

// planDistrict is one compound with one 6-storey building of four stairwells of 12 flats;
// flat 0302 of unit 1 has no owner ID on the roster.
func planDistrict() *renovation.District {
	b := renovation.Building{ID: "5", Name: "5号楼", Storeys: 6, Structure: renovation.StructureBrickConcrete}
	for _, u := range []string{"1", "2", "3", "4"} {
		b.Units = append(b.Units, stairwell12(u))
	}
	b.Units[0].Households[5].OwnerID = ""
	return &renovation.District{ID: "d", Name: "浦东", Compounds: []renovation.Compound{{ID: "c1", Name: "乳山二村", BuiltYear: 1986, Buildings: []renovation.Building{b}}}}
}

// votes makes ballots from one letter per flat in roster order (a agree, o oppose, u abstain,
// - none), naming the flat (byOwner false) or its owner.
func votes(unit, letters string, byOwner bool) []survey.Ballot {
	var bs []survey.Ballot
	for i, c := range letters {
		v := map[rune]survey.Vote{'a': survey.Agree, 'o': survey.Oppose, 'u': survey.Abstain}[c]
		if v == survey.NoVote {
			continue
		}
		id := fmt.Sprintf("%02d%02d", i/2+1, i%2+1)
		b := survey.Ballot{Part: id, Vote: v, Ref: "unit " + unit + " flat " + id}
		if byOwner {
			b = survey.Ballot{Owner: unit + "-" + id, Vote: v, Ref: "unit " + unit + " owner " + id}
		}
		bs = append(bs, b)
	}
	return bs
}

func yuan(y int64) budget.Money { return budget.Money(y) * budget.Yuan }

// illustrativeScheme is the tests' scheme: an illustrative 60万 elevator, the Beijing 2018
// subsidy preset (24万), shared by floors climbed. The total is not a published figure.
func illustrativeScheme() budget.Scheme {
	bj, _ := budget.LookupSubsidyPreset("beijing-2018")
	return budget.Scheme{Name: "illustrative", Total: yuan(600000),
		Weighting: budget.Weighting{Method: budget.MethodFloorsClimbed}, Subsidy: bj.Subsidy}
}

func planOptions() renovation.ElevatorPlanOptions {
	areaScheme := illustrativeScheme()
	areaScheme.Name, areaScheme.Method = "by area", budget.MethodArea
	key := func(u string) renovation.StairwellKey { return renovation.StairwellKey{"c1", "5", u} }
	return renovation.ElevatorPlanOptions{
		Scheme: illustrativeScheme(),
		Stairwells: map[renovation.StairwellKey]renovation.StairwellInput{
			// Passes: 10 agree, the ground floor opposes. Relief: a hardship cap on 0602,
			// provident fund on 0501 and (more than its share) on 0201.
			key("1"): {Ballots: votes("1", "ooaaaaaaaaaa", false), Relief: map[string]renovation.Relief{
				"0602": {HardshipCap: yuan(45000)},
				"0501": {ProvidentFund: yuan(20000)},
				"0201": {ProvidentFund: yuan(20000)},
			}},
			// Fails, one owner short: 7 of 10 participants agree, 3/4 needs 8. A cheaper
			// elevator: 54万.
			key("2"): {Ballots: votes("2", "--aaooaaaaao", true), Total: yuan(540000)},
			// Every clause holds but the owner of 0101, whose flat the shaft occupies, opposes.
			key("3"): {Ballots: votes("3", "oaaaaaaaaaaa", false), Occupied: []string{"0101"}, Scheme: &areaScheme},
			// Unit 4: no ballots.
		},
	}
}

// row is the part of a household row the table test states by hand.
type row struct {
	Household, Owner string
	Vote             survey.Vote
	Share, PF, Cash  int64 // yuan
}

func TestPlanElevatorsTable(t *testing.T) {
	got, err := renovation.PlanElevators(context.Background(), planDistrict(), planOptions())
	if err != nil {
		t.Fatal(err)
	}
	a, o, u, n := survey.Agree, survey.Oppose, survey.Abstain, survey.NoVote
	_ = u
	flats := []string{"0101", "0102", "0201", "0202", "0301", "0302", "0401", "0402", "0501", "0502", "0601", "0602"}
	// build gives the hand-stated rows of a stairwell: owners unit-flat, votes and shares by flat.
	build := func(unit string, vs []survey.Vote, shares []int64, pf map[string]int64) []row {
		var rs []row
		for i, f := range flats {
			owner := unit + "-" + f
			r := row{Household: f, Owner: owner, Vote: vs[i], Share: shares[i], PF: pf[f]}
			r.Cash = r.Share - r.PF
			rs = append(rs, r)
		}
		return rs
	}
	tests := []struct {
		unit                 string
		canvassed, passed    bool
		group                survey.Group
		visit                []string
		needed               int
		total, subsidy, resi int64 // yuan
		rows                 []row
	}{
		{
			unit: "1", canvassed: true, passed: true, group: survey.ReadyToSign, visit: []string{}, needed: 0,
			total: 600000, subsidy: 240000, resi: 360000,
			// 0602 is held at 45000 of its 60000; the 15000 re-spread over weight 25 makes
			// 12600 per floor climbed. 0201's provident fund is capped by its share.
			rows: func() []row {
				rs := build("1", []survey.Vote{o, o, a, a, a, a, a, a, a, a, a, a},
					[]int64{0, 0, 12600, 12600, 25200, 25200, 37800, 37800, 50400, 50400, 63000, 45000},
					map[string]int64{"0501": 20000, "0201": 12600})
				rs[5].Owner = "household:0302"
				return rs
			}(),
		},
		{
			unit: "2", canvassed: true, passed: false, group: survey.FewObjectors, visit: []string{"2-0301"}, needed: 1,
			total: 540000, subsidy: 240000, resi: 300000,
			rows: build("2", []survey.Vote{n, n, a, a, o, o, a, a, a, a, a, o},
				[]int64{0, 0, 10000, 10000, 20000, 20000, 30000, 30000, 40000, 40000, 50000, 50000}, nil),
		},
		{
			unit: "3", canvassed: true, passed: false, group: survey.FewObjectors, visit: []string{"3-0101"}, needed: 1,
			total: 600000, subsidy: 240000, resi: 360000,
			rows: build("3", []survey.Vote{o, a, a, a, a, a, a, a, a, a, a, a},
				[]int64{30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000}, nil),
		},
		{
			unit: "4", canvassed: false, passed: false, group: survey.Waiting, needed: 8,
			visit: []string{"4-0101", "4-0102", "4-0201", "4-0202", "4-0301", "4-0302", "4-0401", "4-0402", "4-0501", "4-0502", "4-0601", "4-0602"},
			total: 600000, subsidy: 240000, resi: 360000,
			rows: build("4", []survey.Vote{n, n, n, n, n, n, n, n, n, n, n, n},
				[]int64{0, 0, 12000, 12000, 24000, 24000, 36000, 36000, 48000, 48000, 60000, 60000}, nil),
		},
	}
	if len(got.Plans) != len(tests) {
		t.Fatalf("%d plans, want %d", len(got.Plans), len(tests))
	}
	for i, tc := range tests {
		t.Run("unit "+tc.unit, func(t *testing.T) {
			p := got.Plans[i]
			if p.Stairwell.Unit != tc.unit || p.Canvassed != tc.canvassed || p.Tally.Passed != tc.passed || p.Group != tc.group {
				t.Errorf("unit %s canvassed %v passed %v group %v; want %s %v %v %v", p.Stairwell.Unit, p.Canvassed, p.Tally.Passed, p.Group, tc.unit, tc.canvassed, tc.passed, tc.group)
			}
			if p.GroupZh != tc.group.Chinese() {
				t.Errorf("GroupZh %q", p.GroupZh)
			}
			var visit []string
			for _, v := range p.Visit {
				visit = append(visit, v.Owner)
			}
			if diff := cmp.Diff(tc.visit, visit, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("visit (-want +got):\n%s", diff)
			}
			if p.Tally.Needed.Owners != tc.needed {
				t.Errorf("needed %d owners (%v), want %d", p.Tally.Needed.Owners, p.Tally.Needed.OwnerIDs, tc.needed)
			}
			c := p.Cost
			if c.Total != yuan(tc.total) || c.Subsidy != yuan(tc.subsidy) || c.Residents != yuan(tc.resi) {
				t.Errorf("total %s subsidy %s residents %s; want %d %d %d", c.Total, c.Subsidy, c.Residents, tc.total, tc.subsidy, tc.resi)
			}
			var rows []row
			var sum budget.Money
			for _, r := range p.Households {
				rows = append(rows, row{r.Household, r.Owner, r.Vote, int64(r.Share / budget.Yuan), int64(r.ProvidentFund / budget.Yuan), int64(r.CashDue / budget.Yuan)})
				sum += r.Share
				if r.Share%budget.Yuan != 0 || r.CashDue != r.Share-r.ProvidentFund {
					t.Errorf("%s: share %s, provident fund %s, cash due %s", r.Household, r.Share, r.ProvidentFund, r.CashDue)
				}
				if r.Compound != "乳山二村" || r.Building != "5号楼" || r.Unit != tc.unit || r.Area != 7500 || r.Explanation == "" {
					t.Errorf("row labels %+v", r)
				}
			}
			if diff := cmp.Diff(tc.rows, rows); diff != "" {
				t.Errorf("household table (-want +got):\n%s", diff)
			}
			if sum != c.Residents {
				t.Errorf("shares sum to %s, residents' amount %s", sum, c.Residents)
			}
		})
	}
	// One explanation in full: budget says how the share was reached.
	if e, want := got.Plans[0].Households[8].Explanation, "floor 5: weight 4 (floor 5 − 1); share = 315000.00 yuan left after caps and waivers × 4 / 25 = 50400.00 → 50400.00 exactly; provident fund 20000.00; cash due 30400.00"; e != want {
		t.Errorf("explanation\n got %s\nwant %s", e, want)
	}
	want := renovation.ElevatorPlanSummary{Stairwells: 4, ReadyToSign: 1, FewObjectors: 2, Waiting: 1, NotCanvassed: 1, Passed: 1,
		Households: 48, Total: yuan(2340000), Subsidy: yuan(960000), Residents: yuan(1380000)}
	if diff := cmp.Diff(want, got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if got.Rule != "civil-code-2021-major" || !strings.Contains(got.Basis, "第二百七十八条") {
		t.Errorf("rule %q basis %q", got.Rule, got.Basis)
	}
	if rows := got.Rows(); len(rows) != 48 || rows[12].Unit != "2" {
		t.Errorf("Rows: %d rows", len(rows))
	}
}

// The occupied-part veto is what fails unit 3, with its clauses all held.
func TestPlanElevatorsVeto(t *testing.T) {
	got, err := renovation.PlanElevators(context.Background(), planDistrict(), planOptions())
	if err != nil {
		t.Fatal(err)
	}
	tally := got.Plans[2].Tally
	for _, c := range tally.Clauses {
		if !c.Held {
			t.Errorf("clause %s failed", c.Name)
		}
	}
	if len(tally.Vetoes) != 1 || tally.Vetoes[0].ID != "3-0101" || !tally.Vetoes[0].Occupied {
		t.Errorf("vetoes %+v", tally.Vetoes)
	}
	if v := got.Plans[2].Visit[0]; !strings.Contains(v.Why, "须本人同意") {
		t.Errorf("visit why %q", v.Why)
	}
	// Unit 2's shortfall: agreeing owners 7 of 10 participating, 3/4 needs 8.
	for _, c := range got.Plans[1].Tally.Clauses {
		if c.Name == "agreeing owners ≥ 3/4 of participating" && (c.Held || c.Numerator.Value != 7 || c.Denominator.Value != 10 || c.Margin.Value != -1) {
			t.Errorf("clause %s", c.Error())
		}
	}
}

func TestPlanElevatorsErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*renovation.District, *renovation.ElevatorPlanOptions)
		is     error
		msg    string
	}{
		{"no cost", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) { o.Scheme.Total = 0 },
			renovation.ErrNoElevatorCost, "compound 乳山二村 / building 5号楼 / unit 1: no total cost"},
		{"unknown stairwell", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) {
			o.Stairwells[renovation.StairwellKey{"c1", "5", "9"}] = renovation.StairwellInput{}
		},
			renovation.ErrUnknownStairwell, "c1/5/9"},
		{"unknown occupied", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) {
			in := o.Stairwells[renovation.StairwellKey{"c1", "5", "1"}]
			in.Occupied = []string{"0701"}
			o.Stairwells[renovation.StairwellKey{"c1", "5", "1"}] = in
		}, renovation.ErrUnknownHousehold, "unit 1: occupied household \"0701\""},
		{"unknown relief", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) {
			in := o.Stairwells[renovation.StairwellKey{"c1", "5", "2"}]
			in.Relief = map[string]renovation.Relief{"9999": {Waive: true}}
			o.Stairwells[renovation.StairwellKey{"c1", "5", "2"}] = in
		}, renovation.ErrUnknownHousehold, "unit 2: relief for household \"9999\""},
		{"bad override", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) {
			in := o.Stairwells[renovation.StairwellKey{"c1", "5", "3"}]
			in.Scheme = &budget.Scheme{Total: yuan(1), Weighting: budget.Weighting{Method: "by whim"}}
			o.Stairwells[renovation.StairwellKey{"c1", "5", "3"}] = in
		}, budget.ErrScheme, "unit 3: scheme override"},
		{"caps cannot hold", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) {
			r := map[string]renovation.Relief{}
			for _, h := range stairwell12("4").Households {
				r[h.ID] = renovation.Relief{HardshipCap: yuan(1000)}
			}
			o.Stairwells[renovation.StairwellKey{"c1", "5", "4"}] = renovation.StairwellInput{Relief: r}
		}, budget.ErrCapsInfeasible, "unit 4"},
		{"duplicate flat", func(d *renovation.District, _ *renovation.ElevatorPlanOptions) {
			d.Compounds[0].Buildings[0].Units[3].Households[1].ID = "0101"
		}, survey.ErrInvalidPart, "unit 4"},
		{"invalid rule", func(_ *renovation.District, o *renovation.ElevatorPlanOptions) {
			o.Rule = survey.Rule{Name: "x", Clauses: []survey.Clause{{Threshold: survey.Fraction{P: 2, Q: 1}}}}
		},
			survey.ErrInvalidRule, "elevator plans"},
		{"duplicate stairwell", func(d *renovation.District, _ *renovation.ElevatorPlanOptions) {
			d.Compounds[0].Buildings[0].Units[3].ID = "3"
		}, renovation.ErrDuplicateStairwell, "stairwells 3 and 4 are both c1/5/3"},
		{"ballots without roster", func(d *renovation.District, o *renovation.ElevatorPlanOptions) {
			d.Compounds[0].Buildings = append(d.Compounds[0].Buildings, renovation.Building{ID: "6", Storeys: 5})
			o.Stairwells[renovation.StairwellKey{"c1", "6", ""}] = renovation.StairwellInput{Ballots: []survey.Ballot{{Part: "0101", Vote: survey.Agree}}}
		}, renovation.ErrNoRoster, "compound 乳山二村 / building 6: stairwell has no household roster"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, o := planDistrict(), planOptions()
			tc.change(d, &o)
			_, err := renovation.PlanElevators(context.Background(), d, o)
			if !errors.Is(err, tc.is) || !strings.Contains(fmt.Sprint(err), tc.msg) {
				t.Fatalf("error %v; want %v containing %q", err, tc.is, tc.msg)
			}
		})
	}
	// A stairwell error says which stairwell, for errors.As.
	d, o := planDistrict(), planOptions()
	o.Scheme.Total = 0
	_, err := renovation.PlanElevators(context.Background(), d, o)
	var se *renovation.StairwellError
	if !errors.As(err, &se) || se.Key != (renovation.StairwellKey{"c1", "5", "1"}) {
		t.Errorf("errors.As: %v", err)
	}
}

// A building with no roster gets a plan that says so, in group waiting, with no tally or cost.
func TestPlanElevatorsNoRoster(t *testing.T) {
	d, o := planDistrict(), planOptions()
	d.Compounds[0].Buildings = append(d.Compounds[0].Buildings, renovation.Building{ID: "6", Storeys: 5})
	got, err := renovation.PlanElevators(context.Background(), d, o)
	if err != nil {
		t.Fatal(err)
	}
	p := got.Plans[4]
	if p.Tally != nil || p.Cost != nil || p.Group != survey.Waiting || p.Note == "" || len(p.Households) != 0 {
		t.Errorf("plan %+v", p)
	}
	if got.Summary.NoRoster != 1 || got.Summary.Waiting != 2 || got.Summary.Stairwells != 5 {
		t.Errorf("summary %+v", got.Summary)
	}
}

// sampleBallots makes seeded synthetic ballots for every candidate stairwell of d: a fifth of
// the stairwells not canvassed, and in the others each owner agreeing with probability 0.8,
// opposing 0.08, abstaining 0.04, not voting otherwise; half the stairwells vote by flat,
// half by owner. Some households get relief. None of it is real.
func sampleBallots(d *renovation.District, seed uint64) map[renovation.StairwellKey]renovation.StairwellInput {
	rng := rand.New(rand.NewPCG(seed, 2))
	in := map[renovation.StairwellKey]renovation.StairwellInput{}
	for _, c := range renovation.ElevatorCandidates(d) {
		u := d.Compound(c.CompoundID).Building(c.BuildingID).Unit(c.Unit)
		if u == nil || rng.IntN(5) == 0 {
			continue
		}
		byOwner := rng.IntN(2) == 0
		var s renovation.StairwellInput
		for i := range u.Households {
			h := &u.Households[i]
			var v survey.Vote
			switch x := rng.Float64(); {
			case x < 0.8:
				v = survey.Agree
			case x < 0.88:
				v = survey.Oppose
			case x < 0.92:
				v = survey.Abstain
			default:
				continue
			}
			b := survey.Ballot{Part: h.ID, Vote: v}
			if byOwner {
				b = survey.Ballot{Owner: renovation.HouseholdOwner(h), Vote: v}
			}
			s.Ballots = append(s.Ballots, b)
			if rng.IntN(20) == 0 {
				if s.Relief == nil {
					s.Relief = map[string]renovation.Relief{}
				}
				s.Relief[h.ID] = renovation.Relief{ProvidentFund: budget.Money(rng.IntN(3_000_000))}
			}
		}
		if rng.IntN(10) == 0 && len(u.Households) > 0 {
			s.Occupied = []string{u.Households[0].ID}
		}
		in[c.Key()] = s
	}
	return in
}

func samplePlanOptions(t testing.TB) (*renovation.District, renovation.ElevatorPlanOptions) {
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		t.Fatal(err)
	}
	return d, renovation.ElevatorPlanOptions{Scheme: illustrativeScheme(), Stairwells: sampleBallots(d, 1)}
}

func TestPlanElevatorsSample(t *testing.T) {
	d, o := samplePlanOptions(t)
	cands := renovation.ElevatorCandidates(d)
	progress := 0
	o.Progress = func(done, total int) {
		if done != progress+1 || total != len(cands) {
			t.Errorf("progress %d/%d after %d", done, total, progress)
		}
		progress = done
	}
	got, err := renovation.PlanElevators(context.Background(), d, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Plans) != len(cands) || progress != len(cands) {
		t.Fatalf("%d plans, %d progress calls for %d candidates", len(got.Plans), progress, len(cands))
	}
	var sum renovation.ElevatorPlanSummary
	groups := map[survey.Group]int{}
	for i, p := range got.Plans {
		if p.Stairwell != cands[i] {
			t.Fatalf("plan %d is for %+v, candidate %+v", i, p.Stairwell, cands[i])
		}
		groups[p.Group]++
		if p.Group != survey.ReadyToSign && p.Group != survey.FewObjectors && p.Group != survey.Waiting {
			t.Errorf("%s: group %v", p.Stairwell.Key(), p.Group)
		}
		if p.Tally.Passed != (p.Group == survey.ReadyToSign) && p.Canvassed {
			t.Errorf("%s: passed %v, group %v", p.Stairwell.Key(), p.Tally.Passed, p.Group)
		}
		if !p.Canvassed && p.Group != survey.Waiting {
			t.Errorf("%s: not canvassed, group %v", p.Stairwell.Key(), p.Group)
		}
		c := p.Cost
		if c.Subsidy+c.Residents != c.Total || c.Total != yuan(600000) {
			t.Errorf("%s: subsidy %s + residents %s ≠ total %s", p.Stairwell.Key(), c.Subsidy, c.Residents, c.Total)
		}
		var share, paid, recv budget.Money
		for j, r := range p.Households {
			share += r.Share
			paid += r.CompensationPaid
			recv += r.CompensationReceived
			if r.CashDue != r.Share-r.ProvidentFund || r.ProvidentFund > r.Share || r.ProvidentFund < 0 {
				t.Errorf("%s %s: share %s provident fund %s cash due %s", p.Stairwell.Key(), r.Household, r.Share, r.ProvidentFund, r.CashDue)
			}
			if hc := c.Households[j]; hc.Share != r.Share || hc.CashDue != r.CashDue || hc.Household != r.Household {
				t.Errorf("%s: row %d and cost disagree", p.Stairwell.Key(), j)
			}
		}
		if share != c.Residents || paid != recv || paid != c.CompensationPool {
			t.Errorf("%s: shares %s of residents %s; compensation %s paid, %s received", p.Stairwell.Key(), share, c.Residents, paid, recv)
		}
		if len(p.Households) != cands[i].Households {
			t.Errorf("%s: %d rows for %d households", p.Stairwell.Key(), len(p.Households), cands[i].Households)
		}
		sum.Stairwells++
		switch p.Group {
		case survey.ReadyToSign:
			sum.ReadyToSign++
		case survey.FewObjectors:
			sum.FewObjectors++
		case survey.Waiting:
			sum.Waiting++
		}
		if !p.Canvassed {
			sum.NotCanvassed++
		}
		if p.Tally.Passed {
			sum.Passed++
		}
		sum.Households += len(p.Households)
		sum.Total += c.Total
		sum.Subsidy += c.Subsidy
		sum.Residents += c.Residents
	}
	if diff := cmp.Diff(sum, got.Summary); diff != "" {
		t.Errorf("summary (-recount +got):\n%s", diff)
	}
	s := got.Summary
	if s.ReadyToSign+s.FewObjectors+s.Waiting != s.Stairwells || groups[survey.ReadyToSign] != s.ReadyToSign || groups[survey.Waiting] != s.Waiting {
		t.Errorf("groups %v do not partition %d stairwells: %+v", groups, s.Stairwells, s)
	}
	// The seeded canvass gives every group, so the invariants above were tested on each.
	if s.ReadyToSign == 0 || s.FewObjectors == 0 || s.Waiting <= s.NotCanvassed || s.NotCanvassed == 0 {
		t.Errorf("summary %+v lacks a group", s)
	}
}

func TestPlanElevatorsCancel(t *testing.T) {
	d, o := samplePlanOptions(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	o.Progress = func(done, _ int) {
		calls = done
		if done == 3 {
			cancel()
		}
	}
	got, err := renovation.PlanElevators(ctx, d, o)
	if !errors.Is(err, context.Canceled) || got != nil || calls != 3 {
		t.Errorf("got %v, %v after %d stairwells; want context.Canceled after 3", got != nil, err, calls)
	}
}

func TestPlanElevatorsConcurrent(t *testing.T) {
	d, o := samplePlanOptions(t)
	first, err := renovation.PlanElevators(context.Background(), d, o)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(first)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for g := range errs {
		wg.Go(func() {
			p, err := renovation.PlanElevators(context.Background(), d, o)
			if err != nil {
				errs[g] = err
				return
			}
			b, err := json.Marshal(p)
			if err == nil && string(b) != string(want) {
				err = fmt.Errorf("goroutine %d: result differs", g)
			}
			errs[g] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
}

func TestElevatorPlanRowRecord(t *testing.T) {
	r := renovation.ElevatorPlanRow{Compound: "乳山二村", Building: "5号楼", Unit: "1", Household: "0501", Floor: 5, Area: 7500,
		Owner: "1-0501", Vote: survey.Agree, Share: yuan(50400), ProvidentFund: yuan(20000), CashDue: yuan(30400), Explanation: "…"}
	want := []string{"乳山二村", "5号楼", "1", "0501", "5", "75.00", "1-0501", "agree", "5040000", "0", "0", "2000000", "3040000", "…"}
	if diff := cmp.Diff(want, r.Record()); diff != "" {
		t.Errorf("Record (-want +got):\n%s", diff)
	}
	if len(renovation.ElevatorPlanHeader()) != len(want) {
		t.Errorf("header has %d columns", len(renovation.ElevatorPlanHeader()))
	}
}
