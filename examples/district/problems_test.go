package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// runJSON runs the command with -json and the given flags into a temporary folder and
// returns the decoded output.
func runJSON(t *testing.T, args ...string) map[string]json.RawMessage {
	t.Helper()
	var out []byte
	if len(args) == 0 {
		out = defaultJSON(t)
	} else {
		var b bytes.Buffer
		if err := run(context.Background(), append([]string{"-json", "-out", t.TempDir()}, args...), &b, io.Discard); err != nil {
			t.Fatal(err)
		}
		out = b.Bytes()
	}
	var v map[string]json.RawMessage
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("-json output: %v", err)
	}
	return v
}

// defaultOnce runs the default sample once for all the tests that read its -json: each run
// takes seconds under the race detector, and no test changes what it reads.
var (
	defaultOnce sync.Once
	defaultOut  []byte
	defaultErr  error
)

// defaultJSON returns the -json output of the default sample, run once.
func defaultJSON(t *testing.T) []byte {
	t.Helper()
	defaultOnce.Do(func() {
		dir, err := os.MkdirTemp("", "district-json")
		if err != nil {
			defaultErr = err
			return
		}
		defer os.RemoveAll(dir)
		var b bytes.Buffer
		defaultErr = run(context.Background(), []string{"-json", "-out", dir}, &b, io.Discard)
		defaultOut = b.Bytes()
	})
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultOut
}

// objectKeys returns the sorted keys of every object in a JSON array, failing when two
// objects differ in keys.
func objectKeys(t *testing.T, name string, raw json.RawMessage) ([]string, []map[string]json.RawMessage) {
	t.Helper()
	var objs []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &objs); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(objs) == 0 {
		t.Fatalf("%s is empty", name)
	}
	var keys []string
	for i, o := range objs {
		var k []string
		for key := range o {
			k = append(k, key)
		}
		slices.Sort(k)
		if i == 0 {
			keys = k
		} else if !slices.Equal(k, keys) {
			t.Fatalf("%s[%d] has keys %v, %s[0] has %v", name, i, k, name, keys)
		}
	}
	return keys, objs
}

