package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ReadCSV reads a household roster in CSV from r. name is the file's name for messages. The
// text may be UTF-8 (with or without a byte-order mark) or GBK/GB18030; see Options.
// On any bad cell it returns nil and an Errors listing every one.
func ReadCSV(r io.Reader, name string, opts *Options) (*Roster, error) {
	data, err := readAllBounded(r, opts.maxBytes())
	if err != nil {
		return nil, &CellError{File: name, Err: err}
	}
	enc := ""
	if opts != nil {
		enc = opts.Encoding
	}
	text, found, err := decodeText(data, enc)
	if err != nil {
		return nil, &CellError{File: name, Err: err}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1 // spreadsheets leave trailing cells off short rows
	// A spreadsheet shows one row per line, except that a quoted cell spanning lines stays in
	// one row: subtract the line breaks inside earlier cells from the record's line number.
	embedded := 0
	next := func() (int, []string, bool, error) {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return 0, nil, false, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return 0, nil, false, &CellError{File: name, Row: pe.StartLine, Err: fmt.Errorf("CSV syntax: %v", pe.Err)}
			}
			return 0, nil, false, &CellError{File: name, Err: err}
		}
		line, _ := cr.FieldPos(0)
		row := line - embedded
		for _, c := range cells {
			embedded += strings.Count(c, "\n")
		}
		return row, cells, true, nil
	}
	ro, err := readTable(name, next)
	if err != nil {
		return nil, err
	}
	ro.Encoding = found
	return ro, nil
}
