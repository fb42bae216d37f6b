package budget

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

func TestParseWeight(t *testing.T) {
	tests := []struct {
		in       string
		num, den uint64
		str      string
	}{
		{"60", 60, 1, "60"},
		{"60.00", 60, 1, "60"},
		{"86.50", 173, 2, "86.5"},
		{"0.7", 7, 10, "0.7"},
		{"0.125", 1, 8, "0.125"},
		{"007.0700", 707, 100, "7.07"},
		{"0", 0, 1, "0"},
		{"0.000", 0, 1, "0"},
		{"1/3", 1, 3, "1/3"},
		{"10/4", 5, 2, "2.5"},
		{" 2 ", 2, 1, "2"},
		{"0.0000000000000000001", 1, 10000000000000000000, "0.0000000000000000001"},
		{"1844674407370955161.5", 3689348814741910323, 2, "1844674407370955161.5"},
	}
	for _, tt := range tests {
		w, err := ParseWeight(tt.in)
		if err != nil {
			t.Errorf("ParseWeight(%q): %v", tt.in, err)
			continue
		}
		if w.Num() != tt.num || w.Den() != tt.den || w.String() != tt.str {
			t.Errorf("ParseWeight(%q) = %d/%d %q, want %d/%d %q", tt.in, w.Num(), w.Den(), w, tt.num, tt.den, tt.str)
		}
	}
	for _, in := range []string{"", "-1", "+1", "1e3", "1.", ".5", "1,000", "abc", "1/0", "1/", "/2", "-1/2",
		"123456789012345678901", "0.12345678901234567891", "18446744073709551616", "18446744073709551616/1"} {
		if _, err := ParseWeight(in); !errors.Is(err, ErrInvalidWeight) {
			t.Errorf("ParseWeight(%q): err = %v, want ErrInvalidWeight", in, err)
		}
	}
}

func TestWeightArithmetic(t *testing.T) {
	p := func(s string) Weight {
		w, err := ParseWeight(s)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	if got, err := p("0.7").Mul(p("60.00")); err != nil || got.String() != "42" {
		t.Errorf("0.7 × 60.00 = %v, %v", got, err)
	}
	if got, err := p("1.3").Mul(p("86.53")); err != nil || got.String() != "112.489" {
		t.Errorf("1.3 × 86.53 = %v, %v", got, err)
	}
	if got, err := p("10").DivInt(3); err != nil || got.String() != "10/3" {
		t.Errorf("10 / 3 = %v, %v", got, err)
	}
	if got, err := p("1/3").Add(p("1/6")); err != nil || got.String() != "0.5" {
		t.Errorf("1/3 + 1/6 = %v, %v", got, err)
	}
	if _, err := IntWeight(1 << 63).Mul(IntWeight(2)); !errors.Is(err, ErrInvalidWeight) {
		t.Errorf("2⁶³ × 2: err = %v", err)
	}
	if _, err := p("1").DivInt(0); !errors.Is(err, ErrInvalidWeight) {
		t.Errorf("1 / 0: err = %v", err)
	}
	if p("0.7").Cmp(p("7/10")) != 0 || p("0.7").Cmp(p("0.71")) != -1 || p("2").Cmp(p("1/3")) != 1 {
		t.Error("Cmp is wrong")
	}
	var zero Weight
	if !zero.IsZero() || zero.Den() != 1 || zero.String() != "0" || zero.Rat().Sign() != 0 {
		t.Errorf("zero value: %v", zero)
	}
	if p("2.5").Rat().Cmp(big.NewRat(5, 2)) != 0 {
		t.Error("Rat is wrong")
	}
}

func TestWeightJSON(t *testing.T) {
	var v struct{ A, B, C Weight }
	if err := json.Unmarshal([]byte(`{"A":"0.7","B":86.50,"C":"1/3"}`), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"A":"0.7","B":"86.5","C":"1/3"}` {
		t.Errorf("Marshal = %s", b)
	}
	for _, in := range []string{`{"A":1e2}`, `{"A":-1}`, `{"A":true}`, `{"A":"x"}`} {
		if err := json.Unmarshal([]byte(in), &v); !errors.Is(err, ErrInvalidWeight) {
			t.Errorf("Unmarshal(%s): err = %v", in, err)
		}
	}
}

func FuzzParseWeight(f *testing.F) {
	for _, s := range append([]string{"60", "86.50", "0.7", "1/3", "0.0000000000000000001", "18446744073709551615"}, weightSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w Weight
		var err error
		memtest.Bound(t, len(s), parseAllocPerByte, parseAllocSlack, func() { w, err = ParseWeight(s) })
		if err != nil {
			if !errors.Is(err, ErrInvalidWeight) {
				t.Fatalf("ParseWeight(%q): %v does not wrap ErrInvalidWeight", s, err)
			}
			return
		}
		back, err := ParseWeight(w.String())
		if err != nil || back != w {
			t.Fatalf("ParseWeight(%q) = %v; String %q parses to %v, %v", s, w, w.String(), back, err)
		}
		if g := gcd(w.Num(), w.Den()); w.Num() != 0 && g != 1 {
			t.Fatalf("%q: %d/%d is not in lowest terms", s, w.Num(), w.Den())
		}
	})
}
