package budget

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// countdown is a context that is done (context.Canceled) once its Err has answered nil n
// times: it stops a computation at each of its checks in turn, deterministically.
type countdown struct {
	context.Context // Background: no deadline, a nil Done channel, no values
	n               int
}

func (c *countdown) Err() error {
	if c.n <= 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

// stopEverywhere calls f with a context that is done at its first check, then at its second,
// and so on, until f finishes without noticing; every stopped call must return an error
// wrapping context.Canceled. It returns how many checks f made.
func stopEverywhere(t *testing.T, f func(ctx context.Context) error) int {
	t.Helper()
	for k := 0; k < 1_000_000; k++ {
		err := f(&countdown{Context: context.Background(), n: k})
		if err == nil {
			return k
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped at check %d: %v, want an error wrapping context.Canceled", k+1, err)
		}
	}
	t.Fatal("never finished")
	return 0
}

// An already cancelled context stops Apply at once, on either path (issue 20 item 2).
func TestApplyCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name   string
		scheme string
		hh     []Household
	}{
		{"64-bit path", `{"total_yuan":"600000","method":"area"}`, stairwell(6, 2, "60")},
		{"math/big path", hostileScheme(4), stairwell(4, 10, "60")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := decode(t, tc.scheme)
			if _, err := s.Apply(ctx, tc.hh); !errors.Is(err, context.Canceled) {
				t.Fatalf("Scheme.Apply: %v, want an error wrapping context.Canceled", err)
			}
			c, err := s.Compile()
			if err != nil {
				t.Fatal(err)
			}
			var res Result
			if err := c.ApplyTotal(ctx, &res, s.Total, tc.hh); !errors.Is(err, context.Canceled) {
				t.Fatalf("Calculator.ApplyTotal: %v, want an error wrapping context.Canceled", err)
			}
		})
	}
}

// Every check of the context in ApplyTotal and MarshalJSONContext stops the work with an error
// wrapping ctx.Err(); on the math/big path there is a check for every household in each pass,
// and a context that is never done gives what context.Background gives.
func TestApplyStopsAtEveryCheck(t *testing.T) {
	capped := stairwell(4, 10, "60")
	for i := range capped {
		capped[i].HardshipCap = Money(10000+2000*(i%7)) * Yuan // Σ 630,000 of 600,000: several rounds of water-filling
	}
	for _, tc := range []struct {
		name      string
		scheme    string
		hh        []Household
		minChecks int // fewer means a pass over the households is not stopped
	}{
		// Weights of small denominators take the linear 64-bit path, checked on entry only.
		{"64-bit path", `{"total_yuan":"600000","method":"area"}`, stairwell(6, 2, "60"), 1},
		// 1/p for four primes above 10⁹: a common denominator of 120 bits, the math/big path.
		{"math/big path", hostileScheme(4), stairwell(4, 10, "60"), 1 + 2*40},
		{"math/big path, capped", hostileScheme(4), capped, 1 + 3*40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := decode(t, tc.scheme)
			want, err := s.Apply(context.Background(), tc.hh)
			if err != nil {
				t.Fatal(err)
			}
			var got *Result
			n := stopEverywhere(t, func(ctx context.Context) error {
				var err error
				got, err = s.Apply(ctx, tc.hh)
				return err
			})
			if n < tc.minChecks {
				t.Errorf("Apply checked the context %d times, want at least %d", n, tc.minChecks)
			}
			if diff := cmp.Diff(want.Households, got.Households, cmp.AllowUnexported(Weight{})); diff != "" {
				t.Errorf("with a context never done (-Background +got):\n%s", diff)
			}
			wantJSON, err := want.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var gotJSON []byte
			n = stopEverywhere(t, func(ctx context.Context) error {
				r, err := s.Apply(context.Background(), tc.hh) // a fresh Result: nothing cached
				if err != nil {
					t.Fatal(err)
				}
				gotJSON, err = r.MarshalJSONContext(ctx)
				return err
			})
			if n < 2*len(tc.hh) {
				t.Errorf("MarshalJSONContext checked the context %d times, want at least %d", n, 2*len(tc.hh))
			}
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("MarshalJSONContext wrote\n%s\nMarshalJSON\n%s", gotJSON, wantJSON)
			}
		})
	}
}

// Balance is stopped by its context at every check, with an error wrapping both ErrBalance
// and ctx.Err(), and gives the same allocation with a context never done.
func TestBalanceStops(t *testing.T) {
	var claims []Claim
	for i := range 30 {
		claims = append(claims, Claim{ID: fmt.Sprint(i), Need: Money(50+7*i) * Wan, Households: 100 + 37*(i%11), Group: []string{"", "east"}[i%2]})
	}
	groups := []GroupCap{{Name: "east", Max: 600 * Wan}}
	want, err := Balance(context.Background(), 1500*Wan, claims, groups)
	if err != nil {
		t.Fatal(err)
	}
	var got *Balancing
	n := stopEverywhere(t, func(ctx context.Context) error {
		var err error
		got, err = Balance(ctx, 1500*Wan, claims, groups)
		if err != nil && !errors.Is(err, ErrBalance) {
			t.Fatalf("%v does not wrap ErrBalance", err)
		}
		return err
	})
	if n < 2+len(claims) {
		t.Errorf("Balance checked the context %d times, want at least %d (on entry, after the simplex, per claim in a round)", n, 2+len(claims))
	}
	if diff := cmp.Diff(want.Amounts, got.Amounts); diff != "" {
		t.Errorf("with a context never done (-Background +got):\n%s", diff)
	}
}
