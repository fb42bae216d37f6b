package budget

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// ErrCapsInfeasible is wrapped by *CapShortfallError: the caps and waivers leave too little room
// for the amount to be split.
var ErrCapsInfeasible = errors.New("caps cannot all hold")

// CapShortfallError says that the items with positive weight may pay at most Room in all (the
// sum of their caps, each rounded down to the rounding unit) while Total must be split, so
// Shortfall = Total − Room is missing. Items counts the items with positive weight.
type CapShortfallError struct {
	Total, Room, Shortfall Money
	Items                  int
}

// Error says how much the caps leave short, in yuan.
func (e *CapShortfallError) Error() string {
	return fmt.Sprintf("caps cannot all hold: the %d items with positive weight may pay at most %s yuan in all, %s yuan short of the %s yuan to split",
		e.Items, e.Room, e.Shortfall, e.Total)
}

// Unwrap returns ErrCapsInfeasible.
func (e *CapShortfallError) Unwrap() error { return ErrCapsInfeasible }

// waterFill finds which items are fixed at their caps when t units are split over a.w (sum
// sum). It leaves those items' indices in a.cands[:nfixed] and returns the units and weight
// left for the proportional split of the others.
//
// The fixed set is the set of items whose cap-to-weight ratio is below the final rate
// rest/restW. Sorting the items that might bind by that ratio finds it in one pass: fixing an
// item whose exact share exceeds its cap only raises the rate for the others, so once the next
// item in ratio order fits under the current rate, all later ones do too. This is the same
// result as the iterative "fix, re-spread, repeat" description, in O(k log k) for k capped
// items.
func (a *Apportioner) waterFill(t, sum uint64, caps []Money, unit Money) (rest, restW uint64, nfixed int, err error) {
	a.cands = a.cands[:0]
	var room uint64 // Σ min(cap, t) over items with positive weight, saturating at t
	items := 0
	for i, w := range a.w {
		if w == 0 {
			continue
		}
		items++
		c := uint64(caps[i] / unit)
		if c < t {
			a.cands = append(a.cands, int32(i))
		}
		if room < t {
			room += min(c, t)
		}
	}
	if room < t {
		return 0, 0, 0, &CapShortfallError{
			Total:     Money(t) * unit,
			Room:      Money(room) * unit,
			Shortfall: Money(t-room) * unit,
			Items:     items,
		}
	}
	if len(a.cands) == 0 {
		return t, sum, 0, nil
	}
	w := a.w
	slices.SortFunc(a.cands, func(i, j int32) int {
		// cap_i/w_i versus cap_j/w_j, by cross-multiplication.
		ah, al := bits.Mul64(uint64(caps[i]/unit), w[j])
		bh, bl := bits.Mul64(uint64(caps[j]/unit), w[i])
		if c := cmp128(ah, al, bh, bl); c != 0 {
			return c
		}
		return int(i - j)
	})
	rest, restW = t, sum
	for _, i := range a.cands {
		c := uint64(caps[i] / unit)
		// Fixed if its exact share rest·w/restW exceeds its cap: c·restW < rest·w.
		ah, al := bits.Mul64(c, restW)
		bh, bl := bits.Mul64(rest, w[i])
		if cmp128(ah, al, bh, bl) >= 0 {
			break
		}
		rest -= c
		restW -= w[i]
		nfixed++
	}
	return rest, restW, nfixed, nil
}
