package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/examples/internal/texttable"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite testdata/expected.json")

// household is the part of the JSON contract other programs rely on.
type household struct {
	ID         string `json:"id"`
	Floor      int    `json:"floor"`
	Weight     string `json:"weight"`
	ShareFen   int64  `json:"share_fen"`
	CashDueFen int64  `json:"cash_due_fen"`
}

type output struct {
	TotalFen     int64       `json:"total_fen"`
	SubsidyFen   int64       `json:"subsidy_fen"`
	ResidentsFen int64       `json:"residents_fen"`
	Households   []household `json:"households"`
}

func runJSON(t *testing.T, args ...string) (output, []byte) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append(args, "-json"), &out, &errb); code != 0 {
		t.Fatalf("run %v: exit %d: %s", args, code, errb.String())
	}
	var o output
	if err := json.Unmarshal(out.Bytes(), &o); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	return o, out.Bytes()
}

// TestEmbeddedExample checks the no-flag run: 60万 total, Beijing's 24万 subsidy, residents'
// 36万 over floors 3–6 by floors climbed (weights 2, 3, 4, 5, two households a floor, 28 in all).
func TestEmbeddedExample(t *testing.T) {
	o, _ := runJSON(t)
	if o.TotalFen != 60000000 || o.SubsidyFen != 24000000 || o.ResidentsFen != 36000000 {
		t.Fatalf("total %d, subsidy %d, residents %d", o.TotalFen, o.SubsidyFen, o.ResidentsFen)
	}
	want := []household{
		{"101", 1, "0", 0, 0}, {"102", 1, "0", 0, 0},
		{"201", 2, "0", 0, 0}, {"202", 2, "0", 0, 0},
		{"301", 3, "2", 2571429, 2571429}, {"302", 3, "2", 2571429, 2571429},
		{"401", 4, "3", 3857143, 3857143}, {"402", 4, "3", 3857143, 3857143},
		{"501", 5, "4", 5142857, 5142857}, {"502", 5, "4", 5142857, 5142857},
		{"601", 6, "5", 6428571, 4428571}, {"602", 6, "5", 6428571, 6428571},
	}
	if diff := cmp.Diff(want, o.Households); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The text table runs too and shows the total.
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "360,000.00") {
		t.Errorf("table: exit %d, %s%s", code, out.String(), errb.String())
	}
}

