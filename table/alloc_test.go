package table

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

// csvAllocPerByte bounds what reading a CSV table through NewCSV and a Reader allocates, in
// bytes per byte of the file, with room: the worst measured is 160, a row of 200,000 empty
// cells, which encoding/csv indexes at about 150 bytes a cell (an offset and a position per
// cell, in slices grown by appending); a file of one-cell rows, each a wrong-field-count
// error, takes about 120. csvAllocSlack is the constant besides (the reader's buffers).
const (
	csvAllocPerByte = 320
	csvAllocSlack   = 16 << 10
)

// readCounted reads data as a caller does: every row's cells got, every problem kept in an
// Errors (so at most MaxErrors of them). It returns how many rows were good.
func readCounted(data []byte) (rows int, es Errors) {
	src, err := NewCSV(strings.NewReader(string(data)), "r.csv", nil)
	if err != nil {
		es.Add(asCellError(err))
		return 0, es
	}
	r, err := NewReader(src, testColumns)
	if err != nil {
		es.Add(asCellError(err))
		return 0, es
	}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, es
		}
		if err != nil {
			es.Add(asCellError(err))
			continue
		}
		rows++
		_, _, _ = rec.Get("id"), rec.Get("area_m2"), rec.Get("owner")
	}
}

// asCellError returns err as the *CellError it is, or wraps it in one without a file, for
// the fuzz target to catch.
func asCellError(err error) *CellError {
	var ce *CellError
	if errors.As(err, &ce) {
		return ce
	}
	return &CellError{Err: err}
}

// allocInputs are large hostile tables for the memory bound: the worst known (wide rows of
// empty cells, one-cell rows that are each an error, a wide header), long valid files, and
// each text encoding.
func allocInputs(t *testing.T) []struct{ name, data string } {
	h := "户号,面积,业主\n"
	gb := string(gbk(t, h+"1,56.30,张三\n"))
	return []struct{ name, data string }{
		{"valid rows", h + strings.Repeat("1,56.30,张三\n", 20000)},
		{"valid CRLF rows", h + strings.Repeat("1,2,3\r\n", 30000)},
		{"valid GBK rows", strings.Repeat(gb, 10000)},
		{"quoted line breaks", h + strings.Repeat("\"1\n2\",3,4\n", 20000)},
		{"doubled quotes", h + "1,\"" + strings.Repeat("\"\"", 100000) + "\",3\n"},
		{"one long cell", h + "1,2," + strings.Repeat("x", 200000) + "\n"},
		{"rows of empty cells", h + strings.Repeat(",,1\n", 50000)},
		{"blank rows", h + strings.Repeat(",,\n", 100000)},
		{"one-cell rows, each an error", h + strings.Repeat("1\n", 100000)},
		{"one-cell rows by CR", h + strings.Repeat("1\r", 100000)},
		{"one-cell GBK rows", gb + strings.Repeat("1\n", 100000)},
		{"wide row, 1000 cells", h + strings.Repeat(",", 1000) + "\n"},
		{"wide row, 20000 cells", h + strings.Repeat(",", 20000) + "\n"},
		{"wide row, 200000 cells", h + strings.Repeat(",", 200000) + "\n"},
		{"wide GBK row", gb + strings.Repeat(",", 200000) + "\n"},
		{"wide row after a BOM", "\xef\xbb\xbf" + h + strings.Repeat(",", 200000) + "\r"},
		{"wide rows", h + strings.Repeat(strings.Repeat(",", 100)+"\n", 2000)},
		{"wide title rows", strings.Repeat(strings.Repeat(",", 20000)+"\n", 9) + h + "1,2,3\n"},
		{"wide header", strings.Repeat("a,", 100000) + "户号,面积\n1,2\n"},
		{"syntax error at the end", h + strings.Repeat("1,2,3\n", 20000) + "\""},
		{"neither UTF-8 nor GBK", h + strings.Repeat("\xff\n", 100000)},
	}
}

// TestReaderMemoryBound checks the bound of NewCSV's doc comment on the worst tables known.
func TestReaderMemoryBound(t *testing.T) {
	for _, in := range allocInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			got := memtest.Bound(t, len(in.data), csvAllocPerByte, csvAllocSlack, func() { readCounted([]byte(in.data)) })
			t.Logf("%d bytes: %d allocated (%.1f per byte)", len(in.data), got, float64(got)/float64(len(in.data)))
		})
	}
}
