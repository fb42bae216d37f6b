package table

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Column describes one column a caller reads.
type Column struct {
	// Key is the caller's name for the column, conventionally its English header.
	Key string
	// Names are the other headers it is known by: the Chinese a street office writes, and
	// aliases. Headers compare without case, spaces or a trailing unit in brackets.
	Names []string
	// Required columns must be in the header; the header row is the first row naming one.
	Required bool
}

// MaxTitleRows is how many leading rows may hold titles before the header row.
const MaxTitleRows = 10

// Reader reads the data rows of a table under its header.
type Reader struct {
	src     Source
	file    string
	cols    []Column
	byKey   map[string]int // Column.Key → index into cols
	index   []int          // cell index of each column, or -1
	names   []string       // each column's header as the file writes it
	headRow int
	width   int
	unread  []string
	rows    int
	done    bool
}

// NormaliseHeader is how headers compare: lower case, without a byte-order mark, spaces
// (also the ideographic space) or a trailing unit in brackets, so that "Area (m2)",
// "建筑面积（㎡）" and "建筑面积" compare as "area" and "建筑面积".
func NormaliseHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimPrefix(h, "\ufeff")
	for _, open := range []string{"(", "（", "["} {
		if i := strings.Index(h, open); i > 0 {
			h = h[:i]
		}
	}
	return headerSpaces.Replace(h)
}

// headerSpaces drops the spaces NormaliseHeader ignores. It is made once: a Replacer costs
// about 7 KB to build, which for every cell of a wide header row was 1 KB per byte of it.
var headerSpaces = strings.NewReplacer(" ", "", "\u3000", "", "\t", "")

// NewReader finds the header in the first MaxTitleRows rows of src — the first row naming a
// required column (any column when none is required) — and returns a Reader of the rows below
// it. A column named twice, or a required column missing, is a *CellError naming the header
// row; a header cell that names no column is kept in Unread.
func NewReader(src Source, cols []Column) (*Reader, error) {
	r := &Reader{src: src, file: src.Name(), cols: cols, byKey: map[string]int{}}
	known := map[string]int{}
	anyRequired := false
	for i, c := range cols {
		r.byKey[c.Key] = i
		known[NormaliseHeader(c.Key)] = i
		for _, n := range c.Names {
			known[NormaliseHeader(n)] = i
		}
		anyRequired = anyRequired || c.Required
	}
	for seen := 0; ; seen++ {
		row, cells, err := src.Next()
		if errors.Is(err, io.EOF) && seen == 0 {
			return nil, &CellError{File: r.file, Err: fmt.Errorf("the file is empty: it needs a header row naming %s", r.requiredList())}
		}
		if errors.Is(err, io.EOF) || (err == nil && row > MaxTitleRows) {
			return nil, &CellError{File: r.file, Err: fmt.Errorf("no header row in the first %d rows: expected columns %s", MaxTitleRows, r.requiredList())}
		}
		if err != nil {
			return nil, err
		}
		header := false
		for _, cell := range cells {
			if i, ok := known[NormaliseHeader(cell)]; ok && (cols[i].Required || !anyRequired) {
				header = true
				break
			}
		}
		if header {
			if err := r.setHeader(row, cells, known); err != nil {
				return nil, err
			}
			return r, nil
		}
	}
}

func (r *Reader) setHeader(row int, cells []string, known map[string]int) error {
	r.headRow, r.width = row, len(cells)
	r.index = make([]int, len(r.cols))
	r.names = make([]string, len(r.cols))
	for i := range r.index {
		r.index[i] = -1
		r.names[i] = r.cols[i].Key
	}
	for k, cell := range cells {
		name := strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
		i, ok := known[NormaliseHeader(cell)]
		switch {
		case ok && r.index[i] >= 0:
			return &CellError{File: r.file, Row: row, Column: name, Err: fmt.Errorf("names the same column as %q (cell %d)", r.names[i], r.index[i]+1)}
		case ok:
			r.index[i], r.names[i] = k, name
		case name != "":
			r.unread = append(r.unread, name)
		}
	}
	var miss []string
	for i, c := range r.cols {
		if c.Required && r.index[i] < 0 {
			miss = append(miss, describe(c))
		}
	}
	if len(miss) > 0 {
		return &CellError{File: r.file, Row: row, Err: fmt.Errorf("missing required columns %s", strings.Join(miss, ", "))}
	}
	return nil
}