// The contract of issue 17: -sample zhengzhou -json has problems and standards with exactly
// these keys, and the figures of the source report.
func TestZhengzhouJSON(t *testing.T) {
	v := runJSON(t, "-sample", "zhengzhou")

	keys, problems := objectKeys(t, "problems", v["problems"])
	if diff := cmp.Diff([]string{"category", "compound", "items", "what"}, keys); diff != "" {
		t.Errorf("problem keys (-want +got):\n%s", diff)
	}
	type item struct {
		Item        string `json:"item"`
		Quantity    string `json:"quantity"`
		Unit        string `json:"unit"`
		CostFen     int64  `json:"cost_fen"`
		Responsible string `json:"responsible"`
		Funding     string `json:"funding"`
		Deadline    string `json:"deadline"`
		Status      string `json:"status"`
	}
	var gas []item
	var items int
	for i, p := range problems {
		k, _ := objectKeys(t, "items", p["items"])
		if diff := cmp.Diff([]string{"cost_fen", "deadline", "funding", "item", "quantity", "responsible", "status", "unit"}, k); diff != "" {
			t.Errorf("problem %d item keys (-want +got):\n%s", i, diff)
		}
		var compound, what string
		var its []item
		json.Unmarshal(p["compound"], &compound)
		json.Unmarshal(p["what"], &what)
		if err := json.Unmarshal(p["items"], &its); err != nil {
			t.Fatal(err)
		}
		items += len(its)
		if compound == "金城街康华小区" && what == "未通管道天然气" {
			gas = its
		}
	}
	if len(problems) != 10 || items != 11 {
		t.Errorf("%d problems with %d items, want 10 with 11 (problems.csv)", len(problems), items)
	}
	// Piped gas: 70万元 over 141 households, and 127 m of pavement cut.
	want := []item{
		{Item: "gas", Quantity: "141", Unit: "户", CostFen: 70_000_000, Responsible: "燃气公司", Funding: "residents", Deadline: "2024-11-15", Status: "in_progress"},
		{Item: "roads", Quantity: "127", Unit: "米", CostFen: 3_810_000, Responsible: "燃气公司", Funding: "utilities", Deadline: "2024-11-15", Status: "in_progress"},
	}
	if diff := cmp.Diff(want, gas); diff != "" {
		t.Errorf("康华小区 gas items (-want +got):\n%s", diff)
	}

	keys, standards := objectKeys(t, "standards", v["standards"])
	if diff := cmp.Diff([]string{"actual", "community", "passed", "required", "rule", "shortfall"}, keys); diff != "" {
		t.Errorf("standard keys (-want +got):\n%s", diff)
	}
	required := map[string]string{}
	for _, s := range standards {
		var c, r, q string
		json.Unmarshal(s["community"], &c)
		json.Unmarshal(s["rule"], &r)
		json.Unmarshal(s["required"], &q)
		required[c+" "+r] = q
	}
	// 30 m² per 100 households: 141 → 42.30, 335 → 100.50; 20 m²: 28.20 and 67.00.
	for k, w := range map[string]string{
		"zz-kanghua complete-community-service": "42.30", "zz-xinzhenglu31 complete-community-service": "100.50",
		"zz-kanghua elderly-service-existing": "28.20", "zz-xinzhenglu31 elderly-service-existing": "67.00",
		"zz-kanghua liuzhou-service-rooms": "500.00",
	} {
		if required[k] != w {
			t.Errorf("%s requires %q, want %q", k, required[k], w)
		}
	}

	var ind struct {
		Compounds []struct {
			Name       string `json:"name"`
			Households int    `json:"households"`
			Buildings  int    `json:"buildings"`
		} `json:"compounds"`
	}
	if err := json.Unmarshal(v["indicators"], &ind); err != nil {
		t.Fatal(err)
	}
	type fig struct {
		Name                  string
		Households, Buildings int
	}
	var figs []fig
	for _, c := range ind.Compounds {
		figs = append(figs, fig{c.Name, c.Households, c.Buildings})
	}
	if diff := cmp.Diff([]fig{{"新郑路31号院", 335, 8}, {"金城街康华小区", 141, 3}}, figs); diff != "" {
		t.Errorf("compounds (-want +got):\n%s", diff)
	}

	var pre struct {
		Compound string `json:"compound"`
		AsOf     string `json:"as_of"`
		Dues     []struct {
			Household string `json:"household"`
			AmountFen int64  `json:"amount_fen"`
		} `json:"dues"`
		Report struct {
			Households     int            `json:"households"`
			Count          map[string]int `json:"count"`
			DueFen         int64          `json:"due_fen"`
			CollectedFen   int64          `json:"collected_fen"`
			WaivedFen      int64          `json:"waived_fen"`
			OutstandingFen int64          `json:"outstanding_fen"`
			Deadline       string         `json:"deadline"`
		} `json:"report"`
	}
	if err := json.Unmarshal(v["prepayment"], &pre); err != nil {
		t.Fatal(err)
	}
	var sum int64
	seen := map[string]bool{}
	for _, d := range pre.Dues {
		sum += d.AmountFen
		seen[d.Household] = true
	}
	if len(pre.Dues) != 141 || len(seen) != 141 || sum != 70_000_000 {
		t.Errorf("gas dues: %d (%d households) summing to %d fen, want 141 summing to 70000000", len(pre.Dues), len(seen), sum)
	}
	r := pre.Report
	counts := map[string]int{}
	for k, n := range r.Count {
		if n != 0 {
			counts[k] = n
		}
	}
	if diff := cmp.Diff(map[string]int{"paid": 135, "waived": 4, "unreachable": 2}, counts); diff != "" {
		t.Errorf("prepayment counts (-want +got):\n%s", diff)
	}
	if r.Households != 141 || r.DueFen != 70_000_000 || r.CollectedFen+r.WaivedFen+r.OutstandingFen != r.DueFen ||
		r.Deadline != "2024-11-15" || pre.AsOf != "2024-11-08" || pre.Compound != "zz-kanghua" {
		t.Errorf("prepayment: %+v as of %s", r, pre.AsOf)
	}
}

// The Lujiazui sample has no problem list: problems is an empty array, not absent, and the
// standards are checked all the same.
func TestNoProblemsJSON(t *testing.T) {
	v := runJSON(t)
	if string(v["problems"]) != "[]" {
		t.Errorf("problems = %s, want []", v["problems"])
	}
	if _, ok := v["prepayment"]; ok {
		t.Error("Lujiazui has a prepayment")
	}
	objectKeys(t, "standards", v["standards"])
}

// report.html and district.xlsx show the problem list, the standards and the 片区 as tables.
func TestWorkTables(t *testing.T) {
	dir := t.TempDir()
	if err := run(context.Background(), []string{"-sample", "zhengzhou", "-pianqu", "auto", "-out", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"问题清单 Problems and work items", "未通管道天然气", "700,000.00", "配套标准 Facility standards", "liuzhou-service-rooms", "42.30", "片区 Area-wide renovation units", "新郑路31号院"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "district.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range []string{"问题清单", "配套标准", "片区"} {
		if !slices.Contains(f.GetSheetList(), s) {
			t.Errorf("district.xlsx has no sheet %s: %v", s, f.GetSheetList())
		}
	}
	if v, _ := f.GetCellValue("问题清单", "C9"); v != "未通管道天然气" {
		t.Errorf("问题清单 C9 = %q, want 未通管道天然气 (the gas problem's first item)", v)
	}
}
