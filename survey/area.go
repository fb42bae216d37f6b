package survey

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/table"
)

// Area is a floor area in hundredths of a square metre (0.01 m²), the precision of the
// real-estate register. Areas that enter legal counts (Civil Code Art. 278 and 283) are kept as
// Area so that sums and comparisons are exact integers. The zero value is 0.00 m².
type Area int64

// ErrInvalidArea is wrapped by every error ParseArea returns.
var ErrInvalidArea = errors.New("invalid area")

// ParseArea parses a non-negative decimal number of square metres with at most two decimal
// places, such as "86.5", "86.50", "86" or "86.50㎡" (the marks 平方米, 平米, ㎡, m², m2 are
// accepted after the number). It never rounds: "86.505" is an error, "86.500" is 86.50 m².
// It is table.ParseArea, the one area rule of every table. Errors wrap ErrInvalidArea and
// quote the input.
func ParseArea(s string) (Area, error) {
	c, err := table.ParseArea(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrInvalidArea, err)
	}
	return Area(c), nil
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
