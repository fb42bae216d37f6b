package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// writeXLSX writes a 说明 sheet first (sources, notes and what each sheet holds), then one sheet
// per table: Chinese headers in a bold, frozen first row with an autofilter, columns as wide as
// their content (CJK characters counted double), numbers as numbers (so a planner can sum and
// sort them) in the number format their cells carry: areas 0.00, rates 0.0 %, money #,##0.00
// with 元 in the header, distances marked ✓ or ✗.
func writeXLSX(path string, tables []*table) error {
	f := excelize.NewFile()
	defer f.Close()
	// Fixed document times, so that the same district gives the same workbook byte for byte.
	stamp := fileTime.Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "xiaoqu examples/district", Created: stamp, Modified: stamp,
		LastModifiedBy: "xiaoqu", Title: "老旧小区改造分析 district report"}); err != nil {
		return err
	}
	st := &xlsxStyles{f: f, ids: map[string]int{}}
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"#E8EEF4"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center"}}); err != nil {
		return err
	}
	if st.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return err
	}
	for i, t := range xlsxOrder(tables) {
		name := t.Sheet
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := writeSheet(f, st, t); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	out, err := sortedZip(buf.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// xlsxOrder puts the 说明 sheet first, followed by a list of the other sheets, then the others
// in the report's order.
func xlsxOrder(tables []*table) []*table {
	var notes *table
	var rest []*table
	for _, t := range tables {
		if t.Sheet == "说明" && notes == nil {
			notes = t
		} else {
			rest = append(rest, t)
		}
	}
	if notes == nil {
		notes = &table{Sheet: "说明", Headers: []string{"说明 note"}}
	}
	first := &table{Sheet: notes.Sheet, Title: notes.Title, Headers: notes.Headers, Note: notes.Note,
		Rows: append([][]cell(nil), notes.Rows...)}
	first.add(txt(""))
	first.add(txt("工作表 Sheets:"))
	for _, t := range rest {
		first.add(txt(t.Sheet + "：" + t.Title))
	}
	return append([]*table{first}, rest...)
}

// xlsxStyles makes one cell style per number format, in the order first met, so that the
// same tables give the same styles.
type xlsxStyles struct {
	f            *excelize.File
	ids          map[string]int
	header, wrap int
}

func (s *xlsxStyles) number(format string) (int, error) {
	if id, ok := s.ids[format]; ok {
		return id, nil
	}
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return 0, fmt.Errorf("number format %q: %w", format, err)
	}
	s.ids[format] = id
	return id, nil
}

// maxColumnWidth caps a column of long text (explanations, reasons); its cells wrap.
const maxColumnWidth = 60

// columnWidths is each column's width in characters: the widest of its header and cells as
// shown, CJK characters counted double, plus a margin.
func columnWidths(t *table) []float64 {
	n := len(t.Headers)
	for _, row := range t.Rows {
		n = max(n, len(row))
	}
	w := make([]int, n)
	for c, h := range t.Headers {
		w[c] = displayWidth(h)
	}
	for _, row := range t.Rows {
		for c, x := range row {
			d := displayWidth(x.Text)
			if x.IsNum {
				d = max(d, len(strconv.FormatFloat(x.Num, 'f', 2, 64))+1)
			}
			w[c] = max(w[c], d)
		}
	}
	out := make([]float64, n)
	for c := range w {
		out[c] = float64(min(max(w[c]+2, 6), maxColumnWidth))
	}
	return out
}

// headerWithUnit returns the column's header, with 元 added when its cells are money and it
// does not say so.
func headerWithUnit(t *table, c int) string {
	h := t.Headers[c]
	if strings.Contains(h, "元") {
		return h
	}
	for _, row := range t.Rows {
		if c < len(row) && row[c].Format == fmtMoney {
			return h + "(元)"
		}
	}
	return h
}

func writeSheet(f *excelize.File, st *xlsxStyles, t *table) error {
	sheet := t.Sheet
	for c, w := range columnWidths(t) {
		col, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	widths := columnWidths(t)
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	set := func(c, r int, v any, style int) error {
		name, err := excelize.CoordinatesToCellName(c+1, r+1)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, name, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sheet, name, name, style)
		}
		return nil
	}
	for c := range t.Headers {
		if err := set(c, 0, headerWithUnit(t, c), st.header); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, x := range row {
			format := x.Format
			if x.IsNum && format == "" && t.Percent[c] {
				format = fmtRate
			}
			var err error
			switch {
			case x.IsNum && format != "":
				id, ferr := st.number(format)
				if ferr != nil {
					return ferr
				}
				err = set(c, r+1, x.Num, id)
			case x.IsNum:
				err = set(c, r+1, x.Num, 0)
			case x.Text == "":
				continue
			case widths[c] >= maxColumnWidth:
				err = set(c, r+1, x.Text, st.wrap)
			default:
				err = set(c, r+1, x.Text, 0)
			}
			if err != nil {
				return err
			}
		}
	}
	if t.Note != "" {
		if err := set(0, len(t.Rows)+2, t.Note, 0); err != nil {
			return err
		}
	}
	if len(t.Headers) == 0 {
		return nil
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Headers), len(t.Rows)+1)
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// sortedZip rewrites a zip archive with its entries in a fixed order ([Content_Types].xml
// first, as Office tools expect, then by name) and fixed times: excelize writes its parts in
// map order, which would make two identical workbooks differ byte for byte.
func sortedZip(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: fileTime})
		if err != nil {
			return nil, err
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
