package budget

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"
)

// apportionBig is the math/big path of Apportioner.Apportion, taken when the weights brought to
// a common denominator do not fit in 64 bits. It follows the specification literally (exact
// rationals, iterative water-filling, a full sort of the remainders), so the tests also use it
// as the reference the fast path must agree with. Shares in units go to dst.
//
// Its cost grows with the number of items times the cube of the common denominator's length,
// so it checks ctx for every item in each pass over them and every 256 comparisons of the
// sort, and returns an error wrapping ctx.Err() once ctx is done.
func apportionBig(ctx context.Context, dst []Money, t uint64, weights []Weight, caps []Money, unit Money) error {
	n := len(weights)
	if err := checkDenominators(weights); err != nil {
		return err
	}
	ws := make([]*big.Rat, n)
	total := new(big.Rat)
	items := 0
	for i, w := range weights {
		if err := stopped(ctx); err != nil {
			return err
		}
		ws[i] = w.Rat()
		total.Add(total, ws[i])
		if !w.IsZero() {
			items++
		}
	}
	if total.Sign() == 0 {
		return fmt.Errorf("apportion: %d items: %w", n, ErrZeroWeights)
	}
	fixed := make([]bool, n)
	capU := func(i int) *big.Rat { return new(big.Rat).SetInt64(int64(caps[i] / unit)) }
	if caps != nil {
		room := new(big.Int)
		for i, w := range weights {
			if !w.IsZero() {
				room.Add(room, big.NewInt(int64(caps[i]/unit)))
			}
		}
		tb := new(big.Int).SetUint64(t)
		if room.Cmp(tb) < 0 {
			return &CapShortfallError{
				Total:     Money(t) * unit,
				Room:      Money(room.Int64()) * unit,
				Shortfall: Money(new(big.Int).Sub(tb, room).Int64()) * unit,
				Items:     items,
			}
		}
	}
	rest := new(big.Rat).SetUint64(t)
	restW := new(big.Rat).Set(total)
	exact := func(i int) *big.Rat {
		e := new(big.Rat).Mul(rest, ws[i])
		return e.Quo(e, restW)
	}
	// Water-filling: fix every item whose exact share exceeds its cap, re-spread, repeat.
	for caps != nil {
		var over []int
		for i := range n {
			if err := stopped(ctx); err != nil {
				return err
			}
			if !fixed[i] && ws[i].Sign() > 0 && exact(i).Cmp(capU(i)) > 0 {
				over = append(over, i)
			}
		}
		if len(over) == 0 {
			break
		}
		for _, i := range over {
			fixed[i] = true
			rest.Sub(rest, capU(i))
			restW.Sub(restW, ws[i])
		}
		if restW.Sign() == 0 {
			break
		}
	}
	type key struct {
		rem *big.Rat
		idx int
	}
	var keys []key
	got := new(big.Int)
	for i := range n {
		if err := stopped(ctx); err != nil {
			return err
		}
		switch {
		case fixed[i]:
			dst[i] = caps[i] / unit
			got.Add(got, big.NewInt(int64(dst[i])))
		case ws[i].Sign() == 0 || restW.Sign() == 0:
			dst[i] = 0
		default:
			e := exact(i)
			q := new(big.Int).Quo(e.Num(), e.Denom()) // non-negative: Quo truncates = floor
			dst[i] = Money(q.Int64())
			got.Add(got, q)
			rem := new(big.Rat).Sub(e, new(big.Rat).SetInt(q))
			if rem.Sign() != 0 {
				keys = append(keys, key{rem, i})
			}
		}
	}
	var stop error // once set, every comparison says "equal", so the sort ends quickly
	calls := 0
	sort.SliceStable(keys, func(a, b int) bool {
		if calls++; calls%256 == 0 && stop == nil {
			stop = stopped(ctx)
		}
		return stop == nil && keys[a].rem.Cmp(keys[b].rem) > 0
	})
	if stop != nil {
		return stop
	}
	left := new(big.Int).Sub(new(big.Int).SetUint64(t), got).Int64()
	if left < 0 || left > int64(len(keys)) { // impossible: Σ remainders = left, each < 1
		return fmt.Errorf("apportion: internal error: %d units left for %d remainders", left, len(keys))
	}
	for _, k := range keys[:left] {
		dst[k.idx]++
	}
	return nil
}

// stopped returns an error wrapping ctx.Err() once ctx is done, else nil.
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("apportion: stopped: %w", err)
	}
	return nil
}

// MaxDenominatorBits bounds the common denominator of the weights of one apportionment, in
// bits: 256 bits hold, for instance, every denominator of decimals with up to 77 places or a
// few dozen distinct fractions such as 1/3 and 1/7. The exact arithmetic costs about the cube
// of the common denominator's length, so without a bound weights of many distinct large
// denominators (1/1000000007, 1/1000000009, …) took minutes.
const MaxDenominatorBits = 256

// ErrTooComplex is wrapped by the error of an apportionment whose weights' common denominator
// passes MaxDenominatorBits.
var ErrTooComplex = errors.New("the weights' common denominator is too large for exact arithmetic")

// checkDenominators returns an error wrapping ErrTooComplex if the least common multiple of the
// weights' denominators passes MaxDenominatorBits. It stops as soon as it does, so its own
// work is bounded by the limit.
func checkDenominators(weights []Weight) error {
	lcm := big.NewInt(1)
	var d, g, r big.Int
	last := uint64(1)
	distinct := 0
	for i, w := range weights {
		wd := w.Den()
		if wd == last || w.IsZero() {
			continue
		}
		last = wd
		d.SetUint64(wd)
		if r.Rem(lcm, &d).Sign() == 0 {
			continue
		}
		distinct++
		g.GCD(nil, nil, lcm, &d)
		lcm.Mul(lcm, d.Quo(&d, &g))
		if lcm.BitLen() > MaxDenominatorBits {
			return fmt.Errorf("apportion: after %d of %d weights (%d distinct denominators), their common denominator has %d bits, more than %d (budget.MaxDenominatorBits); write them as decimals or with fewer distinct denominators: %w",
				i+1, len(weights), distinct, lcm.BitLen(), MaxDenominatorBits, ErrTooComplex)
		}
	}
	return nil
}
