package budget

import (
	"errors"
	"fmt"
)

// Rounding is the unit every apportioned share is a whole multiple of: the fen (the default and
// the zero value), the jiao or the yuan. Ledgers that collect cash in whole yuan use RoundYuan.
type Rounding uint8

// Rounding units.
const (
	RoundFen  Rounding = iota // 分, 0.01 yuan
	RoundJiao                 // 角, 0.10 yuan
	RoundYuan                 // 元, 1.00 yuan
)

// ErrInvalidRounding is wrapped by the error ParseRounding returns for an unknown name.
var ErrInvalidRounding = errors.New("invalid rounding unit")

// Unit returns the rounding unit as an amount: 1, 10 or 100 fen. An unknown value returns 0.
func (r Rounding) Unit() Money {
	switch r {
	case RoundFen:
		return Fen
	case RoundJiao:
		return Jiao
	case RoundYuan:
		return Yuan
	}
	return 0
}

// String returns "fen", "jiao" or "yuan".
func (r Rounding) String() string {
	switch r {
	case RoundFen:
		return "fen"
	case RoundJiao:
		return "jiao"
	case RoundYuan:
		return "yuan"
	}
	return fmt.Sprintf("Rounding(%d)", uint8(r))
}

// ParseRounding parses "fen" (or ""), "jiao" or "yuan"; the Chinese 分, 角 and 元 are accepted
// too. Other names are an error wrapping ErrInvalidRounding.
func ParseRounding(s string) (Rounding, error) {
	switch s {
	case "", "fen", "分":
		return RoundFen, nil
	case "jiao", "角":
		return RoundJiao, nil
	case "yuan", "元":
		return RoundYuan, nil
	}
	return 0, fmt.Errorf(`%w: %q (want "fen", "jiao" or "yuan")`, ErrInvalidRounding, s)
}

// MarshalText encodes the unit by name.
func (r Rounding) MarshalText() ([]byte, error) {
	if r.Unit() == 0 {
		return nil, fmt.Errorf("%w: %d", ErrInvalidRounding, uint8(r))
	}
	return []byte(r.String()), nil
}

// UnmarshalText parses the unit as ParseRounding does.
func (r *Rounding) UnmarshalText(b []byte) error {
	v, err := ParseRounding(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
