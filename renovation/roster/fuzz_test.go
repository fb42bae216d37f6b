package roster

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/memtest"
	"github.com/xuri/excelize/v2"
)

// fuzzUnpacked is the unpacked limit under fuzzing, so that each workbook stays small.
const fuzzUnpacked = 4 << 20

// rosterWorkbook returns an xlsx file holding rows on its first sheet.
func rosterWorkbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streamedWorkbook returns an xlsx file whose first sheet holds header and then n copies of
// row, written by excelize's stream writer: a small file, as the zip compresses the repeated
// rows well, that unpacks to a long sheet.
func streamedWorkbook(t testing.TB, header, row []any, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", header); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb returns a small zip shaped as a workbook whose sheet unpacks to size bytes of spaces.
func bomb(t testing.TB, size int) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	add := func(name string, body ...string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range body {
			io.WriteString(w, s)
		}
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	add("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
		strings.Repeat(" ", size), `</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xlsxSeeds are workbooks, good and hostile, for the xlsx fuzz targets: a roster, bad cells, a
// zip bomb, long sheets of good rows, of bad rows (many errors) and of empty rows, and a
// truncated zip.
func xlsxSeeds(t testing.TB) [][]byte {
	header := []any{"户号", "楼栋", "单元", "楼层", "建筑面积"}
	return [][]byte{
		rosterWorkbook(t, [][]any{
			{"乳山二村住户花名册"},
			{"小区", "楼栋", "单元", "户号", "楼层", "房号", "建筑面积（㎡）", "面积来源", "业主", "状态", "居住情况", "人数", "最大年龄"},
			{"乳山二村", 3, 1, "0101", 1, 101, 56.3, "登记", "O-001", "已售", "人户合一", 2, 78},
			{"乳山二村", 3, 1, "0102", 1, 102, 48.75, "实测", "O-002", "已售", "出租", 3, nil},
		}),
		rosterWorkbook(t, [][]any{header, {"0101", 3, 1, "一", 56.3}, {"0102", 3, 1, 2, "-5"}}),
		bomb(t, 2*fuzzUnpacked),
		streamedWorkbook(t, header, []any{"0101", 3, 1, 1, 56.3}, 10000),
		streamedWorkbook(t, header, []any{"x", 3, 1, "一", "-5"}, 10000),
		streamedWorkbook(t, header, []any{"", nil, nil, nil, ""}, 30000),
		[]byte("PK\x03\x04"),
	}
}

// xlsxAllocPerByte bounds what ReadXLSX allocates, in bytes per byte of the file and of
// what it may unpack to (Options.MaxUnpacked); xlsxAllocSlack is the constant besides.
const (
	xlsxAllocPerByte = 32
	xlsxAllocSlack   = 8 << 20
)

// FuzzReadXLSX checks that no workbook makes ReadXLSX panic, that it returns a roster or an
// error naming the file, never both, and the memory bound: at most xlsxAllocPerByte bytes per
// byte of the file and of its unpacked limit.
func FuzzReadXLSX(f *testing.F) {
	for _, s := range xlsxSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r *Roster
		var err error
		got := memtest.Bound(t, len(data)+fuzzUnpacked, xlsxAllocPerByte, xlsxAllocSlack, func() {
			r, err = ReadXLSX(bytes.NewReader(data), "fuzz.xlsx", &Options{MaxUnpacked: fuzzUnpacked})
		})
		if testing.Verbose() {
			t.Logf("%d bytes, %d unpacked: %d allocated, error %.100v", len(data), unpacked(data), got, err)
		}
		if (r == nil) == (err == nil) {
			t.Fatalf("ReadXLSX returned roster %v and error %v; want exactly one", r != nil, err)
		}
		if err != nil && !strings.Contains(err.Error(), "fuzz.xlsx") {
			t.Errorf("error without the file's name: %v", err)
		}
	})
}

// unpacked returns the total size a zip's entries declare, 0 for what is not a zip.
func unpacked(data []byte) uint64 {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	var n uint64
	for _, f := range z.File {
		n += f.UncompressedSize64
	}
	return n
}
