package roster

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
)

const workCSV = "问题清单\n" +
	"小区,问题,类别,严重程度,改造项目,数量,计量单位,费用（元）,责任单位,资金来源,出资单位,完成时限,状态,模拟数据\n" +
	"新郑路31号院,下水道堵塞,基础类,较重,water_drainage,3,处,20000,铁路局,原产权单位,铁路局,,已完成,否\n" +
	"康华小区,未通管道天然气,基础类,主要,gas,141,户,70万,燃气公司,residents,,2024-11-15,in_progress,否\n" +
	"康华小区,未通管道天然气,basic,main,roads,127,米,,燃气公司,,,2024-11-15,实施中,是\n"

func TestReadWorkItems(t *testing.T) {
	got, err := ReadWorkItems(strings.NewReader(workCSV), "problems.csv", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	q127, _ := budget.ParseWeight("127")
	q141, _ := budget.ParseWeight("141")
	q3, _ := budget.ParseWeight("3")
	want := []renovation.SiteProblem{
		{Compound: "新郑路31号院", What: "下水道堵塞", Category: budget.CategoryBasic, Severity: renovation.SeverityMajor,
			Items: []renovation.WorkItem{{Item: "water_drainage", Quantity: q3, Unit: "处", Cost: 20000 * budget.Yuan, Priced: true,
				Responsible: "铁路局", Funding: budget.PropertyUnit, Funder: "铁路局", Status: renovation.WorkDone}}},
		{Compound: "康华小区", What: "未通管道天然气", Category: budget.CategoryBasic, Severity: renovation.SeverityMain,
			Items: []renovation.WorkItem{
				{Item: "gas", Quantity: q141, Unit: "户", Cost: 700000 * budget.Yuan, Priced: true, Responsible: "燃气公司",
					Funding: budget.Residents, Deadline: "2024-11-15", Status: renovation.WorkInProgress},
				{Item: "roads", Quantity: q127, Unit: "米", Responsible: "燃气公司", Deadline: "2024-11-15",
					Status: renovation.WorkInProgress, Synthetic: true}}},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b budget.Weight) bool { return a.Cmp(b) == 0 })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Written and read again, the list is the same.
	var buf bytes.Buffer
	if err := WriteWorkItemsCSV(&buf, got); err != nil {
		t.Fatal(err)
	}
	again, err := ReadWorkItems(&buf, "again.csv", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, again, cmp.Comparer(func(a, b budget.Weight) bool { return a.Cmp(b) == 0 })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestReadWorkItemsErrors(t *testing.T) {
	head := "小区,问题,类别,改造项目,数量,状态,费用,资金来源,完成时限\n"
	for name, c := range map[string]struct{ row, want string }{
		"category":     {"a,b,其他类,roads,1,未开工,,,\n", "row 2 column 类别"},
		"quantity":     {"a,b,基础类,roads,一,未开工,,,\n", "row 2 column 数量"},
		"cost":         {"a,b,基础类,roads,1,未开工,1.234,,\n", "row 2 column 费用"},
		"funding":      {"a,b,基础类,roads,1,未开工,,彩票,\n", "row 2 column 资金来源"},
		"deadline":     {"a,b,基础类,roads,1,未开工,,,11月15日\n", "row 2 column 完成时限"},
		"status":       {"a,b,基础类,roads,1,done?,,,\n", "row 2 column 状态"},
		"disagreement": {"a,b,基础类,roads,1,未开工,,,\na,b,完善类,roads,1,未开工,,,\n", "row 3"},
		"no data":      {"", "no data rows"},
		"cell count":   {"a,b,基础类,roads,1,未开工\n", "row 2"},
	} {
		_, err := ReadWorkItems(strings.NewReader(head+c.row), "p.csv", false, nil)
		var ce *CellError
		if err == nil || !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one naming %q", name, err, c.want)
		}
	}
}

func FuzzReadWorkItems(f *testing.F) {
	f.Add([]byte(workCSV), false)
	f.Add([]byte("小区,问题,类别,改造项目,数量,状态\na,b,基础类,x,1/3,未开工\n"), false)
	f.Add([]byte("PK\x03\x04"), true)
	f.Fuzz(func(t *testing.T, data []byte, isXLSX bool) {
		ps, err := ReadWorkItems(bytes.NewReader(data), "fuzz", isXLSX, &Options{MaxBytes: 1 << 16, MaxUnpacked: 1 << 20})
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteWorkItemsCSV(&buf, ps); err != nil {
			t.Fatal(err)
		}
		again, err := ReadWorkItems(&buf, "again", false, nil)
		if err != nil {
			t.Fatalf("written list does not read back: %v\n%s", err, buf.String())
		}
		if len(again) != len(ps) {
			t.Fatalf("%d problems read back, want %d", len(again), len(ps))
		}
	})
}
