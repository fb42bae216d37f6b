package survey

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// row is a test part with its vote: one part per row, owner defaults to "O"+id.
type row struct {
	id, owner, area string
	st              Status
	vote            Vote
	occ             bool
}

func mustArea(t testing.TB, s string) Area {
	t.Helper()
	a, err := ParseArea(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// pollOf builds a poll with one ballot per row that has a vote, naming the part.
func pollOf(t testing.TB, rows ...row) Poll {
	t.Helper()
	var p Poll
	for i, r := range rows {
		if r.id == "" {
			r.id = fmt.Sprintf("P%02d", i+1)
		}
		if r.owner == "" && r.st == Sold {
			r.owner = "O" + r.id
		}
		p.Parts = append(p.Parts, Part{ID: r.id, Owner: r.owner, Area: mustArea(t, r.area), Status: r.st, Occupied: r.occ})
		if r.vote != NoVote {
			p.Ballots = append(p.Ballots, Ballot{Part: r.id, Vote: r.vote, Ref: fmt.Sprintf("row %d", i+2)})
		}
	}
	return p
}

func preset(t testing.TB, name string) Rule {
	t.Helper()
	r, err := Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// repeat returns n rows of the given area and vote.
func repeat(n int, area string, v Vote) []row {
	out := make([]row, n)
	for i := range out {
		out[i] = row{area: area, vote: v}
	}
	return out
}

func cat(groups ...[]row) []row { return slices.Concat(groups...) }

type clauseSummary struct {
	Held   bool
	Margin string
}

func summarise(res Result) []clauseSummary {
	var out []clauseSummary
	for _, c := range res.Clauses {
		out = append(out, clauseSummary{c.Held, Quantity{c.Measure, c.Margin.Value}.String()})
	}
	return out
}

// TestTallyBoundaries runs whole polls exactly at and one unit either side of 2/3 (quorum),
// 3/4 (items 6–8) and 1/2 (other items), by area and by headcount.
func TestTallyBoundaries(t *testing.T) {
	major := preset(t, "civil-code-2021-major")
	ordinary := preset(t, "civil-code-2021-ordinary")
	tests := []struct {
		name   string
		rule   Rule
		rows   []row
		passed bool
		want   []clauseSummary // quorum area, quorum owners, agree area, agree owners
	}{
		{
			// 12 owners, 900.00 m²: 8 take part (600.00, exactly 2/3), 6 agree (450.00, exactly 3/4).
			"all four exactly at the boundary", major,
			cat(repeat(6, "75.00", Agree), repeat(2, "75.00", Oppose), repeat(4, "75.00", NoVote)),
			true,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {true, "0.00 m²"}, {true, "0 owners"}},
		},
		{
			"quorum area 0.01 m² short", major,
			cat(repeat(6, "75.00", Agree), []row{{area: "74.99", vote: Oppose}, {area: "75.00", vote: Oppose}}, repeat(3, "75.00", NoVote), []row{{area: "75.01"}}),
			false,
			[]clauseSummary{{false, "-0.01 m²"}, {true, "0 owners"}, {true, "0.00 m²"}, {true, "0 owners"}},
		},
		{
			// 449.99 of 599.99 participating: 3/4 is 449.9925, so 449.99 is short.
			"quorum and agreement area both 0.01 m² short", major,
			cat(repeat(5, "75.00", Agree), []row{{area: "74.99", vote: Agree}}, repeat(2, "75.00", Oppose), repeat(3, "75.00", NoVote), []row{{area: "75.01"}}),
			false,
			[]clauseSummary{{false, "-0.01 m²"}, {true, "0 owners"}, {false, "-0.01 m²"}, {true, "0 owners"}},
		},
		{
			"quorum area 0.01 m² over", major,
			cat(repeat(5, "75.00", Agree), []row{{area: "75.01", vote: Agree}}, repeat(2, "75.00", Oppose), repeat(3, "75.00", NoVote), []row{{area: "74.99"}}),
			true,
			[]clauseSummary{{true, "0.01 m²"}, {true, "0 owners"}, {true, "0.00 m²"}, {true, "0 owners"}},
		},
		{
			// 7 of 12 take part; area kept at 600.00 by giving them larger parts.
			"quorum headcount one short", major,
			cat(repeat(6, "80.00", Agree), []row{{area: "120.00", vote: Abstain}}, repeat(5, "60.00", NoVote)),
			false,
			[]clauseSummary{{true, "0.00 m²"}, {false, "-1 owner"}, {true, "30.00 m²"}, {true, "0 owners"}},
		},
		{
			"agreement area 0.01 m² short of 3/4", major,
			cat(repeat(5, "75.00", Agree), []row{{area: "74.99", vote: Agree}}, []row{{area: "75.01", vote: Oppose}}, repeat(1, "75.00", Oppose), repeat(4, "75.00", NoVote)),
			false,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {false, "-0.01 m²"}, {true, "0 owners"}},
		},
		{
			"agreement headcount one short of 3/4", major,
			cat(repeat(5, "90.00", Agree), repeat(3, "50.00", Oppose), repeat(4, "75.00", NoVote)),
			false,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {true, "0.00 m²"}, {false, "-1 owner"}},
		},
		{
			"agreement headcount one over 3/4", major,
			cat(repeat(7, "64.29", Agree), []row{{area: "149.97", vote: Oppose}}, repeat(4, "75.00", NoVote)),
			true,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {true, "0.03 m²"}, {true, "1 owner"}},
		},
		{
			// exactly half agrees: 过半数 is strict, so it fails on both measures.
			"exactly half fails", ordinary,
			cat(repeat(4, "75.00", Agree), repeat(4, "75.00", Oppose), repeat(4, "75.00", NoVote)),
			false,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {false, "-0.01 m²"}, {false, "-1 owner"}},
		},
		{
			"one more than half passes", ordinary,
			cat(repeat(5, "75.00", Agree), repeat(3, "75.00", Oppose), repeat(4, "75.00", NoVote)),
			true,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {true, "74.99 m²"}, {true, "0 owners"}},
		},
		{
			"half the area exactly fails", ordinary,
			cat([]row{{area: "100.00", vote: Agree}}, repeat(4, "50.00", Agree), []row{{area: "200.00", vote: Oppose}}, repeat(2, "50.00", Oppose), repeat(4, "75.00", NoVote)),
			false,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {false, "-0.01 m²"}, {true, "0 owners"}},
		},
		{
			"half the area plus 0.01 m² passes", ordinary,
			cat([]row{{area: "100.01", vote: Agree}}, repeat(4, "50.00", Agree), []row{{area: "199.99", vote: Oppose}}, repeat(2, "50.00", Oppose), repeat(4, "75.00", NoVote)),
			true,
			[]clauseSummary{{true, "0.00 m²"}, {true, "0 owners"}, {true, "0.00 m²"}, {true, "0 owners"}},
		},
	}
	for _, tc := range tests {
		res, err := Tally(pollOf(t, tc.rows...), tc.rule)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if res.Passed != tc.passed {
			t.Errorf("%s: passed = %v, want %v", tc.name, res.Passed, tc.passed)
		}
		if diff := cmp.Diff(tc.want, summarise(res)); diff != "" {
			t.Errorf("%s: clauses (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestHeadcountMerges checks SPC interpretation Art. 9: one part one person, the developer's
// unsold and undelivered parts together one person, an owner of several parts once; area
// sums over all parts.
func TestHeadcountMerges(t *testing.T) {
	p := Poll{Parts: []Part{
		{ID: "101", Owner: "张三", Area: 8000},
		{ID: "102", Owner: "张三", Area: 6000}, // second part of 张三
		{ID: "201", Owner: "李四", Area: 9000},
		{ID: "202", Owner: "", Area: 7000, Status: Unsold},
		{ID: "301", Owner: "王五", Area: 7500, Status: Undelivered}, // bought, not delivered: with the developer
		{ID: "302", Owner: "王五", Area: 7500},                      // 王五's delivered part counts under 王五
		{ID: "401", Owner: "赵六", Area: 5000, Status: Unsold},
	}}
	owners, problems, err := p.Owners()
	if err != nil {
		t.Fatal(err)
	}
	want := []OwnerTally{ // sorted by ID, byte order
		{ID: "建设单位", Parts: 3, Area: 19500},
		{ID: "张三", Parts: 2, Area: 14000},
		{ID: "李四", Parts: 1, Area: 9000},
		{ID: "王五", Parts: 1, Area: 7500},
	}
	if diff := cmp.Diff(want, owners); diff != "" {
		t.Errorf("owners (-want +got):\n%s", diff)
	}
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	res, err := Tally(p, preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != (Count{Owners: 4, Area: 50000}) || res.Parts != 7 {
		t.Errorf("total = %+v, parts %d", res.Total, res.Parts)
	}
}

func TestBallotProblems(t *testing.T) {
	p := Poll{
		Parts: []Part{
			{ID: "101", Owner: "张三", Area: 8000},
			{ID: "102", Owner: "张三", Area: 6000},
			{ID: "201", Owner: "李四", Area: 9000},
			{ID: "301", Owner: "王五", Area: 7500, Status: Undelivered},
			{ID: "401", Owner: "赵六", Area: 7000},
			{ID: "501", Owner: "钱七", Area: 7000},
		},
		Ballots: []Ballot{
			{Part: "101", Vote: Agree, Ref: "row 2"},
			{Part: "102", Vote: Oppose, Ref: "row 3"}, // conflicts with row 2
			{Owner: "李四", Vote: Agree, Ref: "row 4"},
			{Owner: "李四", Vote: Agree, Ref: "row 5"}, // same vote twice: counts once, no problem
			{Owner: "王五", Vote: Agree, Ref: "row 6"}, // only an undelivered part
			{Owner: "孙八", Vote: Agree, Ref: "row 7"}, // not in scope
			{Part: "999", Vote: Agree, Ref: "row 8"},
			{Part: "401", Owner: "李四", Vote: Agree, Ref: "row 9"},
			{Vote: Agree, Ref: "row 10"},
			{Part: "501", Vote: 9, Ref: "row 11"},
			{Part: "301", Owner: "王五", Vote: Agree, Ref: "row 12"},
			{Owner: DeveloperBloc, Vote: Abstain, Ref: "row 13"}, // the developer votes for its bloc
		},
	}
	res, err := Tally(p, preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	type pk struct {
		Kind  ProblemKind
		Ref   string
		Owner string
	}
	var got []pk
	for _, pr := range res.Problems {
		got = append(got, pk{pr.Kind, pr.Ref, pr.Owner})
		if !errors.Is(pr, ErrInvalidBallot) || !strings.HasPrefix(pr.Error(), pr.Ref+": ") {
			t.Errorf("problem %v: Error() = %q", pr, pr.Error())
		}
	}
	want := []pk{
		{ProblemConflict, "row 2", "张三"},
		{ProblemNotCounted, "row 6", "王五"},
		{ProblemUnknownOwner, "row 7", "孙八"},
		{ProblemUnknownPart, "row 8", ""},
		{ProblemMismatch, "row 9", "李四"},
		{ProblemNoIdentity, "row 10", ""},
		{ProblemInvalidVote, "row 11", ""},
		{ProblemNotCounted, "row 12", "王五"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if d := res.Problems[0].Detail; d != `owner "张三" cast different votes: agree (row 2), oppose (row 3); none is counted` {
		t.Errorf("conflict detail = %q", d)
	}
	// 李四 agrees; 建设单位 abstains; 张三's votes conflict: not participating.
	if res.Agreeing != (Count{1, 9000}) || res.Participating != (Count{2, 16500}) {
		t.Errorf("agreeing %+v participating %+v", res.Agreeing, res.Participating)
	}
}

func TestPartErrors(t *testing.T) {
	p := Poll{Parts: []Part{
		{ID: "1", Owner: "a", Area: 100},
		{ID: "", Owner: "a", Area: 100},
		{ID: "3", Owner: "a", Area: 0},
		{ID: "1", Owner: "b", Area: 100},
		{ID: "5", Owner: "", Area: 100},
		{ID: "6", Owner: "", Area: 100, Status: Unsold}, // fine: the developer's
		{ID: "7", Owner: "x", Area: 100, Status: 8},
	}}
	_, err := Tally(p, preset(t, "civil-code-2021-major"))
	if !errors.Is(err, ErrInvalidPart) {
		t.Fatalf("err = %v", err)
	}
	want := `part 2 (""): id is empty
part 3 ("3"): area 0.00 m² is not positive
part 4 ("1"): duplicate of part 1
part 5 ("5"): owner is empty for a sold part
part 7 ("7"): status 8 is not sold, unsold or undelivered`
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	var pe *PartError
	if !errors.As(err, &pe) || pe.Index != 1 {
		t.Errorf("errors.As: %v", pe)
	}
	// The same checks on a poll large enough to be counted in two goroutines.
	big := Poll{Parts: make([]Part, parallelParts+10)}
	for i := range big.Parts {
		big.Parts[i] = Part{ID: fmt.Sprint(i), Owner: fmt.Sprint(i % 1000), Area: 7000}
	}
	big.Parts[parallelParts].ID = "17"
	big.Parts[5].Area = -1
	_, err = Tally(big, preset(t, "civil-code-2021-major"))
	want = fmt.Sprintf("part 6 (\"5\"): area -0.01 m² is not positive\npart %d (\"17\"): duplicate of part 18", parallelParts+1)
	if err == nil || err.Error() != want {
		t.Errorf("large poll: %v\nwant %s", err, want)
	}
	if _, err := Tally(Poll{Parts: []Part{{ID: "1", Owner: "a", Area: 1}}}, Rule{}); !errors.Is(err, ErrInvalidRule) {
		t.Errorf("empty rule: %v", err)
	}
}

// TestLargestInputs checks the overflow guard and exactness at the largest totals accepted.
func TestLargestInputs(t *testing.T) {
	half := MaxTotalArea / 2
	p := Poll{
		Parts: []Part{{ID: "1", Owner: "a", Area: half}, {ID: "2", Owner: "b", Area: half}},
		Ballots: []Ballot{
			{Owner: "a", Vote: Agree}, {Owner: "b", Vote: Agree},
		},
	}
	res, err := Tally(p, preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Passed || res.Total.Area != MaxTotalArea {
		t.Errorf("passed %v total %v", res.Passed, res.Total.Area)
	}
	// 3/4 of the largest total, one unit short: agree = 3/4·T − 1 against T participating.
	p.Parts = []Part{{ID: "1", Owner: "a", Area: MaxTotalArea/4*3 - 1}, {ID: "2", Owner: "b", Area: MaxTotalArea/4 + 1}}
	p.Ballots[1].Vote = Oppose
	res, err = Tally(p, preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Passed || res.Clauses[2].Held || res.Clauses[2].Margin.Value != -1 {
		t.Errorf("agree area clause: %+v", res.Clauses[2])
	}
	p.Parts = append(p.Parts, Part{ID: "3", Owner: "c", Area: 1})
	if _, err := Tally(p, preset(t, "civil-code-2021-major")); !errors.Is(err, ErrOverflow) {
		t.Errorf("over MaxTotalArea: %v", err)
	}
}

func TestOccupiedVeto(t *testing.T) {
	rows := cat(repeat(11, "75.00", Agree), []row{{area: "75.00", vote: Oppose, occ: true, owner: "一楼业主"}})
	res, err := Tally(pollOf(t, rows...), preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Clauses {
		if !c.Held {
			t.Errorf("clause %s failed", c.Name)
		}
	}
	if res.Passed {
		t.Error("passed although the occupied part's owner opposes")
	}
	if len(res.Vetoes) != 1 || res.Vetoes[0].ID != "一楼业主" {
		t.Errorf("vetoes = %+v", res.Vetoes)
	}
	if diff := cmp.Diff([]string{"一楼业主"}, res.Needed.OwnerIDs); diff != "" {
		t.Errorf("needed (-want +got):\n%s", diff)
	}
	// Once that owner agrees, it passes.
	rows[11].vote = Agree
	res, _ = Tally(pollOf(t, rows...), preset(t, "civil-code-2021-major"))
	if !res.Passed || len(res.Vetoes) != 0 {
		t.Errorf("passed %v vetoes %v", res.Passed, res.Vetoes)
	}
}

func TestObjections(t *testing.T) {
	// Beijing 2020: double 2/3 agree and no unresolved objection. 10 of 12 agree, 2 oppose.
	rows := cat(repeat(10, "75.00", Agree), []row{{id: "X1", area: "75.00", vote: Oppose}, {id: "X2", area: "75.00", vote: Oppose}})
	p := pollOf(t, rows...)
	bj := preset(t, "beijing-2020-elevator")
	res, err := Tally(p, bj)
	if err != nil {
		t.Fatal(err)
	}
	if res.Passed || len(res.Objections) != 2 {
		t.Fatalf("passed %v objections %+v", res.Passed, res.Objections)
	}
	if res.Needed.Owners != 0 || !strings.Contains(res.Needed.Reason, "resolve 2 objection(s), by OX1, OX2") {
		t.Errorf("needed = %+v", res.Needed)
	}
	// One compensated, one mediated; an outside neighbour objects and is unresolved.
	p.Objections = []Objection{
		{By: "OX1", Resolution: Compensated, Proof: "补偿协议 2024-03"},
		{By: "OX2", Resolution: Mediated, Proof: "居委会调解书"},
		{By: "2号楼101", Reason: "采光", Resolution: Unresolved},
	}
	res, _ = Tally(p, bj)
	if res.Passed || len(res.Objections) != 1 || res.Objections[0].By != "2号楼101" {
		t.Errorf("passed %v objections %+v", res.Passed, res.Objections)
	}
	p.Objections[2].Resolution = Withdrawn
	res, _ = Tally(p, bj)
	if !res.Passed || len(res.Objections) != 0 {
		t.Errorf("passed %v objections %+v", res.Passed, res.Objections)
	}
	// 7 agree, 3 oppose (X1 120.00 m², the largest), 2 did not vote: 2/3 of all (596.67 of
	// 895.00 m²) needs one more owner and 71.67 m², which only X1 brings. Converting X1 also
	// withdraws X1's objection, leaving two to resolve.
	q := pollOf(t, cat(repeat(7, "75.00", Agree), []row{
		{id: "X1", area: "120.00", vote: Oppose}, {id: "X2", area: "75.00", vote: Oppose}, {id: "X3", area: "75.00", vote: Oppose},
	}, repeat(2, "50.00", NoVote))...)
	res, _ = Tally(q, bj)
	if diff := cmp.Diff([]string{"OX1"}, res.Needed.OwnerIDs); diff != "" {
		t.Errorf("needed (-want +got):\n%s", diff)
	}
	if want := "also resolve 2 objection(s), by OX2, OX3 (the rule allows no unresolved objection)"; res.Needed.Reason != want {
		t.Errorf("reason = %q, want %q", res.Needed.Reason, want)
	}

	// The Civil Code rule reports objections but does not decide on them.
	p.Objections[2].Resolution = Unresolved
	res, _ = Tally(p, preset(t, "civil-code-2021-major"))
	if !res.Passed || len(res.Objections) != 1 {
		t.Errorf("civil code: passed %v objections %+v", res.Passed, res.Objections)
	}
}

// TestRowOrder checks that the result does not depend on the order of parts and ballots.
func TestRowOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	rules := Presets()
	for iter := range 300 {
		p := randomPoll(rng, 1+rng.IntN(20))
		r := rules[iter%len(rules)]
		want, err := Tally(p, r)
		if err != nil {
			t.Fatal(err)
		}
		q := Poll{Parts: slices.Clone(p.Parts), Ballots: slices.Clone(p.Ballots), Objections: p.Objections}
		rng.Shuffle(len(q.Parts), func(i, j int) { q.Parts[i], q.Parts[j] = q.Parts[j], q.Parts[i] })
		rng.Shuffle(len(q.Ballots), func(i, j int) { q.Ballots[i], q.Ballots[j] = q.Ballots[j], q.Ballots[i] })
		got, err := Tally(q, r)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Problems")); diff != "" {
			t.Fatalf("iteration %d: shuffled result differs (-want +got):\n%s", iter, diff)
		}
		if len(want.Problems) != len(got.Problems) {
			t.Fatalf("iteration %d: %d problems, shuffled %d", iter, len(want.Problems), len(got.Problems))
		}
	}
}

// randomPoll makes n owners with 1–3 parts each (some the developer's), random areas and
// random votes (some conflicting), some occupied parts.
func randomPoll(rng *rand.Rand, n int) Poll {
	var p Poll
	for i := range n {
		owner := fmt.Sprintf("O%02d", i)
		parts := 1
		if rng.IntN(5) == 0 {
			parts = 2 + rng.IntN(2)
		}
		for j := range parts {
			st := Sold
			if rng.IntN(10) == 0 {
				st = Status(1 + rng.IntN(2))
			}
			p.Parts = append(p.Parts, Part{
				ID: fmt.Sprintf("%s-%d", owner, j), Owner: owner, Status: st,
				Area: Area(3000 + rng.IntN(12000)), Occupied: rng.IntN(25) == 0,
			})
		}
		v := Vote(rng.IntN(4))
		if v != NoVote {
			p.Ballots = append(p.Ballots, Ballot{Owner: owner, Vote: v})
			if rng.IntN(30) == 0 {
				p.Ballots = append(p.Ballots, Ballot{Owner: owner, Vote: Vote(1 + rng.IntN(3))})
			}
		}
	}
	if rng.IntN(3) == 0 {
		p.Ballots = append(p.Ballots, Ballot{Owner: DeveloperBloc, Vote: Vote(1 + rng.IntN(3))})
	}
	return p
}

// withVote returns p with owner id's ballots replaced by one vote v (NoVote removes them).
func withVote(p Poll, id string, v Vote) Poll {
	q := Poll{Parts: p.Parts, Objections: p.Objections}
	for _, b := range p.Ballots {
		if b.Owner != id {
			q.Ballots = append(q.Ballots, b)
		}
	}
	if v != NoVote {
		q.Ballots = append(q.Ballots, Ballot{Owner: id, Vote: v})
	}
	return q
}

// TestMonotonicity: under the 2021 rules a non-voter who comes to agree never turns a pass
// into a fail (property test); an abstainer can turn a fail into a pass and a pass into a fail
// (explicit examples).
func TestMonotonicity(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, name := range []string{"civil-code-2021-major", "civil-code-2021-ordinary", "wuhan-2024-elevator", "shanghai-2021-elevator"} {
		r := preset(t, name)
		passes := 0
		for range 2000 {
			p := randomPoll(rng, 1+rng.IntN(12))
			before, err := Tally(p, r)
			if err != nil {
				t.Fatal(err)
			}
			if !before.Passed {
				continue
			}
			passes++
			owners, _, _ := p.Owners()
			for _, o := range owners {
				if o.Vote != NoVote {
					continue
				}
				after, err := Tally(withVote(p, o.ID, Agree), r)
				if err != nil {
					t.Fatal(err)
				}
				if !after.Passed {
					t.Fatalf("%s: non-voter %s agreeing turned a pass into a fail", name, o.ID)
				}
			}
		}
		if passes < 20 {
			t.Errorf("%s: only %d passing polls generated; the property was hardly tested", name, passes)
		}
	}

	major := preset(t, "civil-code-2021-major")
	// Fail → pass: 7 of 12 take part (quorum missed), 6 agree. One more abstains: 8 take part,
	// 6 of 8 = 3/4 agree.
	failing := pollOf(t, cat(repeat(6, "75.00", Agree), repeat(1, "75.00", Oppose), repeat(5, "75.00", NoVote))...)
	if res, _ := Tally(failing, major); res.Passed {
		t.Fatal("7 of 12 taking part should miss the quorum")
	}
	if res, _ := Tally(withVote(failing, "OP12", Abstain), major); !res.Passed {
		t.Error("an abstainer completing the quorum should turn the fail into a pass")
	}
	// Pass → fail: 8 of 12 take part, 6 agree (exactly 3/4). One more abstains: 6 of 9 < 3/4.
	passing := pollOf(t, cat(repeat(6, "75.00", Agree), repeat(2, "75.00", Oppose), repeat(4, "75.00", NoVote))...)
	if res, _ := Tally(passing, major); !res.Passed {
		t.Fatal("6 of 8 agreeing should pass")
	}
	res, _ := Tally(withVote(passing, "OP12", Abstain), major)
	if res.Passed || res.Clauses[3].Held {
		t.Error("an abstainer raising the participating headcount should turn the pass into a fail")
	}
}

// TestNeededBruteForce compares Needed with the smallest passing subset found by trying every
// subset of the owners who have not agreed, on small random polls under every preset.
func TestNeededBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	rules := Presets()
	rules = append(rules, Rule{Name: "unanimity-strict", Clauses: []Clause{{Counts: Agreeing, Measure: ByHeadcount, Base: OfAll, Threshold: Fraction{1, 1}}}})
	checked, impossible := 0, 0
	for iter := range 1500 {
		p := randomPoll(rng, 1+rng.IntN(10))
		r := rules[iter%len(rules)]
		res, err := Tally(p, r)
		if err != nil {
			t.Fatal(err)
		}
		if res.Passed {
			if res.Needed.Owners != 0 || !res.Needed.Possible {
				t.Fatalf("passed but needed = %+v", res.Needed)
			}
			continue
		}
		owners, _, _ := p.Owners()
		var cand []string
		for _, o := range owners {
			if o.Vote != Agree {
				cand = append(cand, o.ID)
			}
		}
		best := -1
		for mask := 0; mask < 1<<len(cand); mask++ {
			k := popcount(mask)
			if best >= 0 && k >= best {
				continue
			}
			q := p
			for i, id := range cand {
				if mask&(1<<i) != 0 {
					q = withVote(q, id, Agree)
				}
			}
			if passesIgnoringObjections(t, q, r) {
				best = k
			}
		}
		checked++
		if best < 0 {
			impossible++
			if res.Needed.Possible {
				t.Fatalf("iteration %d (%s): brute force finds no passing set, Needed = %+v", iter, r.Name, res.Needed)
			}
			continue
		}
		if !res.Needed.Possible || res.Needed.Owners != best {
			t.Fatalf("iteration %d (%s): Needed = %+v, brute force minimum %d\npoll %+v", iter, r.Name, res.Needed, best, p)
		}
		q := p
		for _, id := range res.Needed.OwnerIDs {
			q = withVote(q, id, Agree)
		}
		if !passesIgnoringObjections(t, q, r) {
			t.Fatalf("iteration %d (%s): Needed owners %v do not pass", iter, r.Name, res.Needed.OwnerIDs)
		}
		for i := 1; i < len(res.Needed.Convert); i++ {
			if res.Needed.Convert[i-1].Area < res.Needed.Convert[i].Area {
				t.Fatalf("Needed not largest area first: %+v", res.Needed.Convert)
			}
		}
	}
	if checked < 500 || impossible == 0 {
		t.Errorf("checked %d failing polls, %d impossible: too few to trust", checked, impossible)
	}
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func passesIgnoringObjections(t *testing.T, p Poll, r Rule) bool {
	t.Helper()
	res, err := Tally(p, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Vetoes) > 0 {
		return false
	}
	for _, c := range res.Clauses {
		if !c.Held {
			return false
		}
	}
	return true
}

func TestNeededImpossible(t *testing.T) {
	res, err := Tally(Poll{}, preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Passed || res.Needed.Possible || res.Needed.Reason != "no part in scope: nobody can decide" {
		t.Errorf("empty scope: %+v", res.Needed)
	}
	strict := Rule{Name: "all-strictly", Clauses: []Clause{{Counts: Agreeing, Measure: ByArea, Base: OfAll, Threshold: Fraction{1, 1}}}}
	res, _ = Tally(pollOf(t, row{area: "50.00", vote: Agree}, row{area: "60.00"}), strict)
	want := `cannot pass even if every owner agreed: clause "agreeing area > 1/1 of all": 110.00 m² of 110.00 m², 0.01 m² short`
	if res.Needed.Possible || res.Needed.Reason != want {
		t.Errorf("needed = %+v", res.Needed)
	}
}

// TestNeededPrefersLargeAreas: when area binds, the largest non-agreeing parts are named.
func TestNeededPrefersLargeAreas(t *testing.T) {
	rows := cat(repeat(8, "60.00", Agree), []row{
		{id: "S1", area: "40.00", vote: Oppose}, {id: "B1", area: "130.00", vote: Oppose},
		{id: "S2", area: "40.00", vote: Abstain}, {id: "B2", area: "125.00", vote: Abstain},
	})
	res, err := Tally(pollOf(t, rows...), preset(t, "civil-code-2021-major"))
	if err != nil {
		t.Fatal(err)
	}
	// 12 owners take part, 815.00 m²; 8 agree with 480.00 m². 3/4 of 815 = 611.25: the two
	// largest (130 + 125) are needed, though by headcount one would do.
	if res.Passed || res.Needed.Owners != 2 {
		t.Fatalf("passed %v needed %+v", res.Passed, res.Needed)
	}
	if diff := cmp.Diff([]string{"OB1", "OB2"}, res.Needed.OwnerIDs); diff != "" {
		t.Errorf("owner_ids (-want +got):\n%s", diff)
	}
}
