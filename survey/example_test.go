package survey_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/xiaoqu/xiaoqu/survey"
)

// A six-storey stairwell of 12 flats votes on adding an elevator (Civil Code Art. 278 item 7):
// 8 owners take part, exactly the 2/3 quorum; 5 agree, one short of 3/4 of the participants.
func ExampleTally() {
	areas := []string{"70.00", "80.00", "70.00", "80.00", "70.00", "80.00", "70.00", "80.00", "70.00", "80.00", "70.00", "80.00"}
	votes := []survey.Vote{survey.Oppose, survey.Oppose, survey.NoVote, survey.Abstain, survey.Agree, survey.NoVote,
		survey.Agree, survey.Agree, survey.NoVote, survey.Agree, survey.Agree, survey.NoVote}
	var poll survey.Poll
	for i, s := range areas {
		a, _ := survey.ParseArea(s)
		id := fmt.Sprintf("%d0%d", i/2+1, i%2+1) // 101, 102, 201, ...
		poll.Parts = append(poll.Parts, survey.Part{ID: id, Owner: "业主" + id, Area: a})
		if votes[i] != survey.NoVote {
			poll.Ballots = append(poll.Ballots, survey.Ballot{Part: id, Vote: votes[i]})
		}
	}
	poll.Parts[0].Occupied = true // the shaft takes part of flat 101's garden
	rule, _ := survey.Preset("civil-code-2021-major")
	res, err := survey.Tally(poll, rule)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Summary())
	res.WriteReport(os.Stdout, rule)
	// Output:
	// civil-code-2021-major: NOT PASSED; clause "agreeing area ≥ 3/4 of participating": 370.00 m² of 600.00 m², 80.00 m² short; clause "agreeing owners ≥ 3/4 of participating": 5 owners of 8 owners, 1 owner short; 1 owner(s) of occupied parts have not agreed; 2 more owner(s) needed
	// 表决结果 Result: 未通过 / NOT PASSED
	// 规则 Rule: civil-code-2021-major
	//   民法典第二百七十八条第六至八项：双三分之二参与表决，参与表决双四分之三同意
	//   Civil Code Art. 278, items 6–8: double 2/3 participation, double 3/4 of participants agree
	//   依据 Basis: [P] 中华人民共和国民法典 第二百七十八条第二款 (Civil Code Art. 278 ¶2); counting per SPC interpretation on building division ownership Arts. 8–9 (2020-12-29); 以上 inclusive per Art. 1259 (2021-01-01)
	//   表决范围 Scope: the owners sharing the part decided on (building, unit or compound)
	//
	// 计数 Counts (SPC interpretation Arts. 8–9; 12 个专有部分 exclusive parts):
	//   全体 all                     12 人 owners        900.00 平方米 m²
	//   参与表决 participating        8 人 owners        600.00 平方米 m²
	//   同意 agreeing                 5 人 owners        370.00 平方米 m²
	//   反对 opposing                 2 人 owners        150.00 平方米 m²
	//   弃权 abstaining               1 人 owners         80.00 平方米 m²
	//   未表决 not voting             4 人 owners        300.00 平方米 m²
	//
	// 条款 Clauses (all must hold 须全部满足):
	//   [✓] 参与表决面积占总面积 ≥ 2/3 | participating area ≥ 2/3 of all
	//       600.00 平方米 / 900.00 平方米；至少 at least 600.00 平方米；余量 margin 0.00 平方米
	//   [✓] 参与表决人数占总人数 ≥ 2/3 | participating owners ≥ 2/3 of all
	//       8 人 / 12 人；至少 at least 8 人；余量 margin 0 人
	//   [✗] 同意面积占参与表决面积 ≥ 3/4 | agreeing area ≥ 3/4 of participating
	//       370.00 平方米 / 600.00 平方米；至少 at least 450.00 平方米；差 short 80.00 平方米
	//   [✗] 同意人数占参与表决人数 ≥ 3/4 | agreeing owners ≥ 3/4 of participating
	//       5 人 / 8 人；至少 at least 6 人；差 short 1 人
	//
	// 占用专有部分的业主须本人同意 Owners of occupied parts must each agree:
	//   ✗ 业主101 (70.00 平方米 m²): 反对 / oppose
	//
	// 还需 What it would take: 再有 2 位业主同意即可通过 / 2 more owner(s) agreeing would pass
	//   （面积大者优先 largest areas first）:
	//   业主302               80.00 平方米 m²  现为 now 未表决 / not voted
	//   业主101               70.00 平方米 m²  现为 now 反对 / oppose  占用 occupied
	//   注 Note: includes 1 owner(s) of occupied parts, whose consent is required
}

