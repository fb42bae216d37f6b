package table

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DefaultMaxBytes bounds the size of a table file read into memory: 64 MiB holds about a
// million rows, more than any district's roster.
const DefaultMaxBytes = 64 << 20

// Options tune reading a CSV file. The zero value (or nil) detects the encoding and bounds the
// file at DefaultMaxBytes.
type Options struct {
	// Encoding forces the text encoding: "utf-8" or "gbk" (read as GB18030). Empty detects it.
	Encoding string
	// MaxBytes bounds the file's size; 0 means DefaultMaxBytes.
	MaxBytes int64
}

func (o *Options) maxBytes() int64 {
	if o == nil || o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Source yields the rows of one sheet of a table, for Reader.
type Source interface {
	// Next returns the next row's 1-based number, as a spreadsheet shows it, and its cells;
	// io.EOF after the last row.
	Next() (row int, cells []string, err error)
	// Name is the file's name for messages.
	Name() string
	// FixedWidth reports whether every row carries as many cells as the header (CSV), rather
	// than leaving trailing empty cells off (xlsx).
	FixedWidth() bool
}

// CSV is a Source reading comma-separated text.
type CSV struct {
	file     string
	r        *csv.Reader
	embedded int  // line breaks inside earlier quoted cells
	done     bool // after a syntax error nothing more can be trusted
	// Encoding is the text encoding found: EncodingUTF8, EncodingUTF8BOM or EncodingGB18030.
	Encoding string
}

// ReadAllBounded reads r to the end, failing with an error wrapping ErrTooLarge when it holds
// more than max bytes; it allocates at most about max bytes.
func ReadAllBounded(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, Errorf(ErrTooLarge, "file is larger than %d bytes; raise the size limit (MaxBytes) to read it", max)
	}
	return data, nil
}

// NewCSV reads CSV text from r (at most Options.MaxBytes), decodes it with DecodeText and
// makes CR, LF and CRLF line endings alike. file names the input in errors, which are
// *CellError. Reading holds about four times the file's size at most, and reading the file
// through a Reader allocates in all at most about 160 times its size plus a few KiB (the
// worst: one row of many empty cells, which encoding/csv indexes at about 150 bytes a cell;
// a file of one-cell rows, each an error, takes about 120).
func NewCSV(r io.Reader, file string, opts *Options) (*CSV, error) {
	data, err := ReadAllBounded(r, opts.maxBytes())
	if err != nil {
		return nil, &CellError{File: file, Err: err}
	}
	enc := ""
	if opts != nil {
		enc = opts.Encoding
	}
	text, found, err := DecodeText(data, enc)
	if err != nil {
		return nil, &CellError{File: file, Err: err}
	}
	cr := csv.NewReader(strings.NewReader(unifyLineEnds(text)))
	cr.FieldsPerRecord = -1 // Reader checks the count against the header, with a clearer message
	return &CSV{file: file, r: cr, Encoding: found}, nil
}

// unifyLineEnds turns CRLF and a lone CR into LF, so that a file saved with classic Mac line
// endings, or with one stray CR, is read row by row like any other.
func unifyLineEnds(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// Name returns the file's name.
func (c *CSV) Name() string { return c.file }

// FixedWidth is true: spreadsheets write every CSV row with the same number of cells.
func (c *CSV) FixedWidth() bool { return true }

// Next returns the next record. Its row number counts a quoted cell spanning lines as one
// row, as a spreadsheet shows it.
func (c *CSV) Next() (int, []string, error) {
	if c.done {
		return 0, nil, io.EOF
	}
	cells, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		c.done = true
		return 0, nil, io.EOF
	}
	if err != nil {
		c.done = true
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, &CellError{File: c.file, Row: pe.StartLine - c.embedded, Err: fmt.Errorf("CSV syntax: %v", pe.Err)}
		}
		return 0, nil, &CellError{File: c.file, Err: err}
	}
	line, _ := c.r.FieldPos(0)
	row := line - c.embedded
	for _, s := range cells {
		c.embedded += strings.Count(s, "\n")
	}
	return row, cells, nil
}
