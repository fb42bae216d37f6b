package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

// ruleAllocPerByte bounds what DecodeRule allocates, in bytes per byte it reads (at most
// MaxRuleBytes+1, whatever the input's length), with room: a list of empty clauses, three
// bytes "{}," for a Clause of more than a hundred, needs 110. ruleAllocSlack is the constant
// besides.
const (
	ruleAllocPerByte = 128
	ruleAllocSlack   = 16 << 10
)

// FuzzDecodeRule checks that no input makes DecodeRule panic, that what it accepts is valid
// and re-encodes to a rule that decodes to the same, that its size limit and trailing-data
// checks hold, and its memory bound, which does not grow past MaxRuleBytes.
func FuzzDecodeRule(f *testing.F) {
	for _, r := range Presets() {
		b, _ := json.Marshal(r)
		f.Add(b)
		f.Add(append(b, "{}"...))                                                 // trailing data
		f.Add(append(b, bytes.Repeat([]byte(" "), MaxRuleBytes)...))              // over the limit by white space
		f.Add(bytes.Replace(b, []byte(`"name"`), []byte(`"name":"x","name"`), 1)) // a duplicate member
	}
	f.Add([]byte(`{"clauses":[{"threshold":"9223372036854775807/9223372036854775807"}]}`))
	f.Add([]byte(`{"clauses":` + strings.Repeat("[", 30000)))
	f.Add([]byte(`{"name":` + strings.Repeat(`[{"a":`, 10000)))
	f.Add([]byte(`{"clauses":[` + strings.Repeat(`{},`, MaxRuleBytes/3-5) + `{}]}`))
	f.Add([]byte(`{"name":"` + strings.Repeat(`\u00e9`, 10000) + `","clauses":[]}`))
	f.Add([]byte(`{"clauses":[` + strings.Repeat(`{},`, 20000) + `{}]}`))
	f.Add([]byte(strings.Repeat(`{"a":1}`, 20000)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Rule
		var err error
		got := memtest.Bound(t, min(len(data), MaxRuleBytes+1), ruleAllocPerByte, ruleAllocSlack, func() {
			r, err = DecodeRule(bytes.NewReader(data))
		})
		if testing.Verbose() {
			t.Logf("%d bytes: %d allocated, error %.80v", len(data), got, err)
		}
		if err != nil {
			if len(data) > MaxRuleBytes && !errors.Is(err, ErrInvalidRule) {
				t.Fatalf("%d bytes, over the limit: error %v does not wrap ErrInvalidRule", len(data), err)
			}
			return
		}
		if len(data) > MaxRuleBytes {
			t.Fatalf("accepted %d bytes, more than MaxRuleBytes", len(data))
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted an invalid rule: %v", err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("accepted rule does not encode: %v", err)
		}
		back, err := DecodeRule(bytes.NewReader(b))
		if err != nil || !cmp.Equal(r, back) {
			t.Fatalf("round trip: %v\n%s", err, b)
		}
		if _, err := DecodeRule(bytes.NewReader(append(b, " 1"...))); !errors.Is(err, ErrInvalidRule) {
			t.Fatalf("rule followed by more data: error %v, want ErrInvalidRule", err)
		}
	})
}
