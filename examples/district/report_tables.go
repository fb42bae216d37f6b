package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/survey"
)

// label names a compound by its ID as the report shows it: its name, or its ID when it has none.
func (r *results) label(id string) string {
	if c := r.District.Compound(id); c != nil {
		return c.Label()
	}
	return id
}

// money is an amount of yuan, kept to the fen in the spreadsheet; its column's header says 元.
func money(m budget.Money) cell {
	return cell{Text: m.Grouped(), Num: float64(m) / 100, IsNum: true, Format: fmtMoney}
}

// area is square metres, shown whole on the page and to 0.01 m² in the spreadsheet.
func area(m2 float64) cell {
	c := num(m2, 0)
	c.Format = fmtArea
	return c
}

// exactArea is a surveyed area, exact in 0.01 m².
func exactArea(a survey.Area) cell {
	return cell{Text: a.String(), Num: a.SquareMetres(), IsNum: true, Format: fmtArea}
}

// yearCell shows a year, starred when generated.
func yearCell(year int, synthetic bool) cell {
	if year == 0 {
		return unknown()
	}
	s := strconv.Itoa(year)
	if synthetic {
		s += "*"
	}
	return cell{Text: s, Num: float64(year), IsNum: true, Format: fmtInteger}
}

var tenures = []renovation.Tenure{renovation.OwnerOccupied, renovation.Rented, renovation.RegisteredElsewhere, renovation.NoRegisteredResident, renovation.Vacant}

func householdsTable(r *results) *table {
	t := &table{Sheet: "小区概况", Title: "小区概况 Compounds and households",
		Headers: []string{"小区", "建成年份", "楼栋", "单元", "户数", "人数", "住宅面积(㎡)"}}
	for _, tn := range tenures {
		t.Headers = append(t.Headers, tn.Chinese())
	}
	t.Headers = append(t.Headers, "有60岁以上老人的户数")
	row := func(name string, year cell, n renovation.HouseholdCounts, aged int) {
		cells := []cell{txt(name), year, integer(n.Buildings), integer(n.Units), integer(n.Households), integer(n.Residents), exactArea(n.ExclusiveArea)}
		for _, tn := range tenures {
			cells = append(cells, integer(n.ByTenure[tn]))
		}
		elderly := unknown() // no age given: 0 would say there are no elderly
		if aged > 0 || n.Households == 0 {
			elderly = integer(n.WithElderly)
		}
		t.add(append(cells, elderly)...)
	}
	agedTotal, partly := 0, false
	for i := range r.District.Compounds {
		c := &r.District.Compounds[i]
		aged := agedHouseholds(c)
		agedTotal += aged
		partly = partly || aged > 0 && aged < r.Counts[i].Households
		row(c.Label(), yearCell(c.BuiltYear, c.IsSynthetic("built_year")), r.Counts[i], aged)
	}
	row("合计 total", txt(""), r.Total, agedTotal)
	var notes []string
	if r.Total.Synthetic > 0 {
		notes = append(notes, fmt.Sprintf("* 模拟数据：%d 户中有 %d 户来自生成的花名册，并非真实住户。Generated: %d of %d households come from a generated roster and are not real people.",
			r.Total.Households, r.Total.Synthetic, r.Total.Synthetic, r.Total.Households))
	}
	if agedTotal == 0 && r.Total.Households > 0 {
		notes = append(notes, "花名册未给出年龄，有60岁以上老人的户数为未知。The roster gives no ages.")
	} else if partly {
		notes = append(notes, "有60岁以上老人的户数只计给出年龄的户；未给出年龄的户不计入。Only households with an age given are counted.")
	}
	t.Note = strings.Join(notes, " ")
	return t
}

