package survey

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteReport writes a readable account of the result in Chinese and English, each line in
// both languages: the outcome and its legal basis, the counts, every clause with its numbers
// and margin, the occupied parts whose owners have not agreed, unresolved objections, ballots
// not counted, and what it would take to pass. r is the rule the result was tallied under
// (for its titles; a zero Rule omits them). It returns the first write error.
func (res Result) WriteReport(w io.Writer, r Rule) error {
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format+"\n", a...) }

	outcome := "未通过 / NOT PASSED"
	if res.Passed {
		outcome = "通过 / PASSED"
	}
	p("表决结果 Result: %s", outcome)
	p("规则 Rule: %s", res.Rule)
	if r.TitleZh != "" {
		p("  %s", r.TitleZh)
	}
	if r.Title != "" {
		p("  %s", r.Title)
	}
	p("  依据 Basis: %s", res.Basis)
	if r.Scope != "" {
		p("  表决范围 Scope: %s", r.Scope)
	}
	if r.Notes != "" {
		p("  说明 Notes: %s", r.Notes)
	}
	p("")
	p("计数 Counts (SPC interpretation Arts. 8–9; %d 个专有部分 exclusive parts):", res.Parts)
	for _, row := range []struct {
		label string
		c     Count
	}{
		{"全体 all", res.Total},
		{"参与表决 participating", res.Participating},
		{"同意 agreeing", res.Agreeing},
		{"反对 opposing", res.Opposing},
		{"弃权 abstaining", res.Abstaining},
		{"未表决 not voting", res.NotVoting},
	} {
		p("  %s %6d 人 owners  %12s 平方米 m²", pad(row.label, 24), row.c.Owners, row.c.Area)
	}
	p("")
	p("条款 Clauses (all must hold 须全部满足):")
	for _, c := range res.Clauses {
		mark := "✗"
		if c.Held {
			mark = "✓"
		}
		p("  [%s] %s | %s", mark, c.Clause.LabelZh(), c.Name)
		need := "至少 at least"
		if c.Denominator.Value == 0 {
			need = "基数为零，不能成立 empty base, cannot hold; at least"
		}
		if c.Held {
			p("      %s / %s；%s %s；余量 margin %s", c.Numerator.zh(), c.Denominator.zh(), need, c.Required.zh(), c.Margin.zh())
		} else {
			p("      %s / %s；%s %s；差 short %s", c.Numerator.zh(), c.Denominator.zh(), need, c.Required.zh(), Quantity{c.Measure, -c.Margin.Value}.zh())
		}
	}
	if len(res.Vetoes) > 0 {
		p("")
		p("占用专有部分的业主须本人同意 Owners of occupied parts must each agree:")
		for _, o := range res.Vetoes {
			p("  ✗ %s (%s 平方米 m²): %s / %s", o.ID, o.Area, o.Vote.Chinese(), voteEnglish(o.Vote))
		}
	}
	if len(res.Objections) > 0 {
		p("")
		if r.NoUnresolvedObjection {
			p("未解决的异议（本规则要求全部解决）Unresolved objections (this rule requires none):")
		} else {
			p("未解决的异议（本规则不以此为条件）Unresolved objections (not a condition of this rule):")
		}
		for _, o := range res.Objections {
			line := "  " + o.By
			if o.Reason != "" {
				line += ": " + o.Reason
			}
			p("%s", line)
		}
	}
	if len(res.Problems) > 0 {
		p("")
		p("未计入的表决票 Ballots not counted (%d):", len(res.Problems))
		for _, pr := range res.Problems {
			p("  %s", pr.Error())
		}
	}
	p("")
	nd := res.Needed
	switch {
	case res.Passed:
		p("已通过，无需更多同意 Passed: no further agreement needed.")
	case !nd.Possible:
		p("无法通过 Cannot pass: %s", nd.Reason)
	case nd.Owners == 0:
		p("票数已够，但 The counts suffice, but: %s", nd.Reason)
	default:
		p("还需 What it would take: 再有 %d 位业主同意即可通过 / %d more owner(s) agreeing would pass", nd.Owners, nd.Owners)
		p("  （面积大者优先 largest areas first）:")
		for _, o := range nd.Convert {
			occ := ""
			if o.Occupied {
				occ = "  占用 occupied"
			}
			p("  %s %10s 平方米 m²  现为 now %s / %s%s", pad(o.ID, 16), o.Area, o.Vote.Chinese(), voteEnglish(o.Vote), occ)
		}
		if nd.Reason != "" {
			p("  注 Note: %s", nd.Reason)
		}
	}
	return bw.Flush()
}

func voteEnglish(v Vote) string {
	if v == NoVote {
		return "not voted"
	}
	return v.String()
}

// Summary returns a one-line account such as
// `civil-code-2021-major: NOT PASSED; clause "participating owners ≥ 2/3 of all": 7 owners of 12 owners, 1 owners short; 1 more owner(s) needed`.
func (res Result) Summary() string {
	var b strings.Builder
	b.WriteString(res.Rule)
	if res.Passed {
		b.WriteString(": PASSED")
		return b.String()
	}
	b.WriteString(": NOT PASSED")
	for _, c := range res.Clauses {
		if !c.Held {
			b.WriteString("; " + c.Error())
		}
	}
	if len(res.Vetoes) > 0 {
		b.WriteString(fmt.Sprintf("; %d owner(s) of occupied parts have not agreed", len(res.Vetoes)))
	}
	switch nd := res.Needed; {
	case !nd.Possible:
		b.WriteString("; cannot pass: " + nd.Reason)
	case nd.Owners > 0:
		b.WriteString(fmt.Sprintf("; %d more owner(s) needed", nd.Owners))
	case nd.Reason != "":
		b.WriteString("; " + nd.Reason)
	}
	return b.String()
}

// pad pads s with spaces to width terminal columns, counting CJK characters as two.
func pad(s string, width int) string {
	w := 0
	for _, r := range s {
		w++
		if r >= 0x2E80 && r <= 0xFFEF {
			w++
		}
	}
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}
