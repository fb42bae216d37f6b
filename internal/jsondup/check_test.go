package jsondup

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want *DuplicateError
	}{
		{`{"threshold":"3/4","threshold":"0/1"}`, &DuplicateError{Key: "threshold", Offset: 19}},
		{`{"a":1,"\u0061":2}`, &DuplicateError{Key: "a", Offset: 7}},
		{`{"clauses":[{"x":1},{"y":1,"y":2}]}`, &DuplicateError{Key: "y", Path: "clauses[1]", Offset: 27}},
		{`{"features":[{"properties":{"k":1,"k":1}}]}`, &DuplicateError{Key: "k", Path: "features[0].properties", Offset: 34}},
		{`{"a":{"b":1},"c":{"b":1}}`, nil},
		{`{"a":"\"a\"","b":["a","a"]}`, nil},
		{`[{"a":1},{"a":1}]`, nil},
		{`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"r":18,"q":19}`, &DuplicateError{Key: "q", Offset: 118}},
		{`{"a":1,`, nil},
		{`"a"`, nil},
	} {
		err := Check([]byte(tc.in))
		var got *DuplicateError
		if err != nil && !errors.As(err, &got) {
			t.Fatalf("%s: %T %v", tc.in, err, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.in, diff)
		}
		if got != nil && tc.in[got.Offset] != '"' {
			t.Errorf("%s: offset %d is not a name", tc.in, got.Offset)
		}
	}
}

// A large document without escaped names allocates only for its open levels.
func TestCheckAllocations(t *testing.T) {
	doc := `{"type":"FeatureCollection","features":[` + strings.Repeat(`{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[1,2]}},`, 1000) + `{}]}`
	b := []byte(doc)
	if n := testing.AllocsPerRun(10, func() { Check(b) }); n > 12 {
		t.Errorf("%.0f allocations for %d bytes", n, len(b))
	}
}

// checkAllocPerByte bounds what Check allocates, in bytes per byte of text, with room: 8 for
// each level of nesting, and for "[[[[…" 8 a byte; about 10 for deeply nested objects; about
// 24 for names written with escapes, each unescaped by encoding/json. checkAllocSlack is the
// constant besides, for the map of an object of more than maxPlainKeys names.
const (
	checkAllocPerByte = 32
	checkAllocSlack   = 4 << 10
)

// memoryTexts are hostile texts for the memory bound, each about n bytes.
func memoryTexts(n int) map[string]string {
	distinct := func(prefix string) string {
		var sb strings.Builder
		sb.WriteString("{")
		for i := 0; sb.Len() < n-20; i++ {
			fmt.Fprintf(&sb, `"%s%x":0,`, prefix, i)
		}
		sb.WriteString(`"":0}`)
		return sb.String()
	}
	return map[string]string{
		"open arrays":                   strings.Repeat("[", n),
		"open objects":                  strings.Repeat("{", n),
		"nested members":                strings.Repeat(`{"a":`, n/5),
		"members in arrays":             strings.Repeat(`{"a":[`, n/6),
		"nested escaped names":          strings.Repeat(`{"\u0061":`, n/10),
		"many names":                    distinct(""),
		"many escaped names":            distinct(`\u0061`),
		"arrays of objects":             "[" + strings.Repeat(`{"a":1,"b":2},`, n/14) + "{}]",
		"closing brackets then opening": strings.Repeat("]", n/2) + strings.Repeat("[", n/2),
	}
}

// Check allocates at most checkAllocPerByte bytes a byte of hostile texts of a MiB: before it
// counted the depth and kept a small record a level, "[[[[…" allocated 375 bytes a byte.
func TestCheckMemoryBound(t *testing.T) {
	for name, s := range memoryTexts(1 << 20) {
		b := []byte(s)
		got := memtest.Bound(t, len(b), checkAllocPerByte, checkAllocSlack, func() { _ = Check(b) })
		t.Logf("%s: %d bytes allocated %d, %.1f a byte", name, len(b), got, float64(got)/float64(len(b)))
	}
}

// FuzzCheck: Check never panics, agrees with encoding/json on valid input (a duplicate means
// decoding into a map loses a member somewhere), and allocates at most checkAllocPerByte
// bytes a byte of input plus checkAllocSlack.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(`{"threshold":"3/4","threshold":"0/1"}`))
	f.Add([]byte(`{"a":[{"b":{"c":1,"\u0063":2}}]}`))
	f.Add([]byte(`[[[[{"a":1}]]]]`))
	for _, s := range memoryTexts(10000) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var err error
		memtest.Bound(t, len(b), checkAllocPerByte, checkAllocSlack, func() { err = Check(b) })
		if !json.Valid(b) {
			return
		}
		if err != nil {
			var d *DuplicateError
			if !errors.As(err, &d) || b[d.Offset] != '"' {
				t.Fatalf("%v", err)
			}
		}
	})
}
