package renovation

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckEligibility(t *testing.T) {
	d := District{Compounds: []Compound{
		{ID: "a", Name: "乳山二村", BuiltYear: 1986},
		{ID: "b", Name: "新区", BuiltYear: 2001},
		{ID: "c", Name: "边界", BuiltYear: 2000},
		{ID: "d", Name: "混合", Buildings: []Building{{ID: "1", BuiltYear: 1995}, {ID: "2", BuiltYear: 2003}, {ID: "3"}}},
		{ID: "e", Name: "老楼", Buildings: []Building{{ID: "1", BuiltYear: 1990}, {ID: "2", BuiltYear: 1998, Synthetic: []string{"built_year"}}}},
		{ID: "f", Buildings: []Building{{ID: "1"}}},
		{ID: "g", Name: "模拟", BuiltYear: 1990, Synthetic: []string{"*"}},
	}}
	got := CheckEligibility(&d, NationalEligibility())
	want := []Eligibility{
		{CompoundID: "a", Name: "乳山二村", Status: Eligible, BuiltYear: 1986, Reason: "completed 1986, by the end of 2000", ReasonZH: "1986年建成，属于2000年底前建成"},
		{CompoundID: "b", Name: "新区", Status: Ineligible, BuiltYear: 2001, Reason: "completed 2001, after 2000", ReasonZH: "2001年建成，晚于2000年底"},
		{CompoundID: "c", Name: "边界", Status: Eligible, BuiltYear: 2000, Reason: "completed 2000, by the end of 2000", ReasonZH: "2000年建成，属于2000年底前建成"},
		{CompoundID: "d", Name: "混合", Status: PartlyEligible, BuiltYear: 2003,
			Reason:   "1 buildings completed by the end of 2000, 1 after: 2 (2003); 1 buildings have no year",
			ReasonZH: "1栋楼于2000年底前建成，1栋晚于该年：2 (2003)；另有1栋楼无年份记录"},
		{CompoundID: "e", Name: "老楼", Status: Eligible, BuiltYear: 1998, Synthetic: true,
			Reason: "all 2 buildings with a year completed by the end of 2000 (latest 1998)", ReasonZH: "有年份记录的2栋楼均于2000年底前建成（最晚1998年）"},
		{CompoundID: "f", Name: "f", Status: EligibilityUnknown, Reason: "built year unknown: none recorded for the compound or its 1 buildings", ReasonZH: "建成年份缺失：小区及其1栋楼均无记录"},
		{CompoundID: "g", Name: "模拟", Status: Eligible, BuiltYear: 1990, Synthetic: true, Reason: "completed 1990, by the end of 2000", ReasonZH: "1990年建成，属于2000年底前建成"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckEligibility (-want +got):\n%s", diff)
	}
	// Chengdu's 2004 cutoff admits the compound of 2001 and the mixed one.
	cd := CheckEligibility(&d, ChengduEligibility())
	if cd[1].Status != Eligible || cd[3].Status != Eligible {
		t.Errorf("Chengdu: %v, %v", cd[1], cd[3])
	}
}
