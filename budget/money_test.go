package budget

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"600000", 60000000},
		{"600000.00", 60000000},
		{"60万", 60000000},
		{"60万元", 60000000},
		{"1.5万", 1500000},
		{"0.000001万", 1},
		{"¥1,234.56", 123456},
		{"￥1234.56", 123456},
		{"1234.5元", 123450},
		{"-0.01", -1},
		{"-¥5", -500},
		{"¥-5", -500},
		{" 12 ", 1200},
		{"1.500", 150},
		{"0", 0},
		{"-0", 0},
		{"1,000,000", 100000000},
		{"92233720368547758.07", math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err != nil {
			t.Errorf("ParseMoney(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseMoney(%q) = %d fen, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	for _, in := range []string{"", "abc", "1.005", "1.", ".5", "1,23", "12,3456", ",123", "1e5",
		"1.0000001万", "92233720368547758.08", "99999999999999999999", "--1", "+1", "1 2", "万", "¥", "1.2.3"} {
		if _, err := ParseMoney(in); !errors.Is(err, ErrInvalidMoney) {
			t.Errorf("ParseMoney(%q): err = %v, want ErrInvalidMoney", in, err)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		m             Money
		yuan, grouped string
	}{
		{0, "0.00", "0.00"},
		{1, "0.01", "0.01"},
		{-1, "-0.01", "-0.01"},
		{123456, "1234.56", "1,234.56"},
		{-123456789, "-1234567.89", "-1,234,567.89"},
		{math.MinInt64, "-92233720368547758.08", "-92,233,720,368,547,758.08"},
	}
	for _, tt := range tests {
		if got := tt.m.Yuan(); got != tt.yuan {
			t.Errorf("%d.Yuan() = %q, want %q", int64(tt.m), got, tt.yuan)
		}
		if got := tt.m.Grouped(); got != tt.grouped {
			t.Errorf("%d.Grouped() = %q, want %q", int64(tt.m), got, tt.grouped)
		}
	}
}

func TestMoneyArithmetic(t *testing.T) {
	if _, err := Money(math.MaxInt64).Add(1); !errors.Is(err, ErrOverflow) {
		t.Errorf("MaxInt64+1: err = %v", err)
	}
	if _, err := Money(math.MinInt64).Sub(1); !errors.Is(err, ErrOverflow) {
		t.Errorf("MinInt64−1: err = %v", err)
	}
	if _, err := Money(math.MinInt64).Mul(-1); !errors.Is(err, ErrOverflow) {
		t.Errorf("MinInt64×−1: err = %v", err)
	}
	if _, err := Money(-1).Mul(math.MinInt64); !errors.Is(err, ErrOverflow) {
		t.Errorf("−1×MinInt64: err = %v", err)
	}
	if _, err := Money(math.MaxInt64/2 + 1).Mul(2); !errors.Is(err, ErrOverflow) {
		t.Errorf("(Max/2+1)×2: err = %v", err)
	}
	if got, err := Money(24 * Wan).Mul(3); err != nil || got != 72*Wan {
		t.Errorf("24万×3 = %v, %v", got, err)
	}
	if got, err := Money(5).Sub(7); err != nil || got != -2 {
		t.Errorf("5−7 = %v, %v", got, err)
	}
	if got, err := Money(math.MaxInt64).Add(-1); err != nil || got != math.MaxInt64-1 {
		t.Errorf("Max+(−1) = %v, %v", got, err)
	}
}

func TestMoneyJSON(t *testing.T) {
	b, err := json.Marshal(Money(123456))
	if err != nil || string(b) != `{"fen":123456,"yuan":"1234.56"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	for in, want := range map[string]Money{
		`{"fen":123456,"yuan":"1234.56"}`: 123456,
		`{"fen":-5}`:                      -5,
		`"60万"`:                           60000000,
		`"¥1,234.56"`:                     123456,
	} {
		var m Money
		if err := json.Unmarshal([]byte(in), &m); err != nil || m != want {
			t.Errorf("Unmarshal(%s) = %d, %v; want %d", in, m, err, want)
		}
	}
	for _, in := range []string{`123`, `{"fen":1,"yuan":"0.02"}`, `{"yuan":"1"}`, `{"fen":1.5}`, `{"fen":1,"x":2}`, `"abc"`, `true`, `{"fen":99999999999999999999}`} {
		var m Money
		if err := json.Unmarshal([]byte(in), &m); !errors.Is(err, ErrInvalidMoney) {
			t.Errorf("Unmarshal(%s): err = %v, want ErrInvalidMoney", in, err)
		}
	}
	type row struct{ A, B Money }
	r := row{A: -1, B: 60 * Wan}
	b, _ = json.Marshal(r)
	var back row
	if err := json.Unmarshal(b, &back); err != nil || !cmp.Equal(r, back) {
		t.Errorf("round trip %s: %v, %v", b, back, err)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"600000", "60万", "1.5万", "¥1,234.56", "1234.5元", "-0.01", "1,000", "0.000001万", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidMoney) {
				t.Fatalf("ParseMoney(%q): error %v does not wrap ErrInvalidMoney", s, err)
			}
			return
		}
		// What Yuan and Grouped print parses back to the same amount.
		for _, text := range []string{m.Yuan(), m.Grouped(), "¥" + m.Grouped()} {
			back, err := ParseMoney(text)
			if err != nil || back != m {
				t.Fatalf("ParseMoney(%q) = %d; %q parses to %d, %v", s, m, text, back, err)
			}
		}
		b, _ := json.Marshal(m)
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Fatalf("JSON round trip of %d: %s → %d, %v", m, b, back, err)
		}
	})
}

func FuzzMoneyUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`{"fen":123456,"yuan":"1234.56"}`, `"60万"`, `{"fen":1}`, `123`, `null`, `{"fen":1,"yuan":"x"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Money
		if err := m.UnmarshalJSON(b); err != nil {
			return
		}
		out, _ := json.Marshal(m)
		var back Money
		if err := json.Unmarshal(out, &back); err != nil || back != m {
			t.Fatalf("%s → %d → %s → %d, %v", b, m, out, back, err)
		}
	})
}
