package survey

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/table"
)

func TestReadRoster(t *testing.T) {
	in := "\ufeffpart,owner,area_m2,status,vote,occupied,unit\n" +
		"101,张三,86.50,,agree,yes,1\n" +
		"102,张三,60,sold,同意,,1\n" +
		"201,李四,75.05,,反对,,1\n" +
		",,,,,,\n" + // blank row: skipped
		"202,,90.00,unsold,弃权,,1\n" +
		"301,王五,70.00,undelivered,,,1\n"
	got, err := ReadRoster(strings.NewReader(in), "roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := Roster{
		Parts: []Part{
			{ID: "101", Owner: "张三", Area: 8650, Occupied: true, Unit: "1"},
			{ID: "102", Owner: "张三", Area: 6000, Unit: "1"},
			{ID: "201", Owner: "李四", Area: 7505, Unit: "1"},
			{ID: "202", Area: 9000, Status: Unsold, Unit: "1"},
			{ID: "301", Owner: "王五", Area: 7000, Status: Undelivered, Unit: "1"},
		},
		Ballots: []Ballot{
			{Part: "101", Vote: Agree, Ref: "roster.csv row 2"},
			{Part: "102", Vote: Agree, Ref: "roster.csv row 3"},
			{Part: "201", Vote: Oppose, Ref: "roster.csv row 4"},
			{Part: "202", Vote: Abstain, Ref: "roster.csv row 6"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadRosterChineseAndArt8(t *testing.T) {
	in := "房号,业主,登记面积,实测面积,合同面积,表决\n" +
		"1,甲,,88.10,89.00,同意\n" + // no register: the survey area counts
		"2,乙,85.00,86.00,,\n" +
		"3,丙,,,87.00,反对\n"
	got, err := ReadRoster(strings.NewReader(in), "花名册.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Part{
		{ID: "1", Owner: "甲", Area: 8810, AreaSource: SourceSurvey},
		{ID: "2", Owner: "乙", Area: 8500, AreaSource: SourceRegister},
		{ID: "3", Owner: "丙", Area: 8700, AreaSource: SourceContract},
	}
	if diff := cmp.Diff(want, got.Parts); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadRosterErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "r.csv: the file is empty: it needs a header row naming 专有部分 (part), 业主 (owner)"},
		{"no owner column", "part,area_m2\n1,2\n", "r.csv row 1: missing required columns 业主 (owner)"},
		{"no area column", "part,owner\n1,a\n", "r.csv row 1: no area column: area_m2, register_m2, survey_m2 or contract_m2 (面积, 登记面积, 实测面积, 合同面积)"},
		{"repeated column", "part,owner,area_m2,面积\n", `r.csv row 1 column 面积: names the same column as "area_m2" (cell 3)`},
		{"bad area", "part,owner,建筑面积,area_m2\n1,a,x,七十\n", `r.csv row 2 column area_m2: invalid area: "七十" is not a number of square metres`},
		{"zero area", "part,owner,area_m2\n1,a,0.00\n", "r.csv row 2 column area_m2: area 0.00 m² is not positive"},
		{"bad vote", "part,owner,area_m2,vote\n1,a,1,maybe\n", `r.csv row 2 column vote: invalid vote: "maybe" is not agree, oppose or abstain (同意, 反对, 弃权)`},
		{"bad status", "part,owner,area_m2,status\n1,a,1,rented\n", `r.csv row 2 column status: invalid status: "rented" is not sold, unsold or undelivered (已售, 未售, 已售未交付)`},
		{"bad occupied", "part,owner,area_m2,occupied\n1,a,1,maybe\n", `r.csv row 2 column occupied: "maybe" is not yes (是) or no (否)`},
		{"no owner", "part,owner,area_m2\n1,,1\n", "r.csv row 2 column owner: owner is empty for a sold part"},
		{"no part", "part,owner,area_m2\n,a,1\n", "r.csv row 2 column part: part ID is empty"},
		{"duplicate", "part,owner,area_m2\n1,a,1\n2,b,1\n1,c,1\n", `r.csv row 4 column part: part "1" repeats row 2`},
		{"field count", "part,owner,area_m2\n1,a,1,extra\n", "r.csv row 2: wrong number of cells: 4 cells, but the header (row 1) has 3; quote a cell holding a comma"},
		{"quote", "part,owner,area_m2\n1,\"a,1\n", `r.csv row 2: CSV syntax: extraneous or missing " in quoted-field`},
		{"art 8 mismatch", "part,owner,area_m2,register_m2\n1,a,86.00,85.00\n", "r.csv row 2 column area_m2: 86.00 m² differs from the register area 85.00 m², which SPC interpretation Art. 8 counts"},
		{"no area at all", "part,owner,area_m2,register_m2\n1,a,,\n", "r.csv row 2 column area_m2: no area: area_m2, register_m2, survey_m2 and contract_m2 are all empty"},
		{"two errors", "part,owner,area_m2\n1,a,x\n2,b,y\n", "2 problems in r.csv:\n  r.csv row 2 column area_m2: invalid area: \"x\" is not a number of square metres\n  r.csv row 3 column area_m2: invalid area: \"y\" is not a number of square metres"},
	}
	for _, tc := range tests {
		_, err := ReadRoster(strings.NewReader(tc.in), "r.csv")
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, err, tc.want)
		}
		if !errors.Is(err, ErrInvalidRoster) {
			t.Errorf("%s: %v does not wrap ErrInvalidRoster", tc.name, err)
		}
		var re *RosterError
		if !errors.As(err, &re) || re.File != "r.csv" {
			t.Errorf("%s: not a *RosterError", tc.name)
		}
	}
	_, err := ReadRoster(strings.NewReader("part,owner,area_m2\n1,a,x\n"), "r.csv")
	if !errors.Is(err, ErrInvalidArea) {
		t.Errorf("bad area does not wrap ErrInvalidArea: %v", err)
	}
	// Many bad rows: all are kept (up to table.MaxErrors), the first 20 spelled out.
	var b bytes.Buffer
	b.WriteString("part,owner,area_m2\n")
	for i := range 100 {
		fmt.Fprintf(&b, "%d,a,x\n", i)
	}
	_, err = ReadRoster(&b, "r.csv")
	if n := strings.Count(err.Error(), "\n") + 1; n != 22 || !strings.HasSuffix(err.Error(), "… and 80 more") {
		t.Errorf("%d lines:\n%s", n, err)
	}
	// Past table.MaxErrors the problems are counted, not kept: the message gives the true
	// total (issue 20 item 10).
	b.Reset()
	b.WriteString("part,owner,area_m2\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "%d,a,x\n", i)
	}
	_, err = ReadRoster(&b, "r.csv")
	var es table.Errors
	if !errors.As(err, &es) || len(es) != table.MaxErrors || !strings.HasPrefix(err.Error(), "5000 problems in r.csv:") || !strings.HasSuffix(err.Error(), "… and 4980 more") {
		t.Errorf("%d kept:\n%s", len(es), err)
	}
}

