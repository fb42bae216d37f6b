package budget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Weight is an exact non-negative rational number: an apportionment weight, an exclusive area in
// m², a floor coefficient, a percentage. It is kept in lowest terms with a 64-bit numerator and
// denominator, so weights written as decimals with up to 19 significant digits (and up to 19
// decimal places) are exact. The
// zero value is 0.
//
// Weights are parsed from decimal text (ParseWeight), never through float64.
type Weight struct {
	n   uint64 // numerator
	dm1 uint64 // denominator − 1, so that the zero value is 0/1
}

// ErrInvalidWeight is wrapped by every error ParseWeight, NewWeight and the Weight arithmetic
// return.
var ErrInvalidWeight = errors.New("invalid weight")

// IntWeight returns the whole number n as a Weight.
func IntWeight(n uint64) Weight { return Weight{n: n} }

// NewWeight returns num/den in lowest terms. den = 0 is an error wrapping ErrInvalidWeight.
func NewWeight(num, den uint64) (Weight, error) {
	if den == 0 {
		return Weight{}, fmt.Errorf("%w: %d/0 has a zero denominator", ErrInvalidWeight, num)
	}
	g := gcd(num, den)
	if num == 0 {
		g = den
	}
	return Weight{n: num / g, dm1: den/g - 1}, nil
}

// Num returns the numerator in lowest terms.
func (w Weight) Num() uint64 { return w.n }

// Den returns the denominator in lowest terms (at least 1).
func (w Weight) Den() uint64 { return w.dm1 + 1 }

// IsZero reports whether w is 0.
func (w Weight) IsZero() bool { return w.n == 0 }

// Rat returns w as a new big.Rat.
func (w Weight) Rat() *big.Rat {
	return new(big.Rat).SetFrac(new(big.Int).SetUint64(w.n), new(big.Int).SetUint64(w.Den()))
}

// Cmp compares w and o exactly and returns −1, 0 or +1.
func (w Weight) Cmp(o Weight) int {
	ah, al := bits.Mul64(w.n, o.Den())
	bh, bl := bits.Mul64(o.n, w.Den())
	return cmp128(ah, al, bh, bl)
}

func cmp128(ah, al, bh, bl uint64) int {
	switch {
	case ah < bh || (ah == bh && al < bl):
		return -1
	case ah > bh || (ah == bh && al > bl):
		return 1
	}
	return 0
}

// Mul returns w × o exactly. A product whose lowest terms do not fit in 64 bits is an error
// wrapping ErrInvalidWeight.
func (w Weight) Mul(o Weight) (Weight, error) {
	if w.n == 0 || o.n == 0 {
		return Weight{}, nil
	}
	// Cross-reduce first so that products of decimals stay small.
	g1 := gcd(w.n, o.Den())
	g2 := gcd(o.n, w.Den())
	n1, d2 := w.n/g1, o.Den()/g1
	n2, d1 := o.n/g2, w.Den()/g2
	nh, nl := bits.Mul64(n1, n2)
	dh, dl := bits.Mul64(d1, d2)
	if nh != 0 || dh != 0 {
		return Weight{}, fmt.Errorf("%w: %s × %s is too large to hold exactly", ErrInvalidWeight, w, o)
	}
	return Weight{n: nl, dm1: dl - 1}, nil
}

// Add returns w + o exactly, or an error wrapping ErrInvalidWeight if the result does not fit.
func (w Weight) Add(o Weight) (Weight, error) {
	if w.n == 0 {
		return o, nil
	}
	if o.n == 0 {
		return w, nil
	}
	s := new(big.Rat).Add(w.Rat(), o.Rat())
	r, ok := weightFromRat(s)
	if !ok {
		return Weight{}, fmt.Errorf("%w: %s + %s is too large to hold exactly", ErrInvalidWeight, w, o)
	}
	return r, nil
}

// DivInt returns w / k exactly; k = 0 or a result that does not fit is an error wrapping
// ErrInvalidWeight.
func (w Weight) DivInt(k uint64) (Weight, error) {
	if k == 0 {
		return Weight{}, fmt.Errorf("%w: %s / 0", ErrInvalidWeight, w)
	}
	if w.n == 0 {
		return Weight{}, nil
	}
	g := gcd(w.n, k)
	n, kr := w.n/g, k/g
	hi, lo := bits.Mul64(w.Den(), kr)
	if hi != 0 {
		return Weight{}, fmt.Errorf("%w: %s / %d is too large to hold exactly", ErrInvalidWeight, w, k)
	}
	return Weight{n: n, dm1: lo - 1}, nil
}

func weightFromRat(r *big.Rat) (Weight, bool) {
	if r.Sign() < 0 || !r.Num().IsUint64() || !r.Denom().IsUint64() {
		return Weight{}, false
	}
	return Weight{n: r.Num().Uint64(), dm1: r.Denom().Uint64() - 1}, true
}

// gcd returns the greatest common divisor of a and b (gcd(0, b) = b), by Stein's binary
// algorithm: shifts and subtractions instead of 64-bit divisions, which dominate the cost of
// weighing a stairwell otherwise.
func gcd(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	shift := bits.TrailingZeros64(a | b)
	a >>= bits.TrailingZeros64(a)
	for b != 0 {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
	}
	return a << shift
}

