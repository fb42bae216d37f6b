package roster

import (
	"fmt"
	"strings"
)

// CellError is one bad cell of a roster, or a bad row when Column is empty.
type CellError struct {
	File   string // the file's name as the caller gave it
	Row    int    // 1-based row number as a spreadsheet shows it
	Column string // the column's header as written in the file; empty for the whole row
	Value  string // the cell's text
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
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error, so that errors.Is finds survey.ErrInvalidArea and the
// like.
func (e *CellError) Unwrap() error { return e.Err }

// Errors is every problem found in one roster. A roster with any problem loads nothing.
type Errors []*CellError

// maxListed bounds how many problems Error spells out; the rest are counted.
const maxListed = 20

// Error lists the problems one per line, the first 20 in full.
func (es Errors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems in the roster:", len(es))
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

// Unwrap returns the problems, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
