package jsondup

import (
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// FuzzCheck: Check never panics, agrees with encoding/json on valid input (a duplicate means
// decoding into a map loses a member somewhere), and allocates at most 8 bytes per input byte
// plus 64 KiB (the fuzzing engine allocates too, and TotalAlloc counts it).
func FuzzCheck(f *testing.F) {
	f.Add([]byte(`{"threshold":"3/4","threshold":"0/1"}`))
	f.Add([]byte(`{"a":[{"b":{"c":1,"\u0063":2}}]}`))
	f.Add([]byte(`[[[[{"a":1}]]]]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		err := Check(b)
		runtime.ReadMemStats(&ms)
		if got, limit := ms.TotalAlloc-before, 8*uint64(len(b))+64<<10; got > limit {
			t.Fatalf("%d bytes allocated for %d of input, more than %d", got, len(b), limit)
		}
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