func describe(c Column) string {
	if len(c.Names) > 0 {
		return c.Names[0] + " (" + c.Key + ")"
	}
	return c.Key
}

func (r *Reader) requiredList() string {
	var names []string
	for _, c := range r.cols {
		if c.Required {
			names = append(names, describe(c))
		}
	}
	if len(names) == 0 {
		for _, c := range r.cols {
			names = append(names, describe(c))
		}
	}
	return strings.Join(names, ", ")
}

// File returns the file's name as errors give it.
func (r *Reader) File() string { return r.file }

// HeaderRow returns the header's 1-based row number.
func (r *Reader) HeaderRow() int { return r.headRow }

// Unread returns the header cells that name no column, in the file's order: columns that
// were not read.
func (r *Reader) Unread() []string { return r.unread }

// Has reports whether the header names the column key.
func (r *Reader) Has(key string) bool {
	i, ok := r.byKey[key]
	return ok && r.index[i] >= 0
}

// Column returns how the file's header writes the column key, or key itself when the header
// lacks it.
func (r *Reader) Column(key string) string {
	if i, ok := r.byKey[key]; ok {
		return r.names[i]
	}
	return key
}

// Rows returns how many data rows Next has returned so far, bad ones included.
func (r *Reader) Rows() int { return r.rows }

// Next returns the next data row, skipping blank rows. After the last it returns io.EOF —
// or, when the table has no data row at all, once a *CellError wrapping ErrNoRows. A row
// with more or fewer cells than the header (CSV), or a non-empty cell beyond the header
// (xlsx), is a *CellError wrapping ErrFieldCount, and reading can go on with the next row.
// A syntax error in the file, or any error of the Source, is returned once, after which
// Next returns io.EOF.
func (r *Reader) Next() (Record, error) {
	for !r.done {
		row, cells, err := r.src.Next()
		if errors.Is(err, io.EOF) {
			r.done = true
			if r.rows == 0 {
				return Record{}, &CellError{File: r.file, Row: r.headRow, Err: fmt.Errorf("%w below the header", ErrNoRows)}
			}
			break
		}
		if err != nil {
			// A row the file holds, if unreadable: not "no data rows". The source cannot be
			// trusted past its error, and readers go on to io.EOF.
			r.rows++
			r.done = true
			return Record{}, err
		}
		if blank(cells) {
			continue
		}
		r.rows++
		if r.src.FixedWidth() && len(cells) != r.width {
			return Record{}, &CellError{File: r.file, Row: row, Err: fmt.Errorf("%w: %d cells, but the header (row %d) has %d; quote a cell holding a comma",
				ErrFieldCount, len(cells), r.headRow, r.width)}
		}
		for k := r.width; k < len(cells); k++ {
			if strings.TrimSpace(cells[k]) != "" {
				return Record{}, &CellError{File: r.file, Row: row, Value: cells[k], Err: fmt.Errorf("%w: cell %d (%q) is beyond the header's %d columns", ErrFieldCount, k+1, cells[k], r.width)}
			}
		}
		return Record{Row: row, r: r, cells: cells}, nil
	}
	return Record{}, io.EOF
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Record is one data row.
type Record struct {
	// Row is the 1-based row number as a spreadsheet shows it.
	Row   int
	r     *Reader
	cells []string
}

// Get returns the cell of column key, trimmed of spaces; "" when the header lacks the column
// or the row is short.
func (rec Record) Get(key string) string {
	i, ok := rec.r.byKey[key]
	if !ok {
		return ""
	}
	if k := rec.r.index[i]; k >= 0 && k < len(rec.cells) {
		return strings.TrimSpace(rec.cells[k])
	}
	return ""
}

// Cell returns the cell's index in the row of column key (0-based), or -1.
func (rec Record) Cell(key string) int {
	if i, ok := rec.r.byKey[key]; ok {
		return rec.r.index[i]
	}
	return -1
}

// Error returns a *CellError for the cell of column key in this row.
func (rec Record) Error(key string, err error) *CellError {
	return &CellError{File: rec.r.file, Row: rec.Row, Column: rec.r.Column(key), Value: rec.Get(key), Err: err}
}

// RowError returns a *CellError for this row as a whole.
func (rec Record) RowError(err error) *CellError {
	return &CellError{File: rec.r.file, Row: rec.Row, Err: err}
}
