package survey_test

import (
	"fmt"
	"os"

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
