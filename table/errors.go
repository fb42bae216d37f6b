package table

import (
	"errors"
	"fmt"
	"strings"
)

// CellError is one bad cell of a table, or a bad row when Column is empty, or a bad file when
// Row is 0 too.
type CellError struct {
	File   string // the file's name as the caller gave it (with " sheet NAME" for a workbook)
	Row    int    // 1-based row number as a spreadsheet shows it; 0 for the whole file
	Column string // the column's header as written in the file; empty for the whole row
	Value  string // the cell's text, when one cell is at fault
	Err    error  // what is wrong
}

// Error formats the problem as `roster.csv row 17 column 建筑面积: "七十" is not a number`.
func (e *CellError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Row > 0 {
		fmt.Fprintf(&b, " row %d", e.Row)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, " column %s", e.Column)
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("invalid")
	}
	return b.String()
}

// Unwrap returns the cause, so that errors.Is finds ErrArea, ErrFieldCount and the like.
func (e *CellError) Unwrap() error { return e.Err }

// Sentinel causes, matched with errors.Is.
var (
	// ErrFieldCount: a CSV row has more or fewer cells than its header.
	ErrFieldCount = errors.New("wrong number of cells")
	// ErrNoRows: the file has a header but no data row below it.
	ErrNoRows = errors.New("no data rows")
	// ErrEncoding: the file's text is not UTF-8 nor GBK/GB18030 throughout.
	ErrEncoding = errors.New("unreadable text encoding")
	// ErrTooLarge: the file, or what it unpacks to, passes a size limit.
	ErrTooLarge = errors.New("too large")
)

// MaxErrors bounds how many problems an Errors keeps; reading stops at the limit.
const MaxErrors = 1000

// Errors is every problem found in one table, at most MaxErrors. A table with any problem
// loads nothing.
type Errors []*CellError

// maxListed bounds how many problems Error spells out; the rest are counted.
const maxListed = 20

// Error lists the problems one per line, the first 20 in full.
func (es Errors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems in %s:", len(es), es.file())
	for i, e := range es {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(es)-maxListed)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

func (es Errors) file() string {
	if len(es) > 0 && es[0].File != "" {
		return es[0].File
	}
	return "the table"
}

// Full reports whether es holds MaxErrors problems, so that reading should stop.
func (es Errors) Full() bool { return len(es) >= MaxErrors }

// Add appends e unless es is full; when it becomes full it adds a last entry saying reading
// stopped there. It reports whether reading may go on.
func (es *Errors) Add(e *CellError) bool {
	if len(*es) >= MaxErrors {
		return false
	}
	if len(*es) == MaxErrors-1 {
		*es = append(*es, &CellError{File: e.File, Row: e.Row, Err: fmt.Errorf("stopped after %d problems", MaxErrors-1)})
		return false
	}
	*es = append(*es, e)
	return true
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
