package budget

import (
	"fmt"
	"math/big"
	"sort"
)

// apportionBig is the math/big path of Apportioner.Apportion, taken when the weights brought to
// a common denominator do not fit in 64 bits. It follows the specification literally (exact
// rationals, iterative water-filling, a full sort of the remainders), so the tests also use it
// as the reference the fast path must agree with. Shares in units go to dst.
func apportionBig(dst []Money, t uint64, weights []Weight, caps []Money, unit Money) error {
	n := len(weights)
	ws := make([]*big.Rat, n)
	total := new(big.Rat)
	items := 0
	for i, w := range weights {
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
	sort.SliceStable(keys, func(a, b int) bool { return keys[a].rem.Cmp(keys[b].rem) > 0 })
	left := new(big.Int).Sub(new(big.Int).SetUint64(t), got).Int64()
	if left < 0 || left > int64(len(keys)) { // impossible: Σ remainders = left, each < 1
		return fmt.Errorf("apportion: internal error: %d units left for %d remainders", left, len(keys))
	}
	for _, k := range keys[:left] {
		dst[k.idx]++
	}
	return nil
}