// The Kanghua compound: 141 households are asked to prepay a 70万 gas installation fee.
// 70万 over 141 is not a whole number of fen, so EqualDues apportions it exactly: 127
// households are asked ¥4,964.54 and 14 (the last by ID) ¥4,964.53. 135 paid, 4 signed
// waivers, 2 flats are vacant and unreachable.
func ExampleCollection_Report() {
	var ids []string
	for i := 1; i <= 141; i++ {
		ids = append(ids, fmt.Sprintf("H%03d", i))
	}
	dues, _ := survey.EqualDues(70_000_000, ids)
	c := survey.Collection{Name: "康华小区燃气入户预缴", Deadline: "2024-06-30", Dues: dues}
	for _, d := range dues[:135] {
		c.Payments = append(c.Payments, survey.Payment{Household: d.Household, AmountFen: d.AmountFen})
	}
	for _, d := range dues[135:139] {
		c.Waivers = append(c.Waivers, survey.Waiver{Household: d.Household, Proof: "放弃声明 " + d.Household})
	}
	c.Unreachable = []survey.Unreachable{{Household: "H140", Reason: "空置"}, {Household: "H141", Reason: "空置"}}
	r, err := c.Report()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("households:", r.Households, r.Count)
	fmt.Println("asked:", survey.FormatFen(r.DueFen), "collected:", survey.FormatFen(r.CollectedFen))
	fmt.Println("waived:", survey.FormatFen(r.WaivedFen), "outstanding:", survey.FormatFen(r.OutstandingFen))
	fmt.Printf("rate: %v = %s of what is due; %s of what was asked\n", r.Rate, r.RatePercent, r.RateOfAskedPercent)
	fmt.Println("to chase before", r.Deadline+":", len(r.Chase))
	for _, s := range r.UnreachedOutstanding {
		fmt.Println("unreachable:", s.Household, survey.FormatFen(s.OutstandingFen), s.Note)
	}
	// Output:
	// households: 141 map[paid:135 unreachable:2 waived:4]
	// asked: ¥700,000.00 collected: ¥670,212.82
	// waived: ¥19,858.12 outstanding: ¥9,929.06
	// rate: 33510641/34007094 = 98.54% of what is due; 95.74% of what was asked
	// to chase before 2024-06-30: 0
	// unreachable: H140 ¥4,964.53 unreachable: 空置
	// unreachable: H141 ¥4,964.53 unreachable: 空置
}

// The Shichahai coal-to-electricity census: the published figures add up; a copy with two
// slips does not, and every identity that fails is reported with its difference.
func ExampleReconcile() {
	census := func(separated, full int64) survey.Category {
		return survey.Category{Name: "登记户数", Count: 25956, Breakdowns: []survey.Breakdown{{
			Name: "按区域",
			Parts: []survey.Category{
				{Name: "集中供热区", Count: 4970},
				{Name: "煤改电范围", Count: 20986, Breakdowns: []survey.Breakdown{
					{Name: "按居住状况", Parts: []survey.Category{
						{Name: "人户合一", Count: 14538}, {Name: "出租", Count: 2234},
						{Name: "人户分离", Count: separated}, {Name: "有房无户", Count: 189},
					}},
					{Name: "按参与方式", Parts: []survey.Category{
						{Name: "全部参与", Count: full}, {Name: "仅电力增容", Count: 1481},
					}},
				}},
			},
		}}}
	}
	m, _ := survey.Reconcile(census(4025, 19505))
	fmt.Println("published:", len(m), "mismatches")
	m, _ = survey.Reconcile(census(4052, 19550))
	for _, x := range m {
		fmt.Println(x)
	}
	// Output:
	// published: 0 mismatches
	// 登记户数 / 煤改电范围 (按居住状况): 20,986 ≠ 14,538 + 2,234 + 4,052 + 189 = 21,013, difference -27
	// 登记户数 / 煤改电范围 (按参与方式): 20,986 ≠ 19,550 + 1,481 = 21,031, difference -45
}