// ParseWeight parses a non-negative exact number written as a decimal ("60", "86.50", "0.7",
// "0.05") or as a fraction of two whole numbers ("1/3", the form String uses for weights that
// have no finite decimal). Surrounding white space is ignored; signs, exponents and thousands
// separators are not accepted. Errors wrap ErrInvalidWeight and quote the input. It allocates
// at most about 23 times len(s) bytes, for the error quoting a text of bytes that are not
// UTF-8.
func ParseWeight(s string) (Weight, error) {
	t := strings.TrimSpace(s)
	bad := func(why string) (Weight, error) {
		return Weight{}, fmt.Errorf("%w: %q %s", ErrInvalidWeight, s, why)
	}
	if t == "" {
		return bad("is empty")
	}
	if num, den, ok := strings.Cut(t, "/"); ok {
		n, err1 := parseUint(num)
		d, err2 := parseUint(den)
		if err1 != nil || err2 != nil {
			return bad("is not a fraction of two whole numbers below 2⁶⁴")
		}
		if d == 0 {
			return bad("has a zero denominator")
		}
		return NewWeight(n, d)
	}
	if t[0] == '-' {
		return bad("is negative")
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || !allDigits(whole) || (hasDot && (frac == "" || !allDigits(frac))) {
		return bad("is not a decimal number")
	}
	frac = strings.TrimRight(frac, "0")
	digits := strings.TrimLeft(whole+frac, "0")
	if len(frac) > 19 {
		return bad("has more than 19 decimal places")
	}
	var n uint64
	if digits != "" {
		var err error
		if len(digits) > 20 {
			return bad("has too many significant digits to hold exactly")
		}
		if n, err = strconv.ParseUint(digits, 10, 64); err != nil {
			return bad("has too many significant digits to hold exactly")
		}
	}
	return NewWeight(n, pow10[len(frac)])
}

func parseUint(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	if s == "" || !allDigits(s) {
		return 0, errors.New("not digits")
	}
	return strconv.ParseUint(s, 10, 64)
}

var pow10 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < 20; i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// String formats w exactly: as a decimal without trailing zeros when its denominator divides a
// power of ten ("60", "86.5", "0.7", "0.125"), otherwise as a fraction in lowest terms ("10/3").
func (w Weight) String() string {
	d := w.Den()
	if d == 1 {
		return strconv.FormatUint(w.n, 10)
	}
	// d = 2^a 5^b ⇒ w = n·(10^k/d) / 10^k with k = max(a, b).
	a, b, r := 0, 0, d
	for r%2 == 0 {
		r /= 2
		a++
	}
	for r%5 == 0 {
		r /= 5
		b++
	}
	if r != 1 {
		return strconv.FormatUint(w.n, 10) + "/" + strconv.FormatUint(d, 10)
	}
	k := max(a, b)
	m := new(big.Int).SetUint64(w.n)
	m.Mul(m, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
	m.Quo(m, new(big.Int).SetUint64(d))
	s := m.String()
	if len(s) <= k {
		s = strings.Repeat("0", k-len(s)+1) + s
	}
	return s[:len(s)-k] + "." + s[len(s)-k:]
}

// DecimalPlaces is how many decimal places Decimal keeps for a weight with no finite decimal.
const DecimalPlaces = 12

// Decimal formats w as a decimal string. When w has a finite decimal (its reduced denominator
// has no prime factor but 2 and 5) the string is exact and exact is true; otherwise it is w
// rounded half up to DecimalPlaces places (10/3 → "3.333333333333") and exact is false, and
// String gives the exact "p/q".
func (w Weight) Decimal() (s string, exact bool) {
	str := w.String()
	if !strings.Contains(str, "/") {
		return str, true
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(DecimalPlaces), nil)
	num := new(big.Int).Mul(new(big.Int).SetUint64(w.n), scale)
	num.Lsh(num, 1)
	den := new(big.Int).SetUint64(w.Den())
	num.Add(num, den) // (2·n·10^k + d) / (2·d) rounds half up
	m := num.Quo(num, new(big.Int).Lsh(den, 1)).String()
	if len(m) <= DecimalPlaces {
		m = strings.Repeat("0", DecimalPlaces-len(m)+1) + m
	}
	return m[:len(m)-DecimalPlaces] + "." + m[len(m)-DecimalPlaces:], false
}

// MarshalJSON encodes w as a JSON string, as String formats it.
func (w Weight) MarshalJSON() ([]byte, error) { return json.Marshal(w.String()) }

// UnmarshalJSON accepts a JSON string ("0.7", "1/3") or a JSON number (0.7), parsed exactly from
// its digits as ParseWeight does.
func (w *Weight) UnmarshalJSON(b []byte) error {
	s, err := decimalJSON(b)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidWeight, err)
	}
	v, err := ParseWeight(s)
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// decimalJSON returns the text of a JSON string, or the literal text of a JSON number, so that
// numbers are parsed from their digits and never through float64.
func decimalJSON(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", fmt.Errorf("%.40s is not a JSON string", b)
		}
		return s, nil
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		return "", fmt.Errorf("%.40s is neither a string nor a number", b)
	}
	return n.String(), nil
}
