package roster

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/table"
)

// A roster of many bad rows keeps at most table.MaxErrors problems but counts them all, so
// the message gives the true total (issue 20 item 10: 60,000 bad rows said "and 980 more"),
// and reading it allocates about in proportion to the file, not to the problems kept.
func TestReadCSVManyBadRows(t *testing.T) {
	tests := []struct {
		rows, perRow int
	}{
		{10, 1},
		{5000, 1},
		{5000, 2},  // two bad cells a row: 10,000 problems
		{50000, 1}, // 50,000 problems, allocating about ten times what 5,000 do
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d rows of %d", tc.rows, tc.perRow), func(t *testing.T) {
			var b bytes.Buffer
			b.WriteString("户号,楼栋,单元,楼层,建筑面积,人数\n")
			for i := range tc.rows {
				residents := "2"
				if tc.perRow == 2 {
					residents = "两"
				}
				fmt.Fprintf(&b, "%04d,3,1,一楼,56.3,%s\n", i, residents)
			}
			size := b.Len()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			r, err := ReadCSV(&b, "r.csv", nil)
			runtime.ReadMemStats(&after)
			var held runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&held)
			if r != nil {
				t.Fatalf("a roster of %d entries along with the errors", len(r.Entries))
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %v, want Errors", err)
			}
			total := tc.rows * tc.perRow
			if es.Total() != total || len(es) > table.MaxErrors {
				t.Errorf("Total %d, kept %d; want %d, at most %d", es.Total(), len(es), total, table.MaxErrors)
			}
			msg := err.Error()
			head, tail := fmt.Sprintf("%d problems in r.csv:\n", total), fmt.Sprintf("\n  … and %d more", total-20)
			if total <= 20 {
				tail = "\n  r.csv row 11 column 楼层: \"一楼\" is not a whole number"
			}
			if !strings.HasPrefix(msg, head) || !strings.HasSuffix(msg, tail) {
				t.Errorf("message\n%s\nwant %q … %q", msg, head, tail)
			}
			if total > table.MaxErrors != errors.Is(err, table.ErrTooManyProblems) {
				t.Errorf("errors.Is(ErrTooManyProblems) = %v with %d problems", !(total > table.MaxErrors), total)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes of CSV, %d problems: %d bytes allocated, %d held", size, total, alloc, int64(held.HeapAlloc)-int64(before.HeapAlloc))
			if limit := uint64(32*size + 2<<20); alloc > limit {
				t.Errorf("%d bytes allocated for %d bytes of CSV, more than %d", alloc, size, limit)
			}
			// What the error holds on to is bounded by table.MaxErrors, however many rows.
			if h := int64(held.HeapAlloc) - int64(before.HeapAlloc); h > 2<<20 {
				t.Errorf("the error holds %d bytes, more than 2 MiB", h)
			}
			runtime.KeepAlive(err)
			runtime.KeepAlive(&b)
		})
	}
}
