package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/table"
	"github.com/xuri/excelize/v2"
)

// workbook returns an xlsx file holding rows on its first sheet, named "名册".
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "名册"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("名册", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var cols = []table.Column{
	{Key: "id", Names: []string{"户号"}, Required: true},
	{Key: "area_m2", Names: []string{"建筑面积"}, Required: true},
}

func read(t testing.TB, data []byte, opts *Options) (rows, problems []string) {
	s, err := Open(bytes.NewReader(data), "r.xlsx", opts)
	if err != nil {
		return nil, []string{err.Error()}
	}
	defer s.Close()
	r, err := table.NewReader(s, cols)
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
		rows = append(rows, fmt.Sprintf("%d:%s/%s", rec.Row, rec.Get("id"), rec.Get("area_m2")))
	}
}

func TestOpen(t *testing.T) {
	data := workbook(t, [][]any{
		{"乳山二村住户花名册"},
		{"户号", "建筑面积", "备注"},
		{"0101", 56.3},
		{},
		{"0102", 60.499999999999993, "x"},
		{"0103", 48, nil, "stray"},
	})
	rows, problems := read(t, data, nil)
	if diff := cmp.Diff([]string{"3:0101/56.3", "5:0102/60.5"}, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	want := []string{`r.xlsx sheet 名册 row 6: wrong number of cells: cell 4 ("stray") is beyond the header's 3 columns`}
	if diff := cmp.Diff(want, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	_, problems = read(t, workbook(t, [][]any{{"户号", "建筑面积"}}), nil)
	if diff := cmp.Diff([]string{"r.xlsx sheet 名册 row 1: no data rows below the header"}, problems); diff != "" {
		t.Errorf("header only (-want +got):\n%s", diff)
	}
	_, problems = read(t, data, &Options{Sheet: "Sheet2"})
	if diff := cmp.Diff([]string{`r.xlsx: workbook has no sheet "Sheet2" (it has 名册)`}, problems); diff != "" {
		t.Errorf("sheet (-want +got):\n%s", diff)
	}
}

// bomb returns a small zip shaped as a workbook whose sheet unpacks to size bytes of spaces.
func bomb(t testing.TB, size int) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Issue 12 item 6: a 2 MiB workbook that unpacked to 561 MiB allocated 8.7 GiB before it
// failed. Now the declared sizes are checked before anything is unpacked.
func TestZipBomb(t *testing.T) {
	data := bomb(t, 561<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, problems := read(t, data, nil)
	runtime.ReadMemStats(&after)
	want := []string{"r.xlsx: workbook unpacks to more than 268435456 bytes; raise the unpacked size limit (MaxUnpacked) to read it"}
	if diff := cmp.Diff(want, problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(allocBound*len(data)+1<<20) {
		t.Errorf("allocated %d bytes for a %d-byte bomb", got, len(data))
	}
	t.Logf("%d-byte workbook unpacking to 561 MiB: %d bytes allocated", len(data), after.TotalAlloc-before.TotalAlloc)
}

// allocBound is the documented bound for a workbook refused by its limits: at most this
// multiple of its file size.
const allocBound = 8

// fuzzUnpacked is the unpacked limit under fuzzing, so that each input stays small.
const fuzzUnpacked = 4 << 20

func FuzzOpen(f *testing.F) {
	f.Add(workbook(f, [][]any{{"户号", "建筑面积"}, {"0101", 56.3}}))
	f.Add(workbook(f, [][]any{{"title"}, {"户号", "建筑面积"}, {"0101", "五十", "x"}}))
	f.Add(bomb(f, 8<<20)) // a zip bomb: the sheet unpacks to twice the limit
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, problems := read(t, data, &Options{MaxUnpacked: fuzzUnpacked})
		runtime.ReadMemStats(&after)
		// Within the limit a workbook may unpack to fuzzUnpacked bytes; excelize parses what
		// it keeps in memory, so allow a multiple of both.
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(allocBound*(len(data)+fuzzUnpacked)+8<<20); got > limit {
			t.Errorf("%d bytes allocated for %d bytes of input, more than %d", got, len(data), limit)
		}
		for _, p := range problems {
			if !strings.HasPrefix(p, "r.xlsx") {
				t.Errorf("problem without the file's name: %s", p)
			}
		}
	})
}

func TestExcelPrecision(t *testing.T) {
	tests := map[string]string{
		"60.499999999999993":     "60.5",
		"56.300000000000004":     "56.3",
		"56.3":                   "56.3",
		"0101":                   "0101",
		"1.2345678901234567e+20": "1.2345678901234567e+20",
		"12345678901234567890":   "12345678901234567890",
		"乳山二村":                   "乳山二村",
	}
	for in, want := range tests {
		if got := excelPrecision(in); got != want {
			t.Errorf("excelPrecision(%q) = %q, want %q", in, got, want)
		}
	}
}