// TestFixture runs a roster with a BOM, CRLF line ends, columns in another order, a hardship
// cap, a waiver, provident funds and compensation, and checks the whole JSON output.
func TestFixture(t *testing.T) {
	o, got := runJSON(t, "-households", "testdata/households.csv", "-scheme", "testdata/scheme.json")
	golden := filepath.Join("testdata", "expected.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", golden, diff)
	}
	// 550000 total; Shanghai 2020: 40% = 220000 (under the 28万 cap); residents 330000.
	if o.TotalFen != 55000000 || o.SubsidyFen != 22000000 || o.ResidentsFen != 33000000 {
		t.Fatalf("total %d, subsidy %d, residents %d", o.TotalFen, o.SubsidyFen, o.ResidentsFen)
	}
	ids := []string{}
	var sum int64
	for _, h := range o.Households {
		ids = append(ids, h.ID)
		sum += h.ShareFen
	}
	wantIDs := []string{"1-101", "1-102", "1-201", "1-202", "1-301", "1-302", "1-401", "1-402", "1-501", "1-502", "1-601", "1-602"}
	if !cmp.Equal(ids, wantIDs) || sum != o.ResidentsFen {
		t.Errorf("ids %v, Σ share %d", ids, sum)
	}
	byID := map[string]household{}
	for _, h := range o.Households {
		byID[h.ID] = h
	}
	// Weights: coefficient × area, exactly.
	for id, w := range map[string]string{"1-301": "60.55", "1-302": "42", "1-501": "77.85", "1-602": "60", "1-101": "0"} {
		if byID[id].Weight != w {
			t.Errorf("%s weight %s, want %s", id, byID[id].Weight, w)
		}
	}
	if h := byID["1-302"]; h.ShareFen != 800000 || h.CashDueFen != 800000 {
		t.Errorf("1-302 is capped at 8000: %+v", h)
	}
	if h := byID["1-401"]; h.ShareFen != 0 || h.CashDueFen != 0 {
		t.Errorf("1-401 is waived: %+v", h)
	}
	if h := byID["1-402"]; h.CashDueFen != h.ShareFen-3000000 {
		t.Errorf("1-402 cash due = share − 30000 provident fund: %+v", h)
	}
	if h := byID["1-601"]; h.CashDueFen != 0 || h.ShareFen >= 10000000 {
		t.Errorf("1-601's provident fund exceeds its share, cash due 0: %+v", h)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	scheme := write("s.json", `{"total_yuan":"1000","method":"stairs_saved","steps":{"2":"18"}}`)
	tests := []struct {
		csv, want string
	}{
		{"id,floor,area_m2\n101,1,七十\n", `row 2 column area_m2: "七十" is not a number of square metres`},
		{"id,floor,area_m2\n101,一,70\n", `row 2 column floor: "一" is not a floor number from 1 to 300`},
		{"id,floor,area_m2\n101,1,70\n101,2,70\n", `row 3 column id: "101" is already used in row 2`},
		{"id,floor,area_m2,waive\n101,1,70,maybe\n", `row 2 column waive: "maybe" is not yes (是) or no (否)`},
		{"id,floor,area_m2,hardship_cap_yuan\n101,1,70,-5\n", `row 2 column hardship_cap_yuan: "-5" is negative`},
		{"id,floor,area_m2,provident_fund_yuan\n101,1,70,abc\n", `row 2 column provident_fund_yuan: invalid amount of money: "abc" is not an amount of money`},
		{"id,floor\n101,1\n", `row 1: missing required columns 建筑面积 (area_m2)`},
		{"id,floor,area_m2\n101,1\n", `row 2: wrong number of cells: 2 cells, but the header (row 1) has 3; quote a cell holding a comma`},
		{"id,floor,area_m2\n\"101,1,70\n", `row 2: CSV syntax: extraneous or missing " in quoted-field`},
		{"id,floor,area_m2\n101,1,70\n102,3,70\n", `row 3 (id "102"): household "102" (item 2) floor: the flight up to floor 3 has no step count (give steps_per_floor or steps["3"])`},
		{"", `the file is empty: it needs a header row naming 户号 (id), 楼层 (floor), 建筑面积 (area_m2)`},
	}
	for _, tt := range tests {
		roster := write("h.csv", tt.csv)
		var out, errb bytes.Buffer
		code := run([]string{"-households", roster, "-scheme", scheme}, &out, &errb)
		want := "elevator: " + roster + " " + tt.want + "\n"
		if strings.HasPrefix(tt.want, "the file is empty") {
			want = "elevator: " + roster + ": " + tt.want + "\n"
		}
		if code != 1 || errb.String() != want {
			t.Errorf("%q: exit %d\n got %s\nwant %s", tt.csv, code, errb.String(), want)
		}
	}
	bad := write("bad.json", `{"total_yuan":"1000","method":"by_height"}`)
	var out, errb bytes.Buffer
	if code := run([]string{"-scheme", bad}, &out, &errb); code != 1 || !strings.Contains(errb.String(), bad+`: scheme field method: "by_height" is not one of`) {
		t.Errorf("bad scheme: exit %d %s", code, errb.String())
	}
	if code := run([]string{"-nonsense"}, &out, &errb); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
}

func FuzzReadHouseholds(f *testing.F) {
	f.Add(sampleHouseholds)
	if b, err := os.ReadFile("testdata/households.csv"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("id,floor,area_m2\n\"a\"\"b\",3,60㎡\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ro, err := readHouseholds("f.csv", bytes.NewReader(b))
		if err != nil {
			return
		}
		if len(ro.households) != len(ro.rows) || len(ro.households) == 0 {
			t.Fatalf("%d households, %d rows", len(ro.households), len(ro.rows))
		}
		seen := map[string]bool{}
		for _, h := range ro.households {
			if h.ID == "" || seen[h.ID] || h.Floor < 1 || h.HardshipCap < 0 || h.ProvidentFund < 0 {
				t.Fatalf("bad household %+v", h)
			}
			seen[h.ID] = true
		}
	})
}

