package budget

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
)

var (
	// ErrZeroWeights is returned when every weight is zero, so there is nothing to split over.
	ErrZeroWeights = errors.New("all weights are zero")
	// ErrNegativeAmount is returned for a negative total, cap or other amount that must not be
	// negative.
	ErrNegativeAmount = errors.New("amount is negative")
	// ErrNotMultiple is returned when an amount to be split is not a whole multiple of the
	// rounding unit.
	ErrNotMultiple = errors.New("amount is not a whole multiple of the rounding unit")
	// ErrLength is returned when parallel slices (weights and caps) differ in length.
	ErrLength = errors.New("slices differ in length")
)

// Apportion splits total over the weights by the largest-remainder method, to the fen. See
// Apportioner.Apportion for the guarantees and errors.
func Apportion(total Money, weights []Weight) ([]Money, error) {
	var a Apportioner
	return a.Apportion(nil, total, weights, nil, RoundFen)
}

// ApportionCapped splits total over the weights in whole rounding units, with a cap per item
// (NoCap for none, 0 for a waiver). See Apportioner.Apportion for the guarantees and errors.
func ApportionCapped(total Money, weights []Weight, caps []Money, r Rounding) ([]Money, error) {
	var a Apportioner
	return a.Apportion(nil, total, weights, caps, r)
}

// Apportioner splits amounts over weights, keeping scratch space between calls so that a caller
// splitting many amounts (one per stairwell, say) allocates nothing per call once the buffers
// have grown. The zero value is ready to use. An Apportioner must not be used by two goroutines
// at once; give each goroutine its own.
type Apportioner struct {
	w     []uint64 // weights brought to a common denominator
	keys  []remKey // non-zero remainders, for the largest-remainder step
	cands []int32  // items whose cap may bind, sorted by cap/weight

	// forceBig sends every call down the math/big path (tests compare the two paths).
	forceBig bool
}

// remKey is one item's remainder in the largest-remainder step. Keys order by remainder,
// largest first, then by index, earliest first: that is the documented tie-break.
type remKey struct {
	rem uint64
	idx int32
}

// Apportion splits total over weights and stores the shares, in fen, in dst (grown or
// allocated as needed; pass nil to allocate) and returns it. Item i gets a whole number of
// rounding units r.Unit(), and:
//
//   - the shares sum exactly to total;
//   - without caps, each share is the exact share total·wᵢ/Σw rounded down or up to a whole
//     unit (largest remainder: the units left after rounding every exact share down go, one
//     each, to the items with the largest fractional remainders; equal remainders go to the
//     earlier item), so it is within one unit of the exact share, an item with more weight
//     never gets less, and an item with zero weight gets zero;
//   - with caps (caps[i] in fen; NoCap for none; 0 waives the item), no share exceeds its cap
//     rounded down to the unit. The exact shares are found by water-filling: an item whose
//     exact share would exceed its cap is fixed at its cap and the rest is re-spread over the
//     others in proportion to their weights, until no cap is exceeded. The result is then
//     rounded as above; the rounding never pushes an item over its cap. An item of zero weight
//     pays zero whatever its cap.
//
// Errors: ErrNegativeAmount for a negative total or cap; ErrNotMultiple if total is not a whole
// number of units; ErrLength if caps is non-nil and not as long as weights; ErrZeroWeights if
// every weight is zero; a *CapShortfallError (wrapping ErrCapsInfeasible) if the caps of the
// items with positive weight add up to less than total, saying by how much.
//
// The arithmetic is exact: weights are brought to a common denominator and products and
// remainders use 128-bit integers, falling back to math/big only when a value does not fit.
// Apportion runs to completion; Calculator.ApplyTotal, which takes a context, can be stopped.
func (a *Apportioner) Apportion(dst []Money, total Money, weights []Weight, caps []Money, r Rounding) ([]Money, error) {
	return a.apportion(context.Background(), dst, total, weights, caps, r)
}

