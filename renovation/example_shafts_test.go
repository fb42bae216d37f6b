package renovation_test

import (
	"context"
	"fmt"

	"github.com/xiaoqu/xiaoqu/renovation"
)

// Two 6-storey slabs 22 m apart in Shanghai: the shaft of unit 2 of the south one fits, and
// takes some of the north one's sun on 大寒日.
func ExampleAssessShafts() {
	d := twoSlabs(22)
	rep, err := renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := rep.Shafts[1]
	fmt.Printf("%s on %s: shaft %.1f m, fits %v\n", rep.Standard.TermZh, rep.Day, s.Height, s.Fit.Fits)
	for _, r := range s.Fit.Reasons {
		fmt.Println(" ", r)
	}
	l := s.Sunlight[0]
	fmt.Printf("building %s unit %s household %s: %d → %d min (standard %d)\n", l.Building, l.Unit, l.Household, l.MinutesBefore, l.MinutesAfter, l.StandardMinutes)
	// Output:
	// 大寒日 on 2026-01-20: shaft 18.9 m, fits true
	//   ok: no other building within 7.00 m (needs 6.00 m [UNVERIFIED])
	//   ok: 58.70 m inside the boundary of 测试小区 (needs 0.00 m [N])
	// building N unit 1 household 202: 416 → 376 min (standard 120)
}
