package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/table"
	"github.com/xuri/excelize/v2"
)

// Default limits.
const (
	// DefaultMaxBytes bounds the workbook file: 64 MiB, as table.DefaultMaxBytes.
	DefaultMaxBytes = table.DefaultMaxBytes
	// DefaultMaxUnpacked bounds what the workbook's parts unpack to in all: 256 MiB, about
	// a million roster rows.
	DefaultMaxUnpacked = 256 << 20
	// inMemoryPart is the largest part kept in memory; larger ones go to a temporary file.
	inMemoryPart = 16 << 20
)

// Options tune reading a workbook. The zero value (or nil) reads the first sheet within the
// default limits.
type Options struct {
	// Sheet names the sheet to read; empty reads the first.
	Sheet string
	// MaxBytes bounds the file's size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxUnpacked bounds the total size the workbook's parts unpack to; 0 means
	// DefaultMaxUnpacked.
	MaxUnpacked int64
}

func (o *Options) limits() (maxBytes, maxUnpacked int64, sheet string) {
	maxBytes, maxUnpacked = DefaultMaxBytes, DefaultMaxUnpacked
	if o != nil {
		if o.MaxBytes > 0 {
			maxBytes = o.MaxBytes
		}
		if o.MaxUnpacked > 0 {
			maxUnpacked = o.MaxUnpacked
		}
		sheet = o.Sheet
	}
	return maxBytes, maxUnpacked, sheet
}

// Sheet is one sheet of a workbook, read row by row. Close it when done.
type Sheet struct {
	file string
	f    *excelize.File
	rows *excelize.Rows
	row  int
	done bool
}

// Open reads the workbook in r and opens the sheet Options.Sheet, or the first. file names
// the input in errors, which are *table.CellError; the Sheet's Name is "FILE sheet NAME". A
// workbook over a limit is an error wrapping table.ErrTooLarge. Reading holds the file
// (MaxBytes), the unpacked parts of up to 16 MiB each (together at most MaxUnpacked) and one
// row at a time.
func Open(r io.Reader, file string, opts *Options) (*Sheet, error) {
	maxBytes, maxUnpacked, sheet := opts.limits()
	data, err := table.ReadAllBounded(r, maxBytes)
	if err != nil {
		return nil, &table.CellError{File: file, Err: err}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnpacked,
		UnzipXMLSizeLimit: min(maxUnpacked, inMemoryPart),
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, &table.CellError{File: file, Err: table.Errorf(table.ErrTooLarge, "workbook unpacks to more than %d bytes; raise the unpacked size limit (MaxUnpacked) to read it", maxUnpacked)}
		}
		return nil, &table.CellError{File: file, Err: fmt.Errorf("not a readable xlsx workbook: %v", err)}
	}
	fail := func(err error) (*Sheet, error) {
		f.Close()
		return nil, &table.CellError{File: file, Err: err}
	}
	sheets := f.GetSheetList()
	switch {
	case sheet == "" && len(sheets) == 0:
		return fail(errors.New("workbook has no sheets"))
	case sheet == "":
		sheet = sheets[0]
	default:
		if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
			return fail(fmt.Errorf("workbook has no sheet %q (it has %s)", sheet, strings.Join(sheets, ", ")))
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return fail(fmt.Errorf("sheet %q: %v", sheet, err))
	}
	return &Sheet{file: file + " sheet " + sheet, f: f, rows: rows}, nil
}

// Name returns "FILE sheet NAME".
func (s *Sheet) Name() string { return s.file }

// FixedWidth is false: a workbook leaves trailing empty cells off a row.
func (s *Sheet) FixedWidth() bool { return false }

// Next returns the next row, empty rows included, with its 1-based number. Numbers are given
// as stored, not as displayed, so that a cell formatted to whole numbers does not round an
// area; a stored binary fraction such as 60.499999999999993 is read at Excel's own precision
// of 15 significant digits (60.5).
func (s *Sheet) Next() (int, []string, error) {
	if s.done {
		return 0, nil, io.EOF
	}
	if !s.rows.Next() {
		s.done = true
		if err := s.rows.Error(); err != nil {
			return 0, nil, &table.CellError{File: s.file, Row: s.row + 1, Err: fmt.Errorf("not a readable sheet: %v", err)}
		}
		return 0, nil, io.EOF
	}
	s.row++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		s.done = true
		return 0, nil, &table.CellError{File: s.file, Row: s.row, Err: fmt.Errorf("not a readable row: %v", err)}
	}
	for k, c := range cells {
		cells[k] = excelPrecision(c)
	}
	return s.row, cells, nil
}

// Close releases the workbook and its temporary files.
func (s *Sheet) Close() error {
	err := s.rows.Close()
	if e := s.f.Close(); err == nil {
		err = e
	}
	return err
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