func indicatorsTable(r *results) *table {
	t := &table{Sheet: "小区指标", Title: "小区指标 Compound indicators",
		Headers: []string{"小区", "用地面积(㎡)", "基底面积(㎡)", "建筑密度", "总建筑面积(㎡)", "容积率", "绿地率", "户/公顷", "加装电梯候选楼栋"},
		Percent: map[int]bool{3: true, 6: true}}
	for _, c := range r.Indicators.Compounds {
		t.add(txt(r.label(c.ID)), area(c.RatioArea), area(c.FootprintArea), percent(c.BuildingCoverage), area(c.FloorArea),
			num(c.FAR, 2), percent(c.GreenRatio), num(c.HouseholdsPerHectare, 1), integer(c.ElevatorCandidates))
	}
	tot := r.Indicators.Totals
	t.add(txt("合计 total"), area(tot.RatioArea), area(tot.FootprintArea), percent(tot.BuildingCoverage), area(tot.FloorArea),
		num(tot.FAR, 2), percent(tot.GreenRatio), num(tot.HouseholdsPerHectare, 1), integer(tot.ElevatorCandidates))
	t.Note = "建筑密度 = 基底面积 ÷ 用地面积；容积率 = 总建筑面积 ÷ 用地面积；绿地率 = 绿地面积 ÷ 用地面积（基底与绿地按小区边界裁剪；用地面积取数据给出的测绘面积，未给出时取边界在 WGS84 椭球上的面积）。Footprints and green are clipped to the compound; site area is the surveyed one, else the boundary's geodesic area."
	if tot.StoreysSynthetic > 0 {
		t.Note += fmt.Sprintf(" 其中 %d 栋楼的建筑面积基于生成的层数（模拟数据）。Floor areas of %d buildings rest on generated storeys.", tot.StoreysSynthetic, tot.StoreysSynthetic)
	}
	return t
}

var eligibilityZh = map[renovation.EligibilityStatus]string{
	renovation.Eligible: "符合", renovation.Ineligible: "不符合", renovation.PartlyEligible: "部分符合", renovation.EligibilityUnknown: "年份缺失",
}

func eligibilityTable(r *results) *table {
	t := &table{Sheet: "改造资格", Title: fmt.Sprintf("改造资格 Eligibility: completed by the end of %d", r.Rule.CutoffYear),
		Headers: []string{"小区", "结论", "建成年份", "理由", "reason"}}
	for _, e := range r.Eligibility {
		t.add(txt(r.label(e.CompoundID)), txt(eligibilityZh[e.Status]), yearCell(e.BuiltYear, e.Synthetic), txt(e.ReasonZH), txt(e.Reason))
	}
	t.Note = "依据 Rule: " + r.Rule.Source
	return t
}

func scopeTable(r *results) *table {
	t := &table{Sheet: "实施范围", Title: "实施范围 Programme scope",
		Headers: []string{"小区", "片区", "范围内面积占比", "范围内楼栋", "范围内户数", "已排除户数", "无法确定户数"},
		Percent: map[int]bool{2: true}}
	for _, c := range r.Scope.Compounds {
		t.add(txt(r.label(c.ID)), txt(c.FieldOffice), percent(c.Share), integer(c.BuildingsInScope), integer(c.HouseholdsInScope),
			integer(c.HouseholdsExcluded), integer(c.HouseholdsUndetermined))
	}
	for _, g := range r.Scope.ByFieldOffice {
		name := g.Name
		if name == "" {
			name = "（未注明片区）"
		}
		t.add(txt("片区合计 "+name), txt(""), txt(fmt.Sprintf("%d 个小区", g.Compounds)), integer(g.BuildingsInScope),
			integer(g.HouseholdsInScope), integer(g.HouseholdsExcluded), integer(g.HouseholdsUndetermined))
	}
	tot := r.Scope.Totals
	t.add(txt("合计 total"), txt(""), txt(fmt.Sprintf("%d 个小区", tot.Compounds)), integer(tot.BuildingsInScope),
		integer(tot.HouseholdsInScope), integer(tot.HouseholdsExcluded), integer(tot.HouseholdsUndetermined))
	t.Note = "楼栋基底位于实施范围内且不在排除区域内的住户计为范围内。A household is in scope when its building's footprint lies in a scope zone and outside the exclusion zones."
	return t
}

// kindLabel names a radius-table entry: its kind's Chinese name and radius.
func kindLabel(s renovation.LifeCircleSummary) string {
	return fmt.Sprintf("%s %gm", s.Kind.Chinese(), s.Radius)
}

