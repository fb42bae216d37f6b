package survey

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shichahai is the Shichahai coal-to-electricity census as the issue gives it.
func shichahai() Category {
	return Category{Name: "登记户数", Count: 25956, Breakdowns: []Breakdown{{
		Name: "按区域 by zone",
		Parts: []Category{
			{Name: "集中供热区", Count: 4970},
			{Name: "煤改电范围", Count: 20986, Breakdowns: []Breakdown{
				{Name: "按居住状况 by residence", Parts: []Category{
					{Name: "人户合一", Count: 14538},
					{Name: "出租", Count: 2234},
					{Name: "人户分离", Count: 4025},
					{Name: "有房无户", Count: 189},
				}},
				{Name: "按参与方式 by take-up", Parts: []Category{
					{Name: "全部参与", Count: 19505},
					{Name: "仅电力增容", Count: 1481},
				}},
			}},
		},
	}}}
}

func TestReconcileShichahai(t *testing.T) {
	m, err := Reconcile(shichahai())
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 0 {
		t.Errorf("the published figures add up, got %v", m)
	}
}

func TestReconcileBroken(t *testing.T) {
	c := shichahai()
	scope := &c.Breakdowns[0].Parts[1]
	scope.Breakdowns[0].Parts[2].Count = 4052  // transposed digits
	scope.Breakdowns[1].Parts[0].Count = 19550 // another slip
	c.Breakdowns[0].Parts[0].Count = 4907      // and in the zone split
	scope.OfWhich = []Category{{Name: "低保户", Count: 21000}}
	got, err := Reconcile(c)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, m := range got {
		lines = append(lines, m.String())
	}
	want := []string{
		"登记户数 (按区域 by zone): 25,956 ≠ 4,907 + 20,986 = 25,893, difference +63",
		"登记户数 / 煤改电范围 (按居住状况 by residence): 20,986 ≠ 14,538 + 2,234 + 4,052 + 189 = 21,013, difference -27",
		"登记户数 / 煤改电范围 (按参与方式 by take-up): 20,986 ≠ 19,550 + 1,481 = 21,031, difference -45",
		"登记户数 / 煤改电范围 (of which 低保户): of which 21,000 exceeds the whole 20,986 by 14",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got[1].Difference != -27 || got[1].Sum != 21013 || got[1].Kind != SumMismatch {
		t.Errorf("%+v", got[1])
	}
}

func TestReconcileJSONAndErrors(t *testing.T) {
	var c Category
	in := `{"name":"户","count":10,"breakdowns":[{"parts":[{"name":"a","count":4},{"name":"b","count":-1}]}]}`
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	got, err := Reconcile(c)
	if err != nil {
		t.Fatal(err)
	}
	want := []Mismatch{
		{Kind: SumMismatch, Path: "户", Breakdown: "breakdown 1", Declared: 10, Sum: 3, Difference: 7, Terms: []int64{4, -1}},
		{Kind: NegativeCount, Path: "户 / b", Declared: -1, Difference: -1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	bad := []Category{
		{Name: ""},
		{Name: "x", Breakdowns: []Breakdown{{Parts: []Category{{Name: "a"}, {Name: "a"}}}}},
		{Name: "x", Breakdowns: []Breakdown{{Parts: []Category{{Name: "a", Count: 1 << 62}, {Name: "b", Count: 1 << 62}}}}},
	}
	deep := Category{Name: "d"}
	for range 100 {
		deep = Category{Name: "d", Breakdowns: []Breakdown{{Parts: []Category{deep}}}}
	}
	bad = append(bad, deep)
	for i, c := range bad {
		if _, err := Reconcile(c); !errors.Is(err, ErrInvalidCensus) {
			t.Errorf("bad %d: %v", i, err)
		}
	}
}
