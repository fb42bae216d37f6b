package main

import (
	"archive/zip"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestXLSXLooksFinished reads the workbook back as Excel would show it: the 说明 sheet first,
// columns as wide as their content, number formats, a frozen header row with an autofilter on
// every sheet, and the ✓/✗ the 生活圈覆盖 note promises.
func TestXLSXLooksFinished(t *testing.T) {
	path := filepath.Join(sampleOutputs(t), "district.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "说明" {
		t.Errorf("first sheet %q, want 说明", sheets[0])
	}
	for _, s := range sheets {
		if regexp.MustCompile(`^[\x00-\x7f]*$`).MatchString(s) {
			t.Errorf("sheet name %q is not Chinese", s)
		}
		panes, err := f.GetPanes(s)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, want the header row frozen", s, panes)
		}
	}
	// Widths: a column is at least as wide as its header, CJK characters counted double.
	for _, c := range []struct {
		sheet, col string
		min        float64
	}{
		{"小区概况", "A", 2 * 4},   // compound names such as 乳山二村
		{"小区概况", "M", 2 * 10},  // 有60岁以上老人的户数
		{"小区指标", "B", 2*4 + 4}, // 用地面积(㎡)
		{"电梯分摊", "J", 2*4 + 3}, // 应缴现金(元)
	} {
		w, err := f.GetColWidth(c.sheet, c.col)
		if err != nil {
			t.Fatal(err)
		}
		if w < c.min {
			t.Errorf("%s column %s is %.1f wide, want at least %.0f", c.sheet, c.col, w, c.min)
		}
	}
	format := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt != nil {
			return *st.CustomNumFmt
		}
		return ""
	}
	head := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	got := map[string]string{
		"area " + head("小区指标", "B1"):  format("小区指标", "B2"),
		"rate " + head("小区指标", "D1"):  format("小区指标", "D2"),
		"money " + head("改造预算", "J1"): format("改造预算", "J2"),
		"money " + head("电梯分摊", "H1"): format("电梯分摊", "H2"),
	}
	want := map[string]string{
		"area 用地面积(㎡)": "0.00",
		"rate 建筑密度":    "0.0%",
		"money 合计(元)":  "#,##0.00",
		"money 分摊(元)":  "#,##0.00",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("number formats (-want +got):\n%s", d)
	}
	// Money columns say 元 in their header.
	for _, s := range sheets {
		rows, err := f.GetRows(s)
		if err != nil || len(rows) < 2 {
			continue
		}
		for c := range rows[0] {
			cell, _ := excelize.CoordinatesToCellName(c+1, 2)
			if format(s, cell) == "#,##0.00" && !strings.Contains(rows[0][c], "元") {
				t.Errorf("%s: money column %q has no 元 in its header", s, rows[0][c])
			}
		}
	}
	// ✓/✗: the life-circle cells show them and keep the distance a number.
	rows, err := f.GetRows("生活圈覆盖")
	if err != nil {
		t.Fatal(err)
	}
	marks := 0
	for r, row := range rows[1:] {
		if len(row) < 3 {
			continue // the note under the table
		}
		for c, v := range row[1 : len(row)-1] {
			cell, _ := excelize.CoordinatesToCellName(c+2, r+2)
			raw, _ := f.GetCellValue("生活圈覆盖", cell, excelize.Options{RawCellValue: true})
			switch {
			case v == "—" || v == "":
			case regexp.MustCompile(`^[✓✗] \d+ m$`).MatchString(v) && regexp.MustCompile(`^[0-9.]+$`).MatchString(raw):
				marks++
			default:
				t.Errorf("生活圈覆盖 %s shows %q (raw %q), want ✓ or ✗ with the distance as a number", cell, v, raw)
			}
		}
	}
	if marks == 0 {
		t.Error("no ✓/✗ cell in 生活圈覆盖")
	}
	// An autofilter over the header and rows of every table sheet.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	filters := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if regexp.MustCompile(`<autoFilter ref="\$?A\$?1:\$?[A-Z]+\$?\d+"`).Match(b) {
			filters++
		}
	}
	if filters != len(sheets) {
		t.Errorf("%d sheets have an autofilter, want all %d", filters, len(sheets))
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "小区": 4, "用地面积(㎡)": 12, "✓ 120 m": 7, "（元）": 6} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
