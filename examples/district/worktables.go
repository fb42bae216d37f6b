package main

import (
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
)

// workTables are the problem list (问题清单), the facility-standard checks (配套标准) and the
// 片区, each only when there is something to show.
func workTables(r *results) []*table {
	var ts []*table
	if w := r.Work; w != nil && len(w.Problems) > 0 {
		t := &table{Sheet: "问题清单", Title: "问题清单 Problems and work items",
			Headers: []string{"小区", "楼栋", "问题", "类别", "改造项目", "数量", "单位", "费用(元)", "责任单位", "资金来源", "完成时限", "状态", "模拟数据"}}
		for _, p := range w.Problems {
			for _, it := range p.Items {
				synthetic := ""
				if it.Synthetic {
					synthetic = "是"
				}
				t.add(txt(p.Compound), txt(p.Building), txt(p.What), txt(p.Category.Chinese()), txt(it.Item), txt(it.Quantity.String()),
					txt(it.Unit), money(it.Cost), txt(it.Responsible), txt(fundingText(it.Funding, it.Funder)), txt(it.Deadline), txt(it.Status.Chinese()), txt(synthetic))
			}
		}
		t.Note = "费用标为模拟数据者为示例，并非报道所给。Costs marked 模拟数据 are illustrative, not the source's. Catalogue: " + w.Catalogue.Name + "."
		ts = append(ts, t)
	}
	if w := r.Work; w != nil && len(w.Standards) > 0 {
		t := &table{Sheet: "配套标准", Title: "配套标准 Facility standards",
			Headers: []string{"社区", "规则", "户数", "要求", "现有", "缺口", "达标", "来源"}}
		for _, s := range w.Standards {
			passed := "否"
			if s.Passed {
				passed = "是"
			}
			t.add(txt(s.Community), txt(s.Rule), integer(s.Households), txt(s.Required), txt(s.Actual), txt(s.Shortfall), txt(passed), txt(s.Source))
		}
		t.Note = "面积单位 ㎡。各项数值均为报道引用，未核对原文（unverified）；尚无用房表，现有面积记为 0。Areas in m²; every figure is as the reports quote it, not checked against the official text; no rooms table yet, so what each community has counts as 0."
		ts = append(ts, t)
	}
	if r.Pianqu != nil {
		t := &table{Sheet: "片区", Title: "片区 Area-wide renovation units",
			Headers: []string{"片区", "小区", "户数", "楼栋", "预算(元)", "已落实资金(元)", "资金缺口(元)"}}
		for _, p := range r.Pianqu {
			names := make([]string, len(p.Compounds))
			for i, id := range p.Compounds {
				names[i] = r.label(id)
			}
			t.add(txt(p.ID), txt(strings.Join(names, "、")), integer(p.Households), integer(p.Buildings), money(p.Budget), money(p.Funded), money(p.Gap))
		}
		t.Note = "预算为各小区改造预算之和（示例价格）。Budget: the sum of its compounds' programme budget (illustrative prices)."
		ts = append(ts, t)
	}
	return ts
}

func fundingText(k budget.SourceKind, funder string) string {
	s := string(k)
	if k != "" {
		s = k.Chinese()
	}
	if funder != "" {
		s += " (" + funder + ")"
	}
	return s
}
