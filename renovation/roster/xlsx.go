package roster

import (
	"io"

	"github.com/xiaoqu/xiaoqu/table/xlsx"
)

// ReadXLSX reads a household roster from an Excel workbook (.xlsx) in r: the sheet named by
// Options.Sheet, or the first, read as a stream within the limits of package table/xlsx
// (Options.MaxBytes for the file, Options.MaxUnpacked for what it unpacks to). name is the
// file's name for messages. Numbers are read as stored, not as displayed, so that a cell
// formatted to whole numbers does not round an area; a stored binary fraction such as
// 60.499999999999993 is read at Excel's own precision of 15 significant digits (60.5). On any
// bad cell it returns nil and an Errors listing every one. It allocates at most about 26 times
// what the workbook unpacks to (a sheet of empty rows), nearly all of it short-lived garbage
// of excelize's XML decoding; it holds about one row at a time besides the file.
func ReadXLSX(r io.Reader, name string, opts *Options) (*Roster, error) {
	var xopts xlsx.Options
	if opts != nil {
		xopts = xlsx.Options{Sheet: opts.Sheet, MaxBytes: opts.MaxBytes, MaxUnpacked: opts.MaxUnpacked}
	}
	s, err := xlsx.Open(r, name, &xopts)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	ro, err := readTable(s)
	if err != nil {
		return nil, err
	}
	ro.Encoding = "xlsx"
	return ro, nil
}
