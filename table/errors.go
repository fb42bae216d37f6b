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

// MaxErrors bounds how many problems an Errors keeps. Past it, Add only counts them: the
// last entry says how many were found from there on, so that a file of bad rows cannot fill
// memory and its message still gives the true total.
const MaxErrors = 1000

// ErrTooManyProblems is the cause of the last entry of an Errors that found more than
// MaxErrors problems; that entry counts the problems not kept.
var ErrTooManyProblems = errors.New("too many problems")

// unlisted is the cause of the last entry of a full Errors: n problems found from its row
// on, not kept.
type unlisted struct{ n int }

func (u *unlisted) Error() string {
	if u.n == 1 {
		return "1 problem from this row on is not listed (table.MaxErrors)"
	}
	return fmt.Sprintf("%d problems from this row on are not listed (table.MaxErrors)", u.n)
}

func (u *unlisted) Unwrap() error { return ErrTooManyProblems }

// Errors is every problem found in one table: at most MaxErrors kept, the last of them
// counting the rest when there are more (see Total). A table with any problem loads nothing.
type Errors []*CellError

// maxListed bounds how many problems Error spells out; the rest are counted.
const maxListed = 20

// Error lists the problems one per line, the first 20 in full, and counts the rest, kept or
// not.
func (es Errors) Error() string {
	if len(es) == 1 && es.dropped() == nil {
		return es[0].Error()
	}
	var b strings.Builder
	total := es.Total()
	fmt.Fprintf(&b, "%d problems in %s:", total, es.file())
	for i, e := range es {
		if i == maxListed || es.dropped() != nil && i == len(es)-1 {
			fmt.Fprintf(&b, "\n  … and %d more", total-i)
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

// dropped returns the count in the last entry of a full Errors, nil if es kept every problem.
func (es Errors) dropped() *unlisted {
	if len(es) == 0 {
		return nil
	}
	u, _ := es[len(es)-1].Err.(*unlisted)
	return u
}

// Total returns the number of problems found, those kept and those only counted.
func (es Errors) Total() int {
	if u := es.dropped(); u != nil {
		return len(es) - 1 + u.n
	}
	return len(es)
}

// Full reports whether es keeps no more problems: it holds MaxErrors entries, the last
// counting those Add is given from then on.
func (es Errors) Full() bool { return len(es) >= MaxErrors }

// Add appends e, or once es holds MaxErrors-1 problems, counts it in a last entry naming the
// row of the first problem not kept. It reports whether e was kept. Readers go on to the end
// of the table, so that Total and Error give the true number of problems.
func (es *Errors) Add(e *CellError) bool {
	if u := es.dropped(); u != nil {
		u.n++
		return false
	}
	if len(*es) == MaxErrors-1 {
		*es = append(*es, &CellError{File: e.File, Row: e.Row, Err: &unlisted{n: 1}})
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
