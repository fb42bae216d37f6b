package roster

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/table"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Issue 20 items 3–5, through the roster reader: no shifted, merged or vanished rows, no
// silent empty roster, no silently garbled encoding.
func TestReadCSVRowsAndEncodings(t *testing.T) {
	const head = "户号,楼栋,单元,楼层,建筑面积,业主\n"
	gbkRow, _ := simplifiedchinese.GB18030.NewEncoder().String("0102,3,1,1,48.75,李四\n")
	tests := []struct {
		name string
		in   string
		ids  []string // households read, when it loads
		want []string // problems, when it does not
		is   error
	}{
		{name: "unquoted decimal comma", in: head + "0101,3,1,1,56,30,张三\n0102,3,1,1,48.75,李四\n", is: table.ErrFieldCount,
			want: []string{"r.csv row 2: wrong number of cells: 7 cells, but the header (row 1) has 6; quote a cell holding a comma"}},
		{name: "stray CR", in: head + "0101,3,1,1,56.30,张三\r0102,3,1,1,48.75,李四\n", ids: []string{"0101", "0102"}},
		{name: "CR line endings", in: strings.ReplaceAll(head+"0101,3,1,1,56.30,张三\n0102,3,1,1,48.75,李四\n", "\n", "\r"), ids: []string{"0101", "0102"}},
		{name: "header only", in: head, is: table.ErrNoRows, want: []string{"r.csv row 1: no data rows below the header"}},
		{name: "header only, CR", in: strings.ReplaceAll(head, "\n", "\r"), is: table.ErrNoRows, want: []string{"r.csv row 1: no data rows below the header"}},
		{name: "UTF-8 with a GBK row", in: head + "0101,3,1,1,56.30,张三\n" + gbkRow, is: table.ErrEncoding,
			want: []string{"r.csv: file mixes encodings: 2 rows are UTF-8 text, but not row 3 (GBK?); save the whole file in one encoding"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ReadCSV(strings.NewReader(tc.in), "r.csv", nil)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, e := range r.Entries {
					ids = append(ids, e.Household.ID)
				}
				if diff := cmp.Diff(tc.ids, ids); diff != "" {
					t.Errorf("households (-want +got):\n%s", diff)
				}
				return
			}
			if r != nil {
				t.Errorf("loaded %d entries along with errors", len(r.Entries))
			}
			if diff := cmp.Diff(tc.want, problemsOf(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("%v does not match %v", err, tc.is)
			}
		})
	}
}

// The synonym table's roster headers name roster columns, and roster reads them.
func TestRosterSynonyms(t *testing.T) {
	known := map[string]bool{}
	for c := Column(0); c < numColumns; c++ {
		known[c.String()] = true
	}
	for _, s := range renovation.Synonyms() {
		if s.Domain != "roster" {
			continue
		}
		for _, m := range append([]string{s.Meaning}, s.Ambiguous...) {
			if m != "" && !known[m] {
				t.Errorf("roster synonym %q means %q, not a roster column", s.Name, m)
			}
		}
	}
	r, err := ReadCSV(strings.NewReader("户号,栋号,单元号,所在层,房屋面积,居住状况,房屋用途\n0101,3,1,1,56.30,出租,自住\n"), "r.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	e := r.Entries[0]
	if e.Building != "3" || e.Unit != "1" || e.Household.Floor != 1 || e.Household.Area != 5630 || e.Household.Tenure != renovation.Rented {
		t.Errorf("entry %+v", e)
	}
	un := r.Unread()
	if len(un) != 1 || un[0].Name != "房屋用途" || !strings.Contains(un[0].String(), "is ambiguous: it could mean tenure or status") {
		t.Errorf("unread %v", un)
	}
}