// Chinese headers, a title row and GBK text are read as the English UTF-8 roster is
// (issue 12: the elevator example rejected Chinese headers).
func TestChineseGBKRoster(t *testing.T) {
	dir := t.TempDir()
	scheme := filepath.Join(dir, "s.json")
	if err := os.WriteFile(scheme, []byte(`{"total_yuan":"1000","method":"equal"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String("三号楼二单元加装电梯分摊表,,\r\n户号,楼层,建筑面积（㎡）\r\n101,1,70\r\n201,2,70\r\n")
	if err != nil {
		t.Fatal(err)
	}
	outs := map[string]string{}
	for name, body := range map[string]string{"en.csv": "id,floor,area_m2\n101,1,70\n201,2,70\n", "zh.csv": gbk} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		if code := run([]string{"-households", p, "-scheme", scheme, "-json"}, &out, &errb); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, errb.String())
		}
		outs[name] = strings.ReplaceAll(out.String(), p, "FILE")
	}
	if diff := cmp.Diff(outs["en.csv"], outs["zh.csv"]); diff != "" {
		t.Errorf("Chinese GBK roster differs (-en +zh):\n%s", diff)
	}
}

// Extra columns are read past, and named on stderr.
func TestIgnoredColumns(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "h.csv")
	scheme := filepath.Join(dir, "s.json")
	if err := os.WriteFile(roster, []byte("id,owner,floor,area_m2\n101,业主A,1,70\n201,业主B,2,70\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scheme, []byte(`{"total_yuan":"1000","method":"equal"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"-households", roster, "-scheme", scheme, "-json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "ignored columns owner") {
		t.Errorf("stderr = %q, want a note naming the ignored column", errb.String())
	}
	if !strings.Contains(out.String(), `"share_fen": 50000`) {
		t.Errorf("output: %s", out.String())
	}
}

// Chinese IDs keep the table aligned: every row is as wide, counting a Han character as two
// columns, as a terminal shows it.
func TestTableAlignsChineseIDs(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "h.csv")
	scheme := filepath.Join(dir, "s.json")
	if err := os.WriteFile(roster, []byte("id,floor,area_m2\n甲101,1,60\n一单元401,4,60\n7,6,60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scheme, []byte(`{"total_yuan":"1000","method":"equal"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"-households", roster, "-scheme", scheme}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	table, _, _ := strings.Cut(out.String(), "How each amount was derived")
	var widths []int
	for _, l := range strings.Split(table, "\n") {
		if f := strings.Fields(l); len(f) > 0 && (f[0] == "甲101" || f[0] == "一单元401" || f[0] == "7") {
			widths = append(widths, texttable.Width(l))
		}
	}
	if len(widths) != 3 || widths[0] != widths[1] || widths[1] != widths[2] {
		t.Errorf("row widths %v, want three equal:\n%s", widths, out.String())
	}
}

// An unread column is named with the nearest column read; -strict makes it an error, and -h
// prints the usage and exits 0.
func TestStrictAndHelp(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "h.csv")
	scheme := filepath.Join(dir, "s.json")
	if err := os.WriteFile(roster, []byte("id,楼屋,floor,area_m2\n101,x,1,70\n201,y,2,70\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scheme, []byte(`{"total_yuan":"1000","method":"equal"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"-households", roster, "-scheme", scheme}, &out, &errb); code != 0 || !strings.Contains(errb.String(), `ignored columns 楼屋 (did you mean "楼层"?)`) {
		t.Errorf("exit %d, stderr %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"-households", roster, "-scheme", scheme, "-strict"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "-strict makes this an error") {
		t.Errorf("-strict: exit %d, stderr %s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "usage: elevator") {
		t.Errorf("-h: exit %d, stderr %s", code, errb.String())
	}
}
