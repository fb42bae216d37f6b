package budget

import (
	"errors"
	"strings"
	"testing"
)

// A member given twice is an error naming it, in every decoder of budget (issue 20 item 6).
func TestDuplicateMembers(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		decode         func(string) error
	}{
		{"scheme", `{"total_yuan":"600000","method":"area","total_yuan":"1"}`, `scheme field total_yuan: given twice (the second at byte 39)`,
			func(s string) error { _, err := DecodeScheme(strings.NewReader(s)); return err }},
		{"scheme compensation", `{"total_yuan":"1000","method":"area","compensation":{"floors":[1],"percent":"5","percent":"50"}}`, `scheme field compensation.percent: given twice`,
			func(s string) error { _, err := DecodeScheme(strings.NewReader(s)); return err }},
		{"funding", `{"households":1,"households":2,"sources":[]}`, `funding households: given twice`,
			func(s string) error { _, err := DecodeFunding(strings.NewReader(s)); return err }},
		{"money", `{"fen":1,"fen":2}`, `given twice`,
			func(s string) error { var m Money; return m.UnmarshalJSON([]byte(s)) }},
	} {
		err := tc.decode(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
		if tc.name == "scheme" && !errors.Is(err, ErrSchemeJSON) {
			t.Errorf("%s: %v is not ErrSchemeJSON", tc.name, err)
		}
	}
}