// A canvass of three stairwells sorted into ready to sign, few objectors and waiting.
func ExampleTriage() {
	var parts []survey.Part
	var responses []survey.Response
	// One letter per flat, 101, 102, 201 … 602: a agree, o oppose, u undecided, - not reached.
	for u, answers := range []string{"aaaaaaaaaaoo", "aaaoooaaaa--", "uuuu--aaaaoo"} {
		for i, c := range answers {
			id := fmt.Sprintf("%d-%d0%d", u+1, i/2+1, i%2+1)
			parts = append(parts, survey.Part{ID: id, Owner: id, Area: 7500, Building: "5号楼", Unit: fmt.Sprint(u+1) + "单元"})
			v := map[rune]survey.Vote{'a': survey.Agree, 'o': survey.Oppose, 'u': survey.Abstain, '-': survey.NoVote}[c]
			responses = append(responses, survey.Response{Part: id, Vote: v, Floor: i/2 + 1})
		}
	}
	stairwells, err := survey.Triage(parts, responses, survey.TriageOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range stairwells {
		fmt.Printf("%s: %s %s, visit %d", s.Key, s.Group.Chinese(), s.Group, len(s.Visit))
		if s.Group == survey.FewObjectors {
			fmt.Printf(" (%s: %s)", s.Visit[0].Owner, s.Visit[0].Vote)
		}
		fmt.Println()
	}
	for _, r := range survey.RatesByFloor(responses)[:2] {
		fmt.Printf("floor %s: %d of %d agree, 95%% CI %.2f–%.2f\n", r.Group, r.Agree, r.Responded, r.Low, r.High)
	}
	// Output:
	// 5号楼 1单元: 可以签约 ready-to-sign, visit 0
	// 5号楼 2单元: 个别反对 few-objectors, visit 1 (2-202: oppose)
	// 5号楼 3单元: 观望 waiting, visit 8
	// floor 1: 4 of 6 agree, 95% CI 0.30–0.90
	// floor 2: 3 of 6 agree, 95% CI 0.19–0.81
}

// A roster as street offices keep it, with Chinese headers; the first part's area comes from
// the register, SPC interpretation Art. 8, and its owner holds two flats.
func ExampleReadRoster() {
	csv := "房号,业主,登记面积,实测面积,状态,表决\n" +
		"101,业主甲,62.35,62.80,,同意\n" +
		"102,业主甲,,58.80,,同意\n" +
		"201,,62.35,,未售,弃权\n" +
		"202,李强,58.80,,,\n"
	roster, err := survey.ReadRoster(strings.NewReader(csv), "花名册.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range roster.Parts {
		fmt.Println(p.ID, p.CountedOwner(), p.Area, p.AreaSource)
	}
	rule, _ := survey.Preset("civil-code-2021-ordinary")
	res, _ := survey.Tally(roster.Poll(), rule)
	fmt.Println(res.Total.Owners, "owners,", res.Participating.Owners, "took part,", res.Agreeing.Owners, "agree:", res.Passed)

	_, err = survey.ReadRoster(strings.NewReader("房号,业主,面积\n101,业主甲,七十\n"), "花名册.csv")
	fmt.Println(err)
	// Output:
	// 101 业主甲 62.35 register
	// 102 业主甲 58.80 survey
	// 201 建设单位 62.35 register
	// 202 李强 58.80 register
	// 3 owners, 2 took part, 1 agree: false
	// 花名册.csv row 2 column 面积: invalid area: "七十" is not a number of square metres
}