func lifeCircleTable(r *results) *table {
	t := &table{Sheet: "生活圈覆盖", Title: "生活圈覆盖 Life-circle coverage (GB 50180-2018)", Headers: []string{"小区"}}
	for _, s := range r.LifeCircle.Kinds {
		t.Headers = append(t.Headers, kindLabel(s))
	}
	t.Headers = append(t.Headers, "覆盖项数")
	for _, c := range r.LifeCircle.Compounds {
		if !c.Mapped {
			continue
		}
		cells := []cell{txt(r.label(c.ID))}
		for _, f := range c.Reach {
			switch {
			case f.Nearest == nil:
				cells = append(cells, txt("—"))
			case f.Covered:
				cells = append(cells, cell{Text: fmt.Sprintf("✓ %.0f m", *f.Nearest), Num: *f.Nearest, IsNum: true, Format: `"✓ "0" m"`})
			default:
				cells = append(cells, cell{Text: fmt.Sprintf("✗ %.0f m", *f.Nearest), Num: *f.Nearest, IsNum: true, Format: `"✗ "0" m"`})
			}
		}
		t.add(append(cells, txt(fmt.Sprintf("%d/%d", r.Covered[c.ID], len(c.Reach))))...)
	}
	t.Note = "到最近一处各类设施的直线距离（米）；✓ 在服务半径内，✗ 超出半径，— 片区内没有该类设施。Straight-line distance to the nearest facility of each kind; ✓ within the radius, ✗ beyond it, — none in the district. 服务半径 Radii: " + radiiNote(r)
	return t
}

func radiiNote(r *results) string {
	var parts []string
	for _, s := range r.LifeCircle.Kinds {
		trust := ""
		if s.Trust != "" {
			trust = " [" + string(s.Trust) + "]"
		}
		parts = append(parts, fmt.Sprintf("%s %s %gm%s", s.Kind.Chinese(), s.Tier, s.Radius, trust))
	}
	return strings.Join(parts, "；") + "。标 UNVERIFIED 的数值为常见引用值，未与 2018 年标准原文核对，可用 -radii 替换。UNVERIFIED values are commonly cited but not confirmed against the standard's text; override them with -radii."
}

func gapsTable(r *results) *table {
	t := &table{Sheet: "设施缺口", Title: "设施缺口 Gaps: compounds lacking a kind, most households first",
		Headers: []string{"设施", "半径(m)", "小区", "受影响户数", "最近距离(m)"}}
	for _, s := range r.LifeCircle.Kinds {
		for _, g := range s.Gaps {
			near := txt("—")
			if g.Nearest != nil {
				near = num(*g.Nearest, 0)
			}
			t.add(txt(s.Kind.Chinese()), num(s.Radius, 0), txt(r.label(g.ID)), integer(g.Households), near)
		}
	}
	return t
}

var voteZh = map[survey.Vote]string{survey.Agree: "同意", survey.Oppose: "反对", survey.Abstain: "弃权"}

func plansTable(r *results) *table {
	t := &table{Sheet: "加装电梯", Title: "加装电梯 Elevator retrofit, stairwell by stairwell",
		Headers: []string{"小区", "楼栋", "单元", "层数", "户数", "分组", "表决", "还需同意(人)", "总造价(元)", "补贴(元)", "居民分摊(元)"}}
	for _, p := range r.Plans.Plans {
		s := p.Stairwell
		vote, needed := "未表决", txt("")
		if p.Canvassed && p.Tally != nil {
			vote = "未通过"
			if p.Tally.Passed {
				vote = "通过"
			} else if p.Tally.Needed.Possible {
				needed = integer(p.Tally.Needed.Owners)
			}
		}
		row := []cell{txt(s.Compound), txt(s.Building), txt(s.Unit), integer(s.Storeys), integer(s.Households), txt(p.GroupZh), txt(vote), needed}
		if p.Cost != nil {
			row = append(row, money(p.Cost.Total), money(p.Cost.Subsidy), money(p.Cost.Residents))
		}
		t.add(row...)
	}
	sum := r.Plans.Summary
	t.Note = fmt.Sprintf("共 %d 个单元：可签约 %d，少数反对需上门沟通 %d，观望/未摸排 %d；已通过 %d。表决规则 Rule: %s。造价与分摊方案 Scheme: %s（示例总价 illustrative）。",
		sum.Stairwells, sum.ReadyToSign, sum.FewObjectors, sum.Waiting, sum.Passed, r.Plans.Rule, r.Scheme.Name)
	if r.Ballots > 0 {
		t.Note += fmt.Sprintf(" 其中 %d 个样例单元的表决为生成数据，并非实际摸排。The ballots of %d sample stairwells are generated.", r.Ballots, r.Ballots)
	}
	return t
}

