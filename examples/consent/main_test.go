package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// runJSON runs the program with args and decodes its JSON output.
func runJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("run %v: exit %d, stderr %s", args, code, errb.String())
	}
	var m map[string]any
	dec := json.NewDecoder(&out)
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("run %v: output is not one JSON object: %v", args, err)
	}
	if dec.More() {
		t.Fatalf("run %v: more than one JSON value", args)
	}
	return m
}

func keys(m map[string]any) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}

// checkShape checks the contract's keys: counts are exactly {owners, area_m2}, clauses
// exactly the nine keys, needed has owners and owner_ids.
func checkShape(t *testing.T, m map[string]any) {
	t.Helper()
	for _, k := range []string{"passed", "total", "participating", "agreeing", "clauses", "needed"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no key %q", k)
		}
	}
	for _, k := range []string{"total", "participating", "agreeing"} {
		if diff := cmp.Diff([]string{"area_m2", "owners"}, keys(m[k].(map[string]any))); diff != "" {
			t.Errorf("%s keys (-want +got):\n%s", k, diff)
		}
	}
	for i, c := range m["clauses"].([]any) {
		want := []string{"base", "denominator", "held", "inclusive", "margin", "measure", "name", "numerator", "threshold"}
		if diff := cmp.Diff(want, keys(c.(map[string]any))); diff != "" {
			t.Errorf("clause %d keys (-want +got):\n%s", i, diff)
		}
	}
	nd := m["needed"].(map[string]any)
	for _, k := range []string{"owners", "owner_ids"} {
		if _, ok := nd[k]; !ok {
			t.Errorf("needed has no %q", k)
		}
	}
}

