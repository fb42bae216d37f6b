package renovation

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/survey"
)

// wan returns n万 m² as an Area; n is given in units of 0.01万 m² (100 m²) to stay exact.
func wan(hundredths int64) survey.Area { return survey.Area(hundredths * 100 * 100) }

// The Haidian 2013 programme: task 140万 m²; started 164.46万 m², of which seismic-and-energy
// 7.36万 and energy-and-environment 157.1万; completed 162.84万 m², 116.3% of the task;
// 33 compounds, 289 buildings, 23,553 households.
func TestRollupHaidian(t *testing.T) {
	tasks := []Task{{District: "海淀区", Target: Workload{FloorArea: wan(14000)}}}
	progress := []Progress{
		{District: "海淀区", Type: "抗震节能综合改造", Started: Workload{FloorArea: wan(736)}},
		{District: "海淀区", Type: "节能及环境整治", Started: Workload{FloorArea: wan(15710)}},
		{District: "海淀区", Completed: Workload{FloorArea: wan(16284), Compounds: 33, Buildings: 289, Households: 23553}},
	}
	total := Rollup(tasks, progress, Total)
	if len(total) != 1 {
		t.Fatalf("Total gave %d lines", len(total))
	}
	l := total[0]
	if l.Started.FloorArea != wan(16446) || l.Completed.FloorArea != wan(16284) || l.Target.FloorArea != wan(14000) {
		t.Errorf("total = %+v", l)
	}
	if got := l.CompletedRate.String(); got != "116.3%" {
		t.Errorf("completed rate = %s, want 116.3%%", got)
	}
	if got := l.StartedRate.String(); got != "117.5%" {
		t.Errorf("started rate = %s, want 117.5%%", got)
	}
	if l.Completed.Compounds != 33 || l.Completed.Buildings != 289 || l.Completed.Households != 23553 {
		t.Errorf("counts = %+v", l.Completed)
	}
	byType := Rollup(tasks, progress, ByType)
	var keys []string
	var started []survey.Area
	for _, l := range byType {
		keys = append(keys, l.Key)
		started = append(started, l.Started.FloorArea)
	}
	if diff := cmp.Diff([]string{"", "抗震节能综合改造", "节能及环境整治"}, keys); diff != "" {
		t.Errorf("type keys (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]survey.Area{0, wan(736), wan(15710)}, started); diff != "" {
		t.Errorf("started by type (-want +got):\n%s", diff)
	}
	if byType[1].CompletedRate != nil {
		t.Errorf("a type without a target has a rate: %v", byType[1].CompletedRate)
	}
	b, err := json.Marshal(l.CompletedRate)
	if err != nil || string(b) != `{"num":162840000,"den":140000000,"percent":"116.3"}` {
		t.Errorf("rate JSON = %s, %v", b, err)
	}
}

func TestRatePercent(t *testing.T) {
	tests := []struct {
		r        Rate
		decimals int
		want     string
	}{
		{Rate{1, 3}, 1, "33.3"}, {Rate{2, 3}, 1, "66.7"}, {Rate{1, 8}, 1, "12.5"}, {Rate{1, 16}, 2, "6.25"},
		{Rate{1, 1600}, 2, "0.06"}, {Rate{-1, 8}, 0, "-13"}, {Rate{0, 5}, 1, "0.0"}, {Rate{5, 0}, 1, "—"},
		{Rate{1, 2000}, 1, "0.1"}, // 0.05 rounds half away from zero
	}
	for _, tc := range tests {
		if got := tc.r.Percent(tc.decimals); got != tc.want {
			t.Errorf("%d/%d with %d decimals = %s, want %s", tc.r.Num, tc.r.Den, tc.decimals, got, tc.want)
		}
	}
}
