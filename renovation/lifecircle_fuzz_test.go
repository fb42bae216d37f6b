package renovation

import "testing"

// FuzzParseRadii: whatever the bytes, ParseRadii returns a valid table or an error, and never
// panics.
func FuzzParseRadii(f *testing.F) {
	for _, s := range []string{
		`[{"kind":"幼儿园","tier":"5min","metres":300}]`,
		`{"kindergarten": 500, "bus_stop": 500}`,
		`[{"kind":"clinic","tier":"1min","metres":-1}]`,
		`{"": 1}`, `[]`, `{}`, `null`, `[{"kind":"x","tier":"5min","metres":1e400}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRadii(data)
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("ParseRadii returned an invalid table: %v", err)
		}
	})
}