// apportion is Apportion stopped by ctx on the math/big path (see apportionBig); its error
// then wraps ctx.Err().
func (a *Apportioner) apportion(ctx context.Context, dst []Money, total Money, weights []Weight, caps []Money, r Rounding) ([]Money, error) {
	n := len(weights)
	if caps != nil && len(caps) != n {
		return nil, fmt.Errorf("apportion: %d weights but %d caps: %w", n, len(caps), ErrLength)
	}
	unit := r.Unit()
	if unit == 0 {
		return nil, fmt.Errorf("apportion: %w: %d", ErrInvalidRounding, uint8(r))
	}
	if total < 0 {
		return nil, fmt.Errorf("apportion: total %s yuan: %w", total, ErrNegativeAmount)
	}
	if total%unit != 0 {
		return nil, fmt.Errorf("apportion: total %s yuan is not a whole number of %ss: %w", total, r, ErrNotMultiple)
	}
	for i, c := range caps {
		if c < 0 {
			return nil, fmt.Errorf("apportion: cap of item %d is %s yuan: %w", i, c, ErrNegativeAmount)
		}
	}
	if n > 1<<31-1 {
		return nil, fmt.Errorf("apportion: %d items is more than 2³¹−1", n)
	}
	if cap(dst) < n {
		dst = make([]Money, n)
	}
	dst = dst[:n]
	t := uint64(total / unit)
	if a.forceBig || !a.scale(weights) {
		if err := apportionBig(ctx, dst, t, weights, caps, unit); err != nil {
			return nil, err
		}
	} else {
		if err := a.apportionFast(dst, t, caps, unit); err != nil {
			return nil, err
		}
	}
	if unit != 1 {
		for i := range dst {
			dst[i] *= unit
		}
	}
	return dst, nil
}

// scale brings the weights to their least common denominator and stores the numerators in a.w.
// It reports false if a numerator or the sum does not fit in 64 bits.
func (a *Apportioner) scale(weights []Weight) bool {
	n := len(weights)
	if cap(a.w) < n {
		a.w = make([]uint64, n)
	}
	a.w = a.w[:n]
	d := uint64(1)
	last := uint64(1)
	for _, w := range weights {
		wd := w.Den()
		if wd == last || w.n == 0 {
			continue
		}
		last = wd
		g := gcd(d, wd)
		hi, lo := bits.Mul64(d/g, wd)
		if hi != 0 {
			return false
		}
		d = lo
	}
	var sum uint64
	lastDen, lastFactor := uint64(1), d
	for i, w := range weights {
		if w.n == 0 {
			a.w[i] = 0
			continue
		}
		wd := w.Den()
		if wd != lastDen {
			lastDen, lastFactor = wd, d/wd
		}
		hi, lo := bits.Mul64(w.n, lastFactor)
		if hi != 0 {
			return false
		}
		var carry uint64
		sum, carry = bits.Add64(sum, lo, 0)
		if carry != 0 {
			return false
		}
		a.w[i] = lo
	}
	return true
}

// apportionFast splits t units over a.w (already scaled) with optional caps in fen; shares in
// units go to dst.
func (a *Apportioner) apportionFast(dst []Money, t uint64, caps []Money, unit Money) error {
	var sum uint64
	for _, w := range a.w {
		sum += w // scale checked that this does not overflow
	}
	if sum == 0 {
		return fmt.Errorf("apportion: %d items: %w", len(a.w), ErrZeroWeights)
	}
	rest, restW := t, sum
	nfixed := 0
	if caps != nil {
		var err error
		if rest, restW, nfixed, err = a.waterFill(t, sum, caps, unit); err != nil {
			return err
		}
		for _, i := range a.cands[:nfixed] {
			a.w[i] = 0 // fixed at its cap: out of the proportional split
		}
	}
	if restW == 0 { // every paying item is fixed at its cap (then rest is 0)
		clear(dst)
	} else {
		a.keys = largestRemainder(dst, rest, a.w, restW, a.keys)
	}
	for _, i := range a.cands[:nfixed] {
		dst[i] = caps[i] / unit
	}
	return nil
}

