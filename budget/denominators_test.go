package budget

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
)

// primes returns the first n primes above 10⁹.
func primes(n int) []int64 {
	var ps []int64
	for p := int64(1_000_000_007); len(ps) < n; p += 2 {
		if big.NewInt(p).ProbablyPrime(10) {
			ps = append(ps, p)
		}
	}
	return ps
}

// hostileScheme has floors 1..floors with coefficients 1/p for distinct large primes p, whose
// common denominator has about 30 × floors bits.
func hostileScheme(floors int) string {
	var cs []string
	for f, p := range primes(floors) {
		cs = append(cs, fmt.Sprintf(`"%d":"1/%d"`, f+1, p))
	}
	return `{"total_yuan":"600000","method":"floor_coefficient_area","coefficients":{` + strings.Join(cs, ",") + `}}`
}

// The weights' common denominator is bounded (issue 20 item 2: coefficients 1/p with distinct
// large primes made the exact arithmetic grow with the cube of their number, 149 CPU-seconds
// for a 677 KiB request): past MaxDenominatorBits the apportionment is refused with
// ErrTooComplex, at once.
func TestDenominatorLimit(t *testing.T) {
	const floors = 60 // 60 × 30 bits
	s := decode(t, hostileScheme(floors))
	var hh []Household
	for f := 1; f <= floors; f++ {
		for k := range 10 {
			hh = append(hh, Household{ID: fmt.Sprintf("%d-%d", f, k), Floor: f, Area: IntWeight(60)})
		}
	}
	_, err := s.Apply(context.Background(), hh)
	if !errors.Is(err, ErrTooComplex) {
		t.Fatalf("got %v, want ErrTooComplex", err)
	}
	// A few such denominators stay exact.
	s = decode(t, hostileScheme(4))
	if _, err := s.Apply(context.Background(), hh[:40]); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkWorstDenominators is the worst apportionment the limit accepts: 14,000
// households (what the server's 1 MiB body holds) whose areas 60/p have eight distinct
// denominators p > 10⁹, a common denominator of 240 bits.
func BenchmarkWorstDenominators(b *testing.B) {
	s, err := DecodeScheme(strings.NewReader(`{"total_yuan":"600000","method":"area"}`))
	if err != nil {
		b.Fatal(err)
	}
	ps := primes(MaxDenominatorBits / 30)
	var hh []Household
	for i := range 14000 {
		a, _ := NewWeight(uint64(50+i%40), uint64(ps[i%len(ps)]))
		hh = append(hh, Household{ID: fmt.Sprint(i), Floor: 1 + i%30, Area: a})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Apply(context.Background(), hh); err != nil {
			b.Fatal(err)
		}
	}
}