func TestBoundaryJSON(t *testing.T) {
	m := runJSON(t, "-parts", "testdata/boundary.csv", "-rule", "civil-code-2021-major", "-json")
	checkShape(t, m)
	got := map[string]any{
		"passed": m["passed"], "total": m["total"], "participating": m["participating"],
		"agreeing": m["agreeing"], "clauses": m["clauses"], "needed": m["needed"],
	}
	want := map[string]any{
		"passed":        true,
		"total":         map[string]any{"owners": json.Number("12"), "area_m2": "900.00"},
		"participating": map[string]any{"owners": json.Number("8"), "area_m2": "600.00"},
		"agreeing":      map[string]any{"owners": json.Number("6"), "area_m2": "450.00"},
		"clauses": []any{
			map[string]any{"name": "participating area ≥ 2/3 of all", "measure": "area", "base": "all", "threshold": "2/3", "inclusive": true, "numerator": "600.00", "denominator": "900.00", "held": true, "margin": "0.00"},
			map[string]any{"name": "participating owners ≥ 2/3 of all", "measure": "headcount", "base": "all", "threshold": "2/3", "inclusive": true, "numerator": json.Number("8"), "denominator": json.Number("12"), "held": true, "margin": json.Number("0")},
			map[string]any{"name": "agreeing area ≥ 3/4 of participating", "measure": "area", "base": "participating", "threshold": "3/4", "inclusive": true, "numerator": "450.00", "denominator": "600.00", "held": true, "margin": "0.00"},
			map[string]any{"name": "agreeing owners ≥ 3/4 of participating", "measure": "headcount", "base": "participating", "threshold": "3/4", "inclusive": true, "numerator": json.Number("6"), "denominator": json.Number("8"), "held": true, "margin": json.Number("0")},
		},
		"needed": map[string]any{"owners": json.Number("0"), "owner_ids": []any{}, "possible": true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestShortJSON(t *testing.T) {
	m := runJSON(t, "-parts", "testdata/short.csv", "-json")
	checkShape(t, m)
	if m["passed"] != false {
		t.Errorf("passed = %v", m["passed"])
	}
	clauses := m["clauses"].([]any)
	var margins []any
	for _, c := range clauses {
		margins = append(margins, c.(map[string]any)["margin"])
	}
	// 7 of 12 take part (525.00 m²); 5 of them agree (375.00 m²).
	if diff := cmp.Diff([]any{"-75.00", json.Number("-1"), "-18.75", json.Number("-1")}, margins); diff != "" {
		t.Errorf("margins (-want +got):\n%s", diff)
	}
	// One more agreeing non-voter completes the quorum and the 3/4: the first by ID of the
	// equal-area non-voters.
	want := map[string]any{"owners": json.Number("1"), "owner_ids": []any{"O08"}, "possible": true}
	if diff := cmp.Diff(want, m["needed"]); diff != "" {
		t.Errorf("needed (-want +got):\n%s", diff)
	}
}

func TestChineseRosterJSON(t *testing.T) {
	m := runJSON(t, "-parts", "testdata/chinese.csv", "-json")
	checkShape(t, m)
	got := map[string]any{"total": m["total"], "participating": m["participating"], "agreeing": m["agreeing"], "needed": m["needed"]}
	want := map[string]any{
		"total":         map[string]any{"owners": json.Number("4"), "area_m2": "450.00"},
		"participating": map[string]any{"owners": json.Number("3"), "area_m2": "300.00"},
		"agreeing":      map[string]any{"owners": json.Number("2"), "area_m2": "150.00"},
		"needed":        map[string]any{"owners": json.Number("1"), "owner_ids": []any{"建设单位"}, "possible": true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	problems := m["problems"].([]any)
	if len(problems) != 1 || problems[0].(map[string]any)["detail"] != `owner "甲" cast different votes: agree (testdata/chinese.csv row 2), oppose (testdata/chinese.csv row 3); none is counted` {
		t.Errorf("problems = %v", problems)
	}
}

func TestRuleFile(t *testing.T) {
	m := runJSON(t, "-parts", "testdata/boundary.csv", "-rule", "testdata/rule.json", "-json")
	// 6 of 12 agree: short of 2/3 of all on both measures. Two more are needed; non-voters
	// are preferred to opposers (they have not said no), equal areas by ID.
	if m["passed"] != false || m["rule"] != "two-thirds-of-all" {
		t.Errorf("passed %v rule %v", m["passed"], m["rule"])
	}
	want := map[string]any{"owners": json.Number("2"), "owner_ids": []any{"O09", "O10"}, "possible": true}
	if diff := cmp.Diff(want, m["needed"]); diff != "" {
		t.Errorf("needed (-want +got):\n%s", diff)
	}
}

func TestEveryPreset(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-list"}, &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 13 {
		t.Fatalf("-list printed %d rules", len(lines))
	}
	for _, l := range lines {
		name := strings.Fields(l)[0]
		m := runJSON(t, "-parts", "testdata/boundary.csv", "-rule", name, "-json")
		checkShape(t, m)
		if m["rule"] != name {
			t.Errorf("rule = %v, want %s", m["rule"], name)
		}
	}
}

func TestSampleReport(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"示例楼道 Sample stairwell",
		"表决结果 Result: 未通过 / NOT PASSED",
		"[✓] 同意人数占参与表决人数 ≥ 3/4 | agreeing owners ≥ 3/4 of participating",
		"✗ 业主A (62.35 平方米 m²): 反对 / oppose",
		"再有 1 位业主同意即可通过",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	m := runJSON(t, "-json")
	want := map[string]any{"owners": json.Number("1"), "owner_ids": []any{"业主A"}, "possible": true,
		"reason": "includes 1 owner(s) of occupied parts, whose consent is required"}
	if diff := cmp.Diff(want, m["needed"]); diff != "" {
		t.Errorf("sample needed (-want +got):\n%s", diff)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-parts", "testdata/bad.csv", "-json"}, 1, `consent: testdata/bad.csv row 3 column area_m2: invalid area: "七十" is not a number of square metres`},
		{[]string{"-parts", "testdata/none.csv"}, 1, "consent: open testdata/none.csv: no such file or directory"},
		{[]string{"-rule", "civil-code-2025"}, 2, `consent: unknown rule "civil-code-2025": known rules are beijing-2020-elevator,`},
		{[]string{"-rule", "testdata/missing.json"}, 1, "consent: open testdata/missing.json"},
		{[]string{"-frobnicate"}, 2, "flag provided but not defined: -frobnicate"},
		{[]string{"extra"}, 2, `consent: unexpected argument "extra"`},
	}
	for _, tc := range tests {
		var out, errb bytes.Buffer
		code := run(tc.args, &out, &errb)
		if code != tc.code || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("run %v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errb.String(), tc.code, tc.want)
		}
		if out.Len() != 0 {
			t.Errorf("run %v: wrote to stdout on error: %q", tc.args, out.String())
		}
	}
}

// Issue 12: the consent example garbled a GBK file. Read as GBK, with CR line endings, the
// roster tallies as its UTF-8 copy does.
func TestGBKParts(t *testing.T) {
	utf, err := os.ReadFile("testdata/chinese.csv")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.ReplaceAll(bytes.ReplaceAll(bytes.TrimPrefix(utf, []byte("\ufeff")), []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r")))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "chinese.csv")
	if err := os.WriteFile(p, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(runJSON(t, "-parts", "testdata/chinese.csv", "-json"))
	got, _ := json.Marshal(runJSON(t, "-parts", p, "-json"))
	if diff := cmp.Diff(string(want), strings.ReplaceAll(string(got), p, "testdata/chinese.csv")); diff != "" {
		t.Errorf("GBK roster (-utf8 +gbk):\n%s", diff)
	}
}

// An unread column is named with the nearest column read; -strict makes it an error, and -h
// prints the usage and exits 0.
func TestStrictAndHelp(t *testing.T) {
	p := filepath.Join(t.TempDir(), "parts.csv")
	if err := os.WriteFile(p, []byte("房号,业主,面积,表决意件\n101,甲,80,同意\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"-parts", p}, &out, &errb); code != 0 || !strings.Contains(errb.String(), `column "表决意件" is not read — did you mean "表决意见"?`) {
		t.Errorf("exit %d, stderr %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"-parts", p, "-strict"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "-strict makes this an error") {
		t.Errorf("-strict: exit %d, stderr %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "usage: consent") {
		t.Errorf("-h: exit %d, stderr %s", code, errb.String())
	}
}
