package roster

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads a household roster from an Excel workbook (.xlsx) in r: the sheet named by
// Options.Sheet, or the first. name is the file's name for messages. Numbers are read as
// stored, not as displayed, so that a cell formatted to whole numbers does not round an area;
// a stored binary fraction such as 60.499999999999993 is read at Excel's own precision of 15
// significant digits (60.5). On any bad cell it returns nil and an Errors listing every one.
func ReadXLSX(r io.Reader, name string, opts *Options) (*Roster, error) {
	data, err := readAllBounded(r, opts.maxBytes())
	if err != nil {
		return nil, &CellError{File: name, Err: err}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &CellError{File: name, Err: fmt.Errorf("not a readable xlsx workbook: %v", err)}
	}
	defer f.Close()
	sheet := ""
	if opts != nil {
		sheet = opts.Sheet
	}
	if sheet == "" {
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, &CellError{File: name, Err: fmt.Errorf("workbook has no sheets")}
		}
		sheet = sheets[0]
	} else if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		return nil, &CellError{File: name, Err: fmt.Errorf("workbook has no sheet %q (it has %s)", sheet, strings.Join(f.GetSheetList(), ", "))}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &CellError{File: name, Err: fmt.Errorf("sheet %q: %v", sheet, err)}
	}
	file := name + " sheet " + sheet
	i := 0
	next := func() (int, []string, bool, error) {
		if i >= len(rows) {
			return 0, nil, false, nil
		}
		cells := rows[i]
		for k, c := range cells {
			cells[k] = excelPrecision(c)
		}
		i++
		return i, cells, true, nil
	}
	ro, err := readTable(file, next)
	if err != nil {
		return nil, err
	}
	ro.Encoding = "xlsx"
	return ro, nil
}

// excelPrecision rewrites a stored number with more than 15 significant digits as Excel shows
// it, at 15; anything else is returned unchanged.
func excelPrecision(s string) string {
	if len(s) <= 16 || strings.ContainsAny(s, "eE") {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	short := strconv.FormatFloat(v, 'g', 15, 64)
	if strings.ContainsAny(short, "eE") {
		return s
	}
	if w, err := strconv.ParseFloat(short, 64); err == nil {
		return strconv.FormatFloat(w, 'f', -1, 64)
	}
	return s
}
