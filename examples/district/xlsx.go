package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/xuri/excelize/v2"
)

// writeXLSX writes one sheet per table, Chinese headers in a bold, frozen first row, numbers as
// numbers (so a planner can sum and sort them), ratios formatted as percentages.
func writeXLSX(path string, tables []*table) error {
	f := excelize.NewFile()
	defer f.Close()
	// Fixed document times, so that the same district gives the same workbook byte for byte.
	stamp := fileTime.Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "xiaoqu examples/district", Created: stamp, Modified: stamp,
		LastModifiedBy: "xiaoqu", Title: "老旧小区改造分析 district report"}); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"#E8EEF4"}, Pattern: 1}})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := t.Sheet
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		head := make([]any, len(t.Headers))
		for c, h := range t.Headers {
			head[c] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		for r, row := range t.Rows {
			vals := make([]any, len(row))
			for c, x := range row {
				switch {
				case x.IsNum && t.Percent[c]:
					vals[c] = excelize.Cell{StyleID: pct, Value: x.Num}
				case x.IsNum:
					vals[c] = x.Num
				default:
					vals[c] = x.Text
				}
			}
			cellName, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(cellName, vals); err != nil {
				return err
			}
		}
		if t.Note != "" {
			cellName, _ := excelize.CoordinatesToCellName(1, len(t.Rows)+3)
			if err := sw.SetRow(cellName, []any{t.Note}); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
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
