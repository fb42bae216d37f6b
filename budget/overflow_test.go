package budget

import (
	"context"
	"errors"
	"testing"
)

// A compensation near the top of int64 fen must not wrap a household's net amount
// (issue 20 item 7: net_fen was −446744073709551616).
func TestCompensationNetOverflow(t *testing.T) {
	s := decode(t, `{"total_yuan": "40000000000000000", "method": "area",
		"compensation": {"floors": [1], "per_household_yuan": "90000000000000000"}}`)
	hh := stairwell(2, 1, "60")
	r, err := s.Apply(context.Background(), hh)
	if !errors.Is(err, ErrOverflow) {
		var nets []Money
		if r != nil {
			for _, h := range r.Households {
				nets = append(nets, h.Net())
			}
		}
		t.Fatalf("got %v (nets %v), want ErrOverflow", err, nets)
	}
}

// Categories whose sum wraps to the total must be refused, not funded.
func TestAllocateCategoriesOverflow(t *testing.T) {
	const top = Money(1<<63 - 1) // top + top + 2 wraps to 0
	est := &Estimate{ByCategory: [3]Money{top, top, 2}, Total: 0}
	f := &Funding{Households: 1, Sources: []Source{{Kind: "residents", Percent: IntWeight(10)}}}
	if _, err := f.Allocate(est); !errors.Is(err, ErrOverflow) {
		t.Fatalf("got %v, want ErrOverflow", err)
	}
}
