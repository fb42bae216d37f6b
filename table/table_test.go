package table

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/internal/memtest"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var testColumns = []Column{
	{Key: "id", Names: []string{"户号"}, Required: true},
	{Key: "area_m2", Names: []string{"建筑面积", "面积"}, Required: true},
	{Key: "owner", Names: []string{"业主"}},
}

// readAll reads every data row as "ROW:id/area/owner", and every problem as its message.
func readAll(t *testing.T, data []byte) (rows []string, problems []string) {
	t.Helper()
	src, err := NewCSV(strings.NewReader(string(data)), "r.csv", nil)
	if err != nil {
		return nil, []string{err.Error()}
	}
	r, err := NewReader(src, testColumns)
	if err != nil {
		return nil, []string{err.Error()}
	}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, problems
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		rows = append(rows, fmt.Sprintf("%d:%s/%s/%s", rec.Row, rec.Get("id"), rec.Get("area_m2"), rec.Get("owner")))
	}
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReaderRows(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		rows     []string
		problems []string
	}{
		{"LF", "户号,面积,业主\n1,56.30,张三\n2,48.75,李四\n", []string{"2:1/56.30/张三", "3:2/48.75/李四"}, nil},
		{"CRLF", "户号,面积,业主\r\n1,56.30,张三\r\n2,48.75,李四\r\n", []string{"2:1/56.30/张三", "3:2/48.75/李四"}, nil},
		// Issue 20 item 4: classic Mac line endings loaded zero rows without an error.
		{"CR only", "户号,面积,业主\r1,56.30,张三\r2,48.75,李四\r", []string{"2:1/56.30/张三", "3:2/48.75/李四"}, nil},
		// Issue 20 item 3: a stray CR merged two rows and a household vanished.
		{"stray CR", "户号,面积,业主\n1,56.30,张三\r2,48.75,李四\n3,60,王五\n", []string{"2:1/56.30/张三", "3:2/48.75/李四", "4:3/60/王五"}, nil},
		// Issue 20 item 3: an unquoted decimal comma shifted the row.
		{"unquoted comma", "户号,面积,业主\n1,56,30,张三\n2,48.75,李四\n", []string{"3:2/48.75/李四"},
			[]string{"r.csv row 2: wrong number of cells: 4 cells, but the header (row 1) has 3; quote a cell holding a comma"}},
		{"short row", "户号,面积,业主\n1,56.30\n", nil,
			[]string{"r.csv row 2: wrong number of cells: 2 cells, but the header (row 1) has 3; quote a cell holding a comma"}},
		{"quoted comma and line break", "户号,面积,业主\n1,\"56,30\",\"张\n三\"\n2,48.75,李四\n", []string{"2:1/56,30/张\n三", "3:2/48.75/李四"}, nil},
		{"title row", "乳山二村住户花名册,,\n户号,面积,业主\n1,56.30,张三\n", []string{"3:1/56.30/张三"}, nil},
		{"blank rows skipped", "户号,面积,业主\n,,\n1,56.30,张三\n", []string{"3:1/56.30/张三"}, nil},
		// Issue 20 item 4: no data rows is an error, never a silent success.
		{"header only", "户号,面积,业主\n", nil, []string{"r.csv row 1: no data rows below the header"}},
		{"header only CR", "户号,面积,业主\r", nil, []string{"r.csv row 1: no data rows below the header"}},
		{"missing column", "户号,业主\n1,张三\n", nil, []string{"r.csv row 1: missing required columns 建筑面积 (area_m2)"}},
		{"column twice", "户号,面积,建筑面积\n1,2,3\n", nil, []string{`r.csv row 1 column 建筑面积: names the same column as "面积" (cell 2)`}},
		{"no header", "a,b\n1,2\n", nil, []string{"r.csv: no header row in the first 10 rows: expected columns 户号 (id), 建筑面积 (area_m2)"}},
		{"syntax", "户号,面积,业主\n1,\"56,张三\n", nil, []string{`r.csv row 2: CSV syntax: extraneous or missing " in quoted-field`}},
		{"UTF-16", "\xff\xfe户号", nil, []string{`r.csv: file is UTF-16 (Excel's "Unicode text"); save it as "CSV UTF-8" or plain CSV instead`}},
		{"xlsx as CSV", "PK\x03\x04rest", nil, []string{"r.csv: file is a zip archive, such as an xlsx workbook, not CSV text; give it a .xlsx name or save it as CSV"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, problems := readAll(t, []byte(tc.in))
			if diff := cmp.Diff(tc.rows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.problems, problems); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReaderEncodings(t *testing.T) {
	const text = "户号,面积,业主\n1,56.30,张三\n2,48.75,李四\n"
	want := []string{"2:1/56.30/张三", "3:2/48.75/李四"}
	for name, data := range map[string][]byte{
		"UTF-8":     []byte(text),
		"UTF-8 BOM": append([]byte("\xef\xbb\xbf"), text...),
		"GBK":       gbk(t, text),
	} {
		rows, problems := readAll(t, data)
		if diff := cmp.Diff(want, rows); diff != "" || problems != nil {
			t.Errorf("%s: rows (-want +got):\n%s; problems %q", name, diff, problems)
		}
	}
	// Issue 20 item 5: a UTF-8 file with one GBK row was decoded wholly as GB18030
	// (张三 → 寮犱笁).
	mixed := append([]byte("户号,面积,业主\n1,56.30,张三\n"), gbk(t, "2,48.75,李四\n")...)
	_, problems := readAll(t, mixed)
	wantP := []string{"r.csv: file mixes encodings: 2 rows are UTF-8 text, but not row 3 (GBK?); save the whole file in one encoding"}
	if diff := cmp.Diff(wantP, problems); diff != "" {
		t.Errorf("mixed: (-want +got):\n%s", diff)
	}
	// Valid in neither: rows named.
	_, problems = readAll(t, []byte("id,area_m2\n1,2\n3,\x80\xff\n4,\xff\n"))
	wantP = []string{"r.csv: file is neither UTF-8 nor GBK/GB18030 text in rows 3 and 4"}
	if diff := cmp.Diff(wantP, problems); diff != "" {
		t.Errorf("neither: (-want +got):\n%s", diff)
	}
	if _, _, err := DecodeText(gbk(t, text), "utf-8"); err == nil || !strings.Contains(err.Error(), "not valid UTF-8 in rows 1, 2 and 3") {
		t.Errorf("GBK forced as UTF-8: %v", err)
	}
}

func TestParseArea(t *testing.T) {
	for in, want := range map[string]int64{"86.5": 8650, " 86.50 ": 8650, "86": 8600, "86.50㎡": 8650, "60 m²": 6000, "72.35平方米": 7235, "0": 0, "86.500": 8650} {
		if got, err := ParseArea(in); err != nil || got != want {
			t.Errorf("ParseArea(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"86.505": `"86.505" has more than two decimal places`, "-5": `"-5" is negative`, "七十": `"七十" is not a number of square metres`,
		"": `"" is empty`, "1/3": `"1/3" is not a number of square metres`, "1e3": `"1e3" is not a number of square metres`,
		"99999999999999999999": `"99999999999999999999" is too large`,
	} {
		_, err := ParseArea(in)
		if err == nil || err.Error() != want || !errors.Is(err, ErrArea) {
			t.Errorf("ParseArea(%q) = %v; want %s matching ErrArea", in, err, want)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	for in, want := range map[string]bool{"": false, "是": true, "否": false, "Yes": true, "N": false, " 1 ": true, "0": false, "有": true, "无": false} {
		if got, err := ParseYesNo(in); err != nil || got != want {
			t.Errorf("ParseYesNo(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseYesNo("maybe"); !errors.Is(err, ErrYesNo) {
		t.Errorf("ParseYesNo(maybe) = %v", err)
	}
}

// Past MaxErrors problems an Errors keeps counting without keeping, so that its message
// gives the true total (issue 20 item 10: "and 980 more" for 60,000 bad rows).
func TestErrorsCapped(t *testing.T) {
	tests := []struct {
		found, kept int
		last        string // the last entry
	}{
		{1, 1, "f row 1: bad"},
		{MaxErrors - 1, MaxErrors - 1, "f row 999: bad"},
		{MaxErrors, MaxErrors, "f row 1000: 1 problem from this row on is not listed (table.MaxErrors)"},
		{MaxErrors + 1, MaxErrors, "f row 1000: 2 problems from this row on are not listed (table.MaxErrors)"},
		{60000, MaxErrors, "f row 1000: 59001 problems from this row on are not listed (table.MaxErrors)"},
	}
	for _, tc := range tests {
		var es Errors
		for n := 1; n <= tc.found; n++ {
			kept := es.Add(&CellError{File: "f", Row: n, Err: errors.New("bad")})
			if kept != (n < MaxErrors) {
				t.Errorf("%d found: Add of problem %d reports kept %v", tc.found, n, kept)
			}
		}
		if len(es) != tc.kept || es.Total() != tc.found || es[len(es)-1].Error() != tc.last {
			t.Errorf("%d found: kept %d, total %d, last %q; want %d, %d, %q", tc.found, len(es), es.Total(), es[len(es)-1], tc.kept, tc.found, tc.last)
		}
		if over := tc.found >= MaxErrors; errors.Is(es, ErrTooManyProblems) != over {
			t.Errorf("%d found: errors.Is(ErrTooManyProblems) is %v", tc.found, !over)
		}
		msg := es.Error()
		if tc.found > maxListed {
			head, tail := fmt.Sprintf("%d problems in f:\n", tc.found), fmt.Sprintf("\n  … and %d more", tc.found-maxListed)
			if !strings.HasPrefix(msg, head) || !strings.HasSuffix(msg, tail) || strings.Count(msg, "\n") != maxListed+1 {
				t.Errorf("%d found: message\n%s\nwant %q … %q", tc.found, msg, head, tail)
			}
		}
	}
}

// FuzzReader checks that no CSV file makes the reader panic, that every problem is a
// *CellError naming the file, that at most MaxErrors are kept, and the memory bound of
// NewCSV's doc comment: at most csvAllocPerByte bytes per byte of the file.
func FuzzReader(f *testing.F) {
	f.Add([]byte("户号,面积,业主\n1,56.30,张三\n"))
	f.Add([]byte("户号,面积,业主\r1,56,30,张三\r\r"))
	f.Add([]byte("title\n户号,面积\n\"1\n2\",3\n"))
	f.Add(append([]byte("户号,面积,业主\n1,56.30,张三\n"), 0xd5, 0xc5, 0xc8, 0xfd, '\n'))
	f.Add([]byte("\xff\xfe1\x002\x00"))
	f.Add([]byte("户号,面积,业主\n" + strings.Repeat(",", 2000) + "\n"))
	f.Add([]byte("户号,面积,业主\n" + strings.Repeat("1\n", 2000)))
	f.Add([]byte(strings.Repeat("a,", 1000) + "户号,面积\n1,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rows int
		var es Errors
		got := memtest.Bound(t, len(data), csvAllocPerByte, csvAllocSlack, func() { rows, es = readCounted(data) })
		if testing.Verbose() {
			t.Logf("%d bytes: %d allocated, %d rows, %d problems", len(data), got, rows, es.Total())
		}
		if len(es) > MaxErrors {
			t.Errorf("%d problems kept, more than MaxErrors", len(es))
		}
		for _, e := range es {
			if e.File != "r.csv" {
				t.Errorf("problem without the file's name: %v", e)
			}
		}
	})
}

func TestNearest(t *testing.T) {
	cands := []string{"建成年份", "层数", "居住情况", "built_year", "storeys", "kind"}
	for in, want := range map[string]string{
		"建成年代": "建成年份", "居住状况": "居住情况", "built_yr": "built_year", "Storey": "storeys",
		"层高": "层数", "备注": "", "kinds": "kind", "x": "", "层数": "",
	} {
		if got := Nearest(in, cands); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

// brokenSource yields a header, then fails on every call.
type brokenSource struct{ calls int }

func (s *brokenSource) Next() (int, []string, error) {
	s.calls++
	if s.calls == 1 {
		return 1, []string{"id"}, nil
	}
	return 0, nil, errors.New("disk on fire")
}
func (s *brokenSource) Name() string     { return "b.csv" }
func (s *brokenSource) FixedWidth() bool { return true }

// A Source's error is returned once, then io.EOF: readers that go on to the end, to count
// every problem, stop there.
func TestReaderStopsAtSourceError(t *testing.T) {
	r, err := NewReader(&brokenSource{}, []Column{{Key: "id", Required: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("first Next: %v, want the source's error", err)
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("second Next: %v, want io.EOF", err)
	}
}
