package survey

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrUnknownRule is returned by Preset for a name it does not know.
var ErrUnknownRule = errors.New("unknown rule")

// quorum is the Civil Code Art. 278 participation: owners of ≥ 2/3 of the exclusive area and
// ≥ 2/3 of the headcount take part (专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决).
func quorum() []Clause {
	return []Clause{
		{Counts: Participating, Measure: ByArea, Base: OfAll, Threshold: twoThirds, Inclusive: true},
		{Counts: Participating, Measure: ByHeadcount, Base: OfAll, Threshold: twoThirds, Inclusive: true},
	}
}

// agreeing returns the pair of clauses "agreeing area and headcount reach f of base".
func agreeing(base Base, f Fraction, inclusive bool) []Clause {
	return []Clause{
		{Counts: Agreeing, Measure: ByArea, Base: base, Threshold: f, Inclusive: inclusive},
		{Counts: Agreeing, Measure: ByHeadcount, Base: base, Threshold: f, Inclusive: inclusive},
	}
}

// Presets returns the published consent rules, sorted by name. Each call returns fresh values
// that the caller may modify. Every preset cites its source and date; the reliability marks
// are those of the project's domain-rules notes: [P] primary text, [N] mainstream news, [W]
// weak. Where the source is weak or silent, Notes says what was assumed.
//
//   - civil-code-2021-major: Civil Code Art. 278 ¶2, items 6–8 (raising the maintenance fund,
//     altering or rebuilding, changing the use of common parts — an added elevator is item 7):
//     participation ≥ 2/3 of area and ≥ 2/3 of owners, agreement ≥ 3/4 of participating area
//     and ≥ 3/4 of participating owners. [P]
//   - civil-code-2021-ordinary: Art. 278 ¶2, the other items: the same participation, agreement
//     > 1/2 of participating area and owners (过半数: strictly more than half). [P]
//   - property-law-2007-major: Property Law Art. 76 ¶2, items 5–6 (2007-10-01 to 2020-12-31):
//     ≥ 2/3 of all area and ≥ 2/3 of all owners agree; no participation quorum. [W]
//   - property-law-2007-ordinary: Art. 76, other items: > 1/2 of all area and owners agree. [W]
//   - property-regulation-2018-major: Property Management Regulation Art. 12, items 11(5)–(6):
//     more than half of area and owners take part, ≥ 2/3 of all area and owners agree. [P]
//   - property-regulation-2018-ordinary: Art. 12, other items: the same participation, > 1/2
//     of all area and owners agree. [P]
//   - beijing-2020-elevator: Beijing Old-compound Renovation Work Manual 2020, per unit: ≥ 2/3
//     of the unit's area and owners agree, and other owners raise no objection. [N]
//   - beijing-2023-elevator: Beijing Operation Guideline (trial) 2023-09-18, per unit: Civil
//     Code participation (assumed), ≥ 3/4 of participating area and owners agree. [W]
//   - chengdu-2018-elevator: Chengdu Implementation Opinions 2018: ≥ 2/3 of area and owners
//     agree, and no objection from other owners. [N]
//   - jinan-2019-elevator: Jinan Regulation, amended 2019-02-12, Arts. 7 and 11, per unit:
//     ≥ 2/3 of area and owners sign written consent; no unresolved written objection after
//     the 15-day publicity. [P]
//   - shanghai-2019-elevator: Shanghai Opinions of 10 departments, 2019, per building: 2/3 of
//     the building's owners consent (down from 90%). [W]
//   - shanghai-2021-elevator: Shanghai Urban Renewal Regulation Art. 33 (2021-08-25) and
//     Residential Property Management Provisions Arts. 18 and 69: the Civil Code items 6–8
//     rule, decided by the owners sharing the part (the unit). [P]
//   - wuhan-2024-elevator: Wuhan Guiding Opinions 2024, per unit: ≥ 2/3 of area and owners
//     take part, ≥ 3/4 of participating area and owners agree. [N]
func Presets() []Rule {
	rules := []Rule{
		{
			Name:    "civil-code-2021-major",
			Title:   "Civil Code Art. 278, items 6–8: double 2/3 participation, double 3/4 of participants agree",
			TitleZh: "民法典第二百七十八条第六至八项：双三分之二参与表决，参与表决双四分之三同意",
			Source:  "[P] 中华人民共和国民法典 第二百七十八条第二款 (Civil Code Art. 278 ¶2); counting per SPC interpretation on building division ownership Arts. 8–9 (2020-12-29); 以上 inclusive per Art. 1259",
			Date:    "2021-01-01",
			Scope:   "the owners sharing the part decided on (building, unit or compound)",
			Clauses: append(quorum(), agreeing(OfParticipating, threeQuarters, true)...),
		},
		{
			Name:    "civil-code-2021-ordinary",
			Title:   "Civil Code Art. 278, other items: double 2/3 participation, more than half of participants agree",
			TitleZh: "民法典第二百七十八条其他事项：双三分之二参与表决，参与表决双过半数同意",
			Source:  "[P] 中华人民共和国民法典 第二百七十八条第二款 (Civil Code Art. 278 ¶2); 过半数 read as strictly more than half",
			Date:    "2021-01-01",
			Scope:   "the owners sharing the part decided on",
			Notes:   "Art. 1259 does not define 过半数; its plain meaning, more than half (exactly 1/2 fails), is assumed.",
			Clauses: append(quorum(), agreeing(OfParticipating, half, false)...),
		},
		{
			Name:    "property-law-2007-major",
			Title:   "Property Law Art. 76, items 5–6: owners of 2/3 of all area and 2/3 of all owners agree",
			TitleZh: "物权法第七十六条第五、六项：专有部分占建筑物总面积三分之二以上且占总人数三分之二以上的业主同意",
			Source:  "[W] 中华人民共和国物权法 第七十六条第二款 (Property Law Art. 76 ¶2, repealed 2021-01-01), text as reproduced in 《物权法释义》 on secondary sites",
			Date:    "2007-10-01",
			Notes:   "In force 2007-10-01 to 2020-12-31; for decisions of that period. No participation quorum; the denominators are totals.",
			Clauses: agreeing(OfAll, twoThirds, true),
		},
		{
			Name:    "property-law-2007-ordinary",
			Title:   "Property Law Art. 76, other items: more than half of all area and all owners agree",
			TitleZh: "物权法第七十六条其他事项：专有部分占建筑物总面积过半数且占总人数过半数的业主同意",
			Source:  "[W] 中华人民共和国物权法 第七十六条第二款 (Property Law Art. 76 ¶2, repealed 2021-01-01)",
			Date:    "2007-10-01",
			Notes:   "In force 2007-10-01 to 2020-12-31. 过半数 read as strictly more than half.",
			Clauses: agreeing(OfAll, half, false),
		},
		{
			Name:    "property-regulation-2018-major",
			Title:   "Property Management Regulation Art. 12, items 11(5)–(6): more than half take part, 2/3 of all area and owners agree",
			TitleZh: "物业管理条例第十二条：过半数参加，专有部分占建筑物总面积2/3以上且占总人数2/3以上的业主同意",
			Source:  "[P] 物业管理条例 第十二条 (Property Management Regulation Art. 12, 2018-03-19 revision)",
			Date:    "2018-03-19",
			Notes:   "Not aligned with the Civil Code, which prevails where they conflict.",
			Clauses: []Clause{
				{Counts: Participating, Measure: ByArea, Base: OfAll, Threshold: half},
				{Counts: Participating, Measure: ByHeadcount, Base: OfAll, Threshold: half},
				{Counts: Agreeing, Measure: ByArea, Base: OfAll, Threshold: twoThirds, Inclusive: true},
				{Counts: Agreeing, Measure: ByHeadcount, Base: OfAll, Threshold: twoThirds, Inclusive: true},
			},
		},
		{
			Name:    "property-regulation-2018-ordinary",
			Title:   "Property Management Regulation Art. 12, other items: more than half take part, more than half of all area and owners agree",
			TitleZh: "物业管理条例第十二条其他事项：过半数参加，专有部分占建筑物总面积过半数且占总人数过半数的业主同意",
			Source:  "[P] 物业管理条例 第十二条 (Property Management Regulation Art. 12, 2018-03-19 revision)",
			Date:    "2018-03-19",
			Notes:   "Not aligned with the Civil Code, which prevails where they conflict.",
			Clauses: []Clause{
				{Counts: Participating, Measure: ByArea, Base: OfAll, Threshold: half},
				{Counts: Participating, Measure: ByHeadcount, Base: OfAll, Threshold: half},
				{Counts: Agreeing, Measure: ByArea, Base: OfAll, Threshold: half},
				{Counts: Agreeing, Measure: ByHeadcount, Base: OfAll, Threshold: half},
			},
		},
		{
			Name:                  "beijing-2020-elevator",
			Title:                 "Beijing 2020: owners of 2/3 of the unit's area and 2/3 of its owners agree, and no objection",
			TitleZh:               "北京2020：单元专有部分面积三分之二以上且人数三分之二以上的业主同意，其他业主不持反对意见",
			Source:                "[N] 北京市老旧小区综合整治工作手册 (Beijing Old-compound Renovation Work Manual), reported by China Consumer News 2021-02-26",
			Date:                  "2020",
			Scope:                 "unit (单元)",
			Notes:                 "Only news reports were read. Assumed: 2/3 is inclusive (以上); an oppose vote in the unit is an objection until resolved or withdrawn.",
			Clauses:               agreeing(OfAll, twoThirds, true),
			NoUnresolvedObjection: true,
			OpposeIsObjection:     true,
		},
		{
			Name:    "beijing-2023-elevator",
			Title:   "Beijing 2023 guideline (trial): Civil Code participation, 3/4 of participating area and owners agree",
			TitleZh: "北京市既有多层住宅加装电梯操作指引(试行)：参与表决双四分之三同意",
			Source:  "[W] 北京市既有多层住宅加装电梯操作指引(试行) (Beijing Operation Guideline, trial), secondary sites only",
			Date:    "2023-09-18",
			Scope:   "unit (单元)",
			Notes:   "Weak source. It calls participation \"a legal majority of owners\"; the Civil Code double 2/3 quorum is assumed.",
			Clauses: append(quorum(), agreeing(OfParticipating, threeQuarters, true)...),
		},
		{
			Name:                  "chengdu-2018-elevator",
			Title:                 "Chengdu 2018: owners of 2/3 of the area and 2/3 of the owners agree, and no objection from other owners",
			TitleZh:               "成都2018：专有部分面积三分之二以上且人数三分之二以上的业主同意，其他业主无异议",
			Source:                "[N] 成都市关于促进既有住宅自主增设电梯工作的实施意见(试行) (Chengdu Implementation Opinions), Xinhua 2018-08-21",
			Date:                  "2018",
			Scope:                 "unit, building (幢) or compound",
			Notes:                 "Only a news report was read. Assumed: 2/3 is inclusive; an oppose vote in scope is an objection until resolved.",
			Clauses:               agreeing(OfAll, twoThirds, true),
			NoUnresolvedObjection: true,
			OpposeIsObjection:     true,
		},
		{
			Name:                  "jinan-2019-elevator",
			Title:                 "Jinan 2019: owners of 2/3 of the unit's area and 2/3 of its owners sign written consent; no unresolved written objection",
			TitleZh:               "济南2019：本单元专有部分面积三分之二以上且人数三分之二以上的业主书面同意；公示期内无书面异议或异议已解决",
			Source:                "[P] 济南市既有多层住宅增设电梯规定 Arts. 7, 11 and 18 (Jinan Regulation, amended 2019-02-12)",
			Date:                  "2019-02-12",
			Scope:                 "unit (单元/梯)",
			Notes:                 "Objections are the written objections filed in the 15-day publicity by other owners of the building and affected parties; they must be recorded as Objection values. An oppose vote alone is not taken as one.",
			Clauses:               agreeing(OfAll, twoThirds, true),
			NoUnresolvedObjection: true,
		},
		{
			Name:    "shanghai-2019-elevator",
			Title:   "Shanghai 2019: 2/3 of the building's owners consent (down from 90%)",
			TitleZh: "上海2019：本幢业主三分之二同意（由90%降低）",
			Source:  "[W] 关于进一步做好本市既有多层住宅加装电梯工作的若干意见 (Shanghai Opinions of 10 departments), a Korean-language news report",
			Date:    "2019",
			Scope:   "building (幢); where the elevator stands on compound-shared land the compound's consent (1/2) is also needed: tally it separately",
			Notes:   "Weak source. Assumed: 2/3 of all area and 2/3 of all owners (the Property Law counting of the time), inclusive.",
			Clauses: agreeing(OfAll, twoThirds, true),
		},
		{
			Name:    "shanghai-2021-elevator",
			Title:   "Shanghai since 2021: the Civil Code items 6–8 rule, decided by the unit's owners",
			TitleZh: "上海2021起：按民法典业主共同决定事项表决，部分共用部分由相关业主决定",
			Source:  "[P] 上海市城市更新条例 第三十三条 (Urban Renewal Regulation Art. 33, 2021-08-25); 上海市住宅物业管理规定 第十八条、第六十九条 (Residential Property Management Provisions Arts. 18 and 69, 2020-12-30)",
			Date:    "2021-08-25",
			Scope:   "unit (单元): the owners who share the part (Art. 69)",
			Clauses: append(quorum(), agreeing(OfParticipating, threeQuarters, true)...),
		},
		{
			Name:    "wuhan-2024-elevator",
			Title:   "Wuhan 2024: double 2/3 of the unit take part, double 3/4 of participants agree",
			TitleZh: "武汉2024：单元双三分之二参与表决，参与表决双四分之三同意",
			Source:  "[N] 武汉市既有住宅加装电梯指导意见 (Wuhan Guiding Opinions), Changjiang Business Daily 2024-07-26",
			Date:    "2024",
			Scope:   "unit (单元)",
			Clauses: append(quorum(), agreeing(OfParticipating, threeQuarters, true)...),
		},
	}
	slices.SortFunc(rules, func(a, b Rule) int { return strings.Compare(a.Name, b.Name) })
	return rules
}

// PresetNames returns the names of the presets, sorted.
func PresetNames() []string {
	var names []string
	for _, r := range Presets() {
		names = append(names, r.Name)
	}
	return names
}

// Preset returns the preset named name (see Presets). An unknown name is an error wrapping
// ErrUnknownRule that lists the known names.
func Preset(name string) (Rule, error) {
	for _, r := range Presets() {
		if r.Name == name {
			return r, nil
		}
	}
	return Rule{}, fmt.Errorf("%w %q: known rules are %s", ErrUnknownRule, name, strings.Join(PresetNames(), ", "))
}
