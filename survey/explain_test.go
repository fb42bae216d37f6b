package survey

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteReport(t *testing.T) {
	rows := cat(repeat(9, "75.00", Agree), []row{{id: "X1", area: "75.00", vote: Oppose}}, repeat(2, "75.00", NoVote))
	p := pollOf(t, rows...)
	p.Ballots = append(p.Ballots, Ballot{Owner: "nobody", Vote: Agree, Ref: "row 99"})
	p.Objections = []Objection{{By: "2号楼101", Reason: "采光"}}
	bj := preset(t, "beijing-2020-elevator")
	res, err := Tally(p, bj)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.WriteReport(&b, bj); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"表决结果 Result: 未通过 / NOT PASSED",
		"  [✓] 同意面积占总面积 ≥ 2/3 | agreeing area ≥ 2/3 of all",
		"      675.00 平方米 / 900.00 平方米；至少 at least 600.00 平方米；余量 margin 75.00 平方米",
		"未解决的异议（本规则要求全部解决）Unresolved objections (this rule requires none):",
		"  2号楼101: 采光",
		"  OX1: voted oppose (反对)",
		"未计入的表决票 Ballots not counted (1):",
		`  row 99: owner "nobody" holds no part in scope`,
		"票数已够，但 The counts suffice, but: resolve 2 objection(s), by 2号楼101, OX1 (the rule allows no unresolved objection)",
	} {
		if !strings.Contains(b.String(), want+"\n") {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	if got := res.Summary(); got != "beijing-2020-elevator: NOT PASSED; resolve 2 objection(s), by 2号楼101, OX1 (the rule allows no unresolved objection)" {
		t.Errorf("Summary = %q", got)
	}

	// An impossible rule and an empty base.
	strict := Rule{Name: "all-strictly", Clauses: []Clause{{Counts: Agreeing, Measure: ByHeadcount, Base: OfParticipating, Threshold: Fraction{1, 1}}}}
	res, _ = Tally(pollOf(t, row{area: "50.00"}), strict)
	b.Reset()
	res.WriteReport(&b, Rule{})
	for _, want := range []string{
		"      0 人 / 0 人；基数为零，不能成立 empty base, cannot hold; at least 1 人；差 short 1 人",
		`无法通过 Cannot pass: cannot pass even if every owner agreed: clause "agreeing owners > 1/1 of participating": 1 owner of 1 owner, 1 owner short`,
	} {
		if !strings.Contains(b.String(), want+"\n") {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
