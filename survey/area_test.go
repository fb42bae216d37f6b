package survey

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseArea(t *testing.T) {
	tests := []struct {
		in      string
		want    Area
		wantErr bool
	}{
		{"86.5", 8650, false},
		{"86.50", 8650, false},
		{"86", 8600, false},
		{" 86.05 ", 8605, false},
		{"86.500", 8650, false},
		{"0", 0, false},
		{"0.01", 1, false},
		{"86.50㎡", 8650, false},
		{"86.5 m²", 8650, false},
		{"86.5m2", 8650, false},
		{"86.5平方米", 8650, false},
		{"92233720368547758.07", 0, true}, // above the overflow guard
		{"86.505", 0, true},
		{"-1", 0, true},
		{"", 0, true},
		{"㎡", 0, true},
		{"七十", 0, true},
		{"86.", 0, true},
		{".5", 0, true},
		{"1e3", 0, true},
		{"1,000", 0, true},
		{"+5", 0, true},
		{"8 6", 0, true},
	}
	for _, tc := range tests {
		got, err := ParseArea(tc.in)
		if tc.wantErr {
			if err == nil {
				t.Errorf("ParseArea(%q) = %v, want an error", tc.in, got)
			} else if !errors.Is(err, ErrInvalidArea) {
				t.Errorf("ParseArea(%q) error %v does not wrap ErrInvalidArea", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseArea(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestAreaString(t *testing.T) {
	tests := []struct {
		in   Area
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {8650, "86.50"}, {-1, "-0.01"}, {-8650, "-86.50"},
		{math.MinInt64, "-92233720368547758.08"}, {math.MaxInt64, "92233720368547758.07"},
	}
	for _, tc := range tests {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("Area(%d).String() = %q, want %q", int64(tc.in), got, tc.want)
		}
	}
}

func TestAreaJSON(t *testing.T) {
	type row struct {
		A Area `json:"a"`
	}
	var got []row
	if err := json.Unmarshal([]byte(`[{"a":"86.50"},{"a":86.5},{"a":90}]`), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]row{{8650}, {8650}, {9000}}, got); diff != "" {
		t.Errorf("decode (-want +got):\n%s", diff)
	}
	out, err := json.Marshal(row{A: 90001})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"a":"900.01"}` {
		t.Errorf("encode = %s", out)
	}
	for _, bad := range []string{`{"a":"x"}`, `{"a":86.505}`, `{"a":-1}`, `{"a":true}`} {
		var r row
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("decode %s: no error", bad)
		}
	}
}

func FuzzParseArea(f *testing.F) {
	for _, s := range []string{"86.5", "0.01", "1e3", "-1", "86.505", "12345678901234567890", "㎡"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseArea(s)
		if err != nil {
			return
		}
		if a < 0 {
			t.Fatalf("ParseArea(%q) = %d, negative", s, a)
		}
		back, err := ParseArea(a.String())
		if err != nil || back != a {
			t.Fatalf("round trip of %q: %q gives %d, %v", s, a.String(), back, err)
		}
	})
}
