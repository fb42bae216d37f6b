package survey

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Area is a floor area in hundredths of a square metre (0.01 m²), the precision of the
// real-estate register. Areas that enter legal counts (Civil Code Art. 278 and 283) are kept as
// Area so that sums and comparisons are exact integers. The zero value is 0.00 m².
type Area int64

// ErrInvalidArea is wrapped by every error ParseArea returns.
var ErrInvalidArea = errors.New("invalid area")

// areaSuffixes are the unit marks a spreadsheet cell may carry after the number.
var areaSuffixes = []string{"平方米", "平米", "㎡", "m²", "m2", "M2"}

// ParseArea parses a non-negative decimal number of square metres with at most two decimal
// places, such as "86.5", "86.50", "86" or "86.50㎡" (the marks 平方米, 平米, ㎡, m², m2 are
// accepted after the number). It never rounds: "86.505" is an error, "86.500" is 86.50 m².
// Errors wrap ErrInvalidArea and quote the input.
func ParseArea(s string) (Area, error) {
	t := strings.TrimSpace(s)
	for _, suf := range areaSuffixes {
		if strings.HasSuffix(t, suf) {
			t = strings.TrimSpace(strings.TrimSuffix(t, suf))
			break
		}
	}
	if t == "" {
		return 0, fmt.Errorf("%w: %q is empty", ErrInvalidArea, s)
	}
	if t[0] == '-' {
		return 0, fmt.Errorf("%w: %q is negative", ErrInvalidArea, s)
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || !allDigits(whole) || (hasDot && (frac == "" || !allDigits(frac))) {
		return 0, fmt.Errorf("%w: %q is not a number of square metres", ErrInvalidArea, s)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 {
		return 0, fmt.Errorf("%w: %q has more than two decimal places", ErrInvalidArea, s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (math.MaxInt64-99)/100 {
		return 0, fmt.Errorf("%w: %q is too large", ErrInvalidArea, s)
	}
	f, _ := strconv.ParseInt(frac, 10, 64) // two ASCII digits: cannot fail
	return Area(w*100 + f), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String formats the area in square metres with exactly two decimals, such as "86.50".
func (a Area) String() string {
	sign := ""
	u := uint64(a)
	if a < 0 {
		sign = "-"
		u = uint64(-(a + 1)) + 1 // also right for math.MinInt64
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// SquareMetres returns the area in square metres as a float64, for display and geometry only;
// never compare legal thresholds with it.
func (a Area) SquareMetres() float64 { return float64(a) / 100 }

// MarshalText encodes the area as String does, so that JSON carries it as "86.50".
func (a Area) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText parses the area as ParseArea does.
func (a *Area) UnmarshalText(b []byte) error {
	v, err := ParseArea(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON accepts the area as a JSON string ("86.50") or a JSON number (86.5), parsed
// exactly from its digits.
func (a *Area) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		unq, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("%w: %s is not a JSON string", ErrInvalidArea, s)
		}
		s = unq
	}
	return a.UnmarshalText([]byte(s))
}
