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

func money(m budget.Money) cell {
	return cell{Text: m.Grouped(), Num: float64(m) / 100, IsNum: true}
}

func area(m2 float64) cell { return num(m2, 0) }

// yearCell shows a year, starred when generated.
func yearCell(year int, synthetic bool) cell {
	if year == 0 {
		return txt("—")
	}
	s := strconv.Itoa(year)
	if synthetic {
		s += "*"
	}
	return cell{Text: s, Num: float64(year), IsNum: true}
}

var tenures = []renovation.Tenure{renovation.OwnerOccupied, renovation.Rented, renovation.RegisteredElsewhere, renovation.NoRegisteredResident, renovation.Vacant}

func householdsTable(r *results) *table {
	t := &table{Sheet: "小区概况", Title: "小区概况 Compounds and households",
		Headers: []string{"小区", "建成年份", "楼栋", "单元", "户数", "人数", "住宅面积(㎡)"}}
	for _, tn := range tenures {
		t.Headers = append(t.Headers, tn.Chinese())
	}
	t.Headers = append(t.Headers, "有60岁以上老人的户数")
	row := func(name string, year cell, n renovation.HouseholdCounts) {
		cells := []cell{txt(name), year, integer(n.Buildings), integer(n.Units), integer(n.Households), integer(n.Residents),
			{Text: n.ExclusiveArea.String(), Num: n.ExclusiveArea.SquareMetres(), IsNum: true}}
		for _, tn := range tenures {
			cells = append(cells, integer(n.ByTenure[tn]))
		}
		t.add(append(cells, integer(n.WithElderly))...)
	}
	for i := range r.District.Compounds {
		c := &r.District.Compounds[i]
		row(c.Label(), yearCell(c.BuiltYear, c.IsSynthetic("built_year")), r.Counts[i])
	}
	row("合计 total", txt(""), r.Total)
	if r.Total.Synthetic > 0 {
		t.Note = fmt.Sprintf("* 模拟数据 generated value. %d of %d households come from a generated roster and are not real people.", r.Total.Synthetic, r.Total.Households)
	}
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
	t.Note = "建筑密度 = 基底面积 ÷ 用地面积; 容积率 = 总建筑面积 ÷ 用地面积; 绿地率 = 绿地面积 ÷ 用地面积 (footprints and green clipped to the compound; 用地面积 is the surveyed site area where the data give one, else the boundary's geodesic area on WGS84)."
	if tot.StoreysSynthetic > 0 {
		t.Note += fmt.Sprintf(" Floor areas of %d buildings rest on generated storeys (模拟数据).", tot.StoreysSynthetic)
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
	t.Note = "Rule: " + r.Rule.Source
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
	t.Note = "A household is in scope when its building's footprint lies in a scope zone and outside the exclusion zones."
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
				cells = append(cells, cell{Text: fmt.Sprintf("✓ %.0f m", *f.Nearest), Num: *f.Nearest, IsNum: true})
			default:
				cells = append(cells, cell{Text: fmt.Sprintf("✗ %.0f m", *f.Nearest), Num: *f.Nearest, IsNum: true})
			}
		}
		t.add(append(cells, txt(fmt.Sprintf("%d/%d", r.Covered[c.ID], len(c.Reach))))...)
	}
	t.Note = "Straight-line distance (m) to the nearest facility of each kind; ✓ within the radius, ✗ beyond it, — none in the district. Radii: " + radiiNote(r)
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
	return strings.Join(parts, "; ") + ". UNVERIFIED values are commonly cited but not confirmed against the 2018 standard's text; override them with -radii."
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
	t.Note = fmt.Sprintf("%d stairwells: %d ready to sign (可签约), %d with a few objectors to visit (少数反对), %d waiting (观望/未摸排); %d passed. Rule: %s. Cost per elevator and cost-sharing scheme: %s (illustrative total).",
		sum.Stairwells, sum.ReadyToSign, sum.FewObjectors, sum.Waiting, sum.Passed, r.Plans.Rule, r.Scheme.Name)
	if r.Ballots > 0 {
		t.Note += fmt.Sprintf(" The ballots of %d sample stairwells are generated, not surveyed.", r.Ballots)
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
				cell{Text: h.Area.String(), Num: h.Area.SquareMetres(), IsNum: true}, txt(vote),
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
		cells := []cell{txt(name), num(q.FloorArea.SquareMetres(), 0), num(q.FacadeArea.SquareMetres(), 0), integer(q.Households), integer(q.Buildings), integer(q.Elevators)}
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
	t.Note = r.Catalogue.Name + ". " + strings.Join(r.Budget.Assumptions, " ")
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
		n = append(n, "Data: "+r.District.Attribution+".")
	}
	if r.Sample {
		n = append(n, "Sample district: geometry from OpenStreetMap; built years, missing storeys and footprints, lawns inside the generated estates, field offices, zones and every household roster are generated by a seeded generator and marked 模拟数据 / synthetic. The households are not real people.")
		n = append(n, fmt.Sprintf("Elevator ballots of %d sample stairwells are generated to show the triage; the others are not canvassed.", r.Ballots))
	}
	n = append(n, "Elevator cost per stairwell: "+r.Scheme.Name+"; the total is illustrative (reported ranges: Shanghai Jiading 40–60万, Beijing about 50–70万 yuan per elevator); the subsidy is the cited preset.")
	n = append(n, "Programme prices and funding shares are illustrative, not an official cost list: there is no national yuan-per-m² norm. Replace them with -catalogue and -funding.")
	n = append(n, "Consent: "+r.Plans.Basis)
	n = append(n, "Eligibility: "+r.Rule.Source)
	n = append(n, "Life-circle radii: "+radiiNote(r))
	return n
}