// largestRemainder stores in dst[i] the share of t units for weight w[i] out of sum (the sum of
// w), rounded by largest remainder; keys is scratch space, returned for reuse.
func largestRemainder(dst []Money, t uint64, w []uint64, sum uint64, keys []remKey) []remKey {
	if cap(keys) < len(w) {
		keys = make([]remKey, 0, len(w)) // at most one key per item: never grow in the loop
	}
	keys = keys[:0]
	var got uint64
	for i, wi := range w {
		if wi == 0 {
			dst[i] = 0
			continue
		}
		// t·wi/sum ≤ t fits in 64 bits, so hi < sum and Div64 cannot panic.
		hi, lo := bits.Mul64(t, wi)
		q, rem := bits.Div64(hi, lo, sum)
		dst[i] = Money(q)
		got += q
		if rem != 0 {
			keys = append(keys, remKey{rem: rem, idx: int32(i)})
		}
	}
	// Σ rem = (t − got)·sum and every rem < sum, so at least t − got keys exist.
	left := int(t - got)
	if left > 0 && left < len(keys) {
		selectTop(keys, left)
	}
	if left > 0 {
		for _, k := range keys[:left] {
			dst[k.idx]++
		}
	}
	return keys
}

// keyBefore reports whether key a ranks before key b: larger remainder, then earlier index.
func keyBefore(a, b remKey) bool {
	return a.rem > b.rem || (a.rem == b.rem && a.idx < b.idx)
}

// selectTop reorders keys so that keys[:k] are the k highest-ranked keys (in no particular
// order). It is an introselect: quickselect with a median-of-three pivot, falling back to
// heap selection if the partitions degenerate, so it is O(n) on average and O(n log n) at
// worst.
func selectTop(keys []remKey, k int) {
	if k <= 0 || k >= len(keys) {
		return
	}
	lo, hi := 0, len(keys) // the k-th position lies in keys[lo:hi]
	budget := 2 * bits.Len(uint(len(keys)))
	for hi-lo > 12 {
		if budget == 0 {
			heapSelect(keys[lo:hi], k-lo)
			return
		}
		budget--
		p := partition(keys[lo:hi]) + lo
		switch {
		case p == k || p == k-1:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p
		}
	}
	// Small range (a stairwell has about a dozen items): selection sort its first k−lo places.
	s := keys[lo:hi]
	for i := 0; i < k-lo; i++ {
		best := i
		for j := i + 1; j < len(s); j++ {
			if keyBefore(s[j], s[best]) {
				best = j
			}
		}
		s[i], s[best] = s[best], s[i]
	}
}

// partition puts a median-of-three pivot at its final rank position p in s, keys ranking before
// it on the left, and returns p.
func partition(s []remKey) int {
	n := len(s)
	m := n / 2
	// Median of first, middle, last into s[m].
	if keyBefore(s[m], s[0]) {
		s[m], s[0] = s[0], s[m]
	}
	if keyBefore(s[n-1], s[0]) {
		s[n-1], s[0] = s[0], s[n-1]
	}
	if keyBefore(s[n-1], s[m]) {
		s[n-1], s[m] = s[m], s[n-1]
	}
	s[m], s[n-1] = s[n-1], s[m]
	pivot := s[n-1]
	i := 0
	for j := 0; j < n-1; j++ {
		if keyBefore(s[j], pivot) {
			s[i], s[j] = s[j], s[i]
			i++
		}
	}
	s[i], s[n-1] = s[n-1], s[i]
	return i
}

// heapSelect moves the k highest-ranked keys of s to s[:k] in O(n log k).
func heapSelect(s []remKey, k int) {
	if k <= 0 {
		return
	}
	h := s[:k] // a heap whose root is the lowest-ranked of the k kept so far
	worse := func(a, b remKey) bool { return keyBefore(b, a) }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			c := l
			if r := l + 1; r < len(h) && worse(h[r], h[l]) {
				c = r
			}
			if !worse(h[c], h[i]) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for j := k; j < len(s); j++ {
		if keyBefore(s[j], h[0]) {
			h[0], s[j] = s[j], h[0]
			down(0)
		}
	}
}