func sharesTable(r *results) *table {
	t := &table{Sheet: "电梯分摊", Title: "电梯分摊 Elevator cost per household (canvassed stairwells)",
		Headers: []string{"小区", "楼栋", "单元", "户号", "楼层", "面积(㎡)", "表决", "分摊(元)", "公积金(元)", "应缴现金(元)", "计算说明"}}
	for _, p := range r.Plans.Plans {
		if !p.Canvassed {
			continue
		}
		for _, h := range p.Households {
			vote := voteZh[h.Vote]
			if vote == "" {
				vote = "未表决"
			}
			t.add(txt(h.Compound), txt(h.Building), txt(h.Unit), txt(h.Household), integer(h.Floor),
				exactArea(h.Area), txt(vote),
				money(h.Share), money(h.ProvidentFund), money(h.CashDue), txt(h.Explanation))
		}
	}
	return t
}

func budgetTable(r *results) *table {
	t := &table{Sheet: "改造预算", Title: "改造预算 Programme budget",
		Headers: []string{"小区", "总建筑面积(㎡)", "外墙面积(㎡)", "户数", "楼栋", "电梯(部)", "基础类(元)", "完善类(元)", "提升类(元)", "合计(元)", "已落实资金(元)", "资金缺口(元)"}}
	row := func(name string, c renovation.ProgrammeCost) {
		q := c.Quantities
		cells := []cell{txt(name), area(q.FloorArea.SquareMetres()), area(q.FacadeArea.SquareMetres()), integer(q.Households), integer(q.Buildings), integer(q.Elevators)}
		for _, cat := range c.ByCategory {
			cells = append(cells, money(cat.Cost))
		}
		cells = append(cells, money(c.Cost))
		if c.Funding != nil {
			cells = append(cells, money(c.Funding.Funded), money(c.Funding.Gap))
		}
		t.add(cells...)
	}
	for _, c := range r.Budget.Compounds {
		row(r.label(c.CompoundID), c.ProgrammeCost)
	}
	row("合计 total", r.Budget.Total.ProgrammeCost)
	t.Note = "价格与资金比例为示例，并非官方定额。Illustrative prices: " + r.Catalogue.Name + ". " + strings.Join(r.Budget.Assumptions, " ")
	return t
}

func notesTable(r *results) *table {
	t := &table{Sheet: "说明", Title: "说明 Sources and notes", Headers: []string{"说明 note"}}
	for _, n := range r.Notes {
		t.add(txt(n))
	}
	return t
}

// notes says where the data come from and what is illustrative or generated.
func notes(r *results) []string {
	var n []string
	if r.District.Attribution != "" {
		n = append(n, "数据来源 Data: "+r.District.Attribution+".")
	}
	if r.Sample {
		n = append(n, "样例片区：几何数据取自 OpenStreetMap；建成年份、缺失的层数与基底、生成小区内的草地、片区、范围与全部住户花名册由带种子的生成器生成，标为模拟数据，并非真实住户。Sample district: geometry from OpenStreetMap; built years, missing storeys and footprints, lawns, field offices, zones and every household roster are generated and marked synthetic. The households are not real people.")
		n = append(n, fmt.Sprintf("%d 个样例单元的加装电梯表决为生成数据，用于演示分组；其余单元未摸排。Elevator ballots of %d sample stairwells are generated; the others are not canvassed.", r.Ballots, r.Ballots))
	}
	n = append(n, "每单元加装电梯造价 Elevator cost per stairwell: "+r.Scheme.Name+"；总价为示例（报道的区间：上海嘉定 40–60万元，北京约 50–70万元/部），补贴为引用的预设。The total is illustrative; the subsidy is the cited preset.")
	n = append(n, "改造单价与资金比例为示例，并非官方定额：全国没有统一的元/㎡标准，请用 -catalogue 与 -funding 替换。Programme prices and funding shares are illustrative, not an official cost list.")
	n = append(n, "表决依据 Consent: "+r.Plans.Basis)
	n = append(n, "改造资格依据 Eligibility: "+r.Rule.Source)
	n = append(n, "生活圈服务半径 Life-circle radii: "+radiiNote(r))
	return n
}

// agedHouseholds counts the households of c whose oldest resident's age the roster gives.
func agedHouseholds(c *renovation.Compound) int {
	n := 0
	c.Households(func(_ *renovation.Building, _ *renovation.Unit, h *renovation.Household) bool {
		if h.OldestAge > 0 {
			n++
		}
		return true
	})
	return n
}