func FuzzReadRoster(f *testing.F) {
	for _, s := range []string{
		"part,owner,area_m2,status,vote,occupied\n101,a,86.50,,agree,yes\n102,a,60,,同意,\n201,,90,unsold,弃权,\n",
		"\ufeff房号,业主,登记面积,实测面积,表决\n1,甲,,88.10,同意\n2,乙,85.00,,反对\n",
		"part,owner,area_m2\n1,a,1\n1,b,2\n",
		"part,owner,area_m2,vote\n\"1\n2\",\"a\"\"b\",3.5,abstain\n",
		"part,owner,area_m2\n1,a,46116860184273879.03\n2,b,46116860184273879.03\n",
		"part,owner\n",
		"",
	} {
		f.Add([]byte(s))
	}
	rule, _ := Preset("civil-code-2021-major")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadRoster(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if !errors.Is(err, ErrInvalidRoster) {
				t.Fatalf("error %v does not wrap ErrInvalidRoster", err)
			}
			return
		}
		if len(r.Ballots) > len(r.Parts) {
			t.Fatalf("%d ballots for %d parts", len(r.Ballots), len(r.Parts))
		}
		// Whatever decodes must tally: the decoder checks what Tally requires of parts.
		res, err := Tally(r.Poll(), rule)
		if err != nil && !errors.Is(err, ErrOverflow) {
			t.Fatalf("decoded roster does not tally: %v", err)
		}
		if err == nil && len(res.Problems) > 0 {
			for _, p := range res.Problems {
				if p.Kind != ProblemConflict {
					t.Fatalf("decoded ballot problem %v", p)
				}
			}
		}
	})
}
