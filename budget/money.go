package budget

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"math"
	"strconv"
	"strings"
)

// Money is an amount of renminbi in fen (分, 0.01 yuan). It is signed so that flows (a
// compensation received, a refund) can be written as negative amounts; fields that must not be
// negative say so and are checked where they are validated. The zero value is 0.00 yuan.
//
// Arithmetic that could overflow int64 (about ±92 万亿 yuan) is done with Add, Sub and Mul, which
// report ErrOverflow instead of wrapping.
type Money int64

// Units of money, in fen.
const (
	Fen  Money = 1         // 分
	Jiao Money = 10        // 角, 0.1 yuan
	Yuan Money = 100       // 元
	Wan  Money = 1_000_000 // 万元, 10,000 yuan
)

// NoCap is the cap that never binds: pass it in a caps slice for an item without a cap.
const NoCap Money = math.MaxInt64

var (
	// ErrOverflow is returned when a sum or product of amounts does not fit in int64 fen.
	ErrOverflow = errors.New("amount overflows int64 fen")
	// ErrInvalidMoney is wrapped by every error ParseMoney and Money.UnmarshalJSON return.
	ErrInvalidMoney = errors.New("invalid amount of money")
)

// Add returns m + o, or ErrOverflow.
func (m Money) Add(o Money) (Money, error) {
	s := m + o
	if (o > 0 && s < m) || (o < 0 && s > m) {
		return 0, fmt.Errorf("%s + %s: %w", m, o, ErrOverflow)
	}
	return s, nil
}

// Sub returns m − o, or ErrOverflow.
func (m Money) Sub(o Money) (Money, error) {
	s := m - o
	if (o > 0 && s > m) || (o < 0 && s < m) {
		return 0, fmt.Errorf("%s − %s: %w", m, o, ErrOverflow)
	}
	return s, nil
}

// Mul returns m × n (n a plain count, such as households or elevators), or ErrOverflow.
func (m Money) Mul(n int64) (Money, error) {
	if m == 0 || n == 0 {
		return 0, nil
	}
	p := m * Money(n)
	if p/Money(n) != m || (m == -1 && n == math.MinInt64) || (n == -1 && m == math.MinInt64) {
		return 0, fmt.Errorf("%s × %d: %w", m, n, ErrOverflow)
	}
	return p, nil
}

// abs returns |m| as a uint64, right also for math.MinInt64.
func (m Money) abs() uint64 {
	if m < 0 {
		return uint64(-(m + 1)) + 1
	}
	return uint64(m)
}

// Yuan formats the amount in yuan with exactly two decimals and no grouping, such as "1234.56",
// "0.00" or "-0.01".
func (m Money) Yuan() string {
	var buf [24]byte
	return string(m.appendYuan(buf[:0]))
}

func (m Money) appendYuan(b []byte) []byte {
	if m < 0 {
		b = append(b, '-')
	}
	u := m.abs()
	b = strconv.AppendUint(b, u/100, 10)
	f := u % 100
	return append(b, '.', byte('0'+f/10), byte('0'+f%10))
}

// String formats the amount as Yuan does.
func (m Money) String() string { return m.Yuan() }

// Grouped formats the amount in yuan with thousands separators, such as "1,234.56", for
// tables meant for people.
func (m Money) Grouped() string {
	s := m.Yuan()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	b.WriteByte('.')
	b.WriteString(frac)
	return b.String()
}

// ParseMoney parses an amount written the ways Chinese ledgers and spreadsheets write it:
//
//	"600000", "600000.00", "1234.5元"   yuan, at most two decimal places
//	"60万", "1.5万", "60万元"            万元 (10,000 yuan), at most six decimal places
//	"¥1,234.56", "￥1234.56"            currency mark; commas only as thousands separators
//	"-0.01", "-¥5"                     a leading minus sign is accepted (Money is signed)
//
// Surrounding white space is ignored. It never rounds: "1.005" is an error, "1.500" is 1.50
// yuan. Errors wrap ErrInvalidMoney and quote the input; an amount beyond int64 fen also says
// it is too large.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	bad := func(why string) (Money, error) {
		return 0, fmt.Errorf("%w: %q %s", ErrInvalidMoney, s, why)
	}
	if t == "" {
		return bad("is empty")
	}
	neg := false
	if strings.HasPrefix(t, "-") {
		neg = true
		t = t[1:]
	}
	for _, mark := range []string{"¥", "￥"} {
		if strings.HasPrefix(t, mark) {
			t = t[len(mark):]
			break
		}
	}
	if !neg && strings.HasPrefix(t, "-") { // "¥-5"
		neg = true
		t = t[1:]
	}
	t = strings.TrimSuffix(t, "元")
	scale := 2 // decimal places of a yuan amount that make fen
	if strings.HasSuffix(t, "万") {
		t = strings.TrimSuffix(t, "万")
		scale = 6
	}
	t = strings.TrimSpace(t)
	whole, frac, hasDot := strings.Cut(t, ".")
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return bad("has misplaced thousands separators")
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return bad("has misplaced thousands separators")
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" || !allDigits(whole) || (hasDot && (frac == "" || !allDigits(frac))) {
		return bad("is not an amount of money")
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > scale {
		if scale == 2 {
			return bad("has more than two decimal places (finer than a fen)")
		}
		return bad("has more than six decimal places of 万 (finer than a fen)")
	}
	frac += strings.Repeat("0", scale-len(frac))
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 19 {
		return bad("is too large")
	}
	var w uint64
	if whole != "" {
		var err error
		if w, err = strconv.ParseUint(whole, 10, 64); err != nil {
			return bad("is too large")
		}
	}
	f, _ := strconv.ParseUint(frac, 10, 64) // at most six ASCII digits: cannot fail
	mult := uint64(1)
	for range scale {
		mult *= 10
	}
	const lim = uint64(math.MaxInt64)
	if w > (lim-f)/mult {
		return bad("is too large")
	}
	v := Money(w*mult + f)
	if neg {
		v = -v
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MarshalJSON encodes the amount as {"fen":123456,"yuan":"1234.56"}: the integer is what
// programs should read, the string is for people.
func (m Money) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 48)
	b = append(b, `{"fen":`...)
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, `,"yuan":"`...)
	b = m.appendYuan(b)
	return append(b, `"}`...), nil
}

// UnmarshalJSON accepts what MarshalJSON writes ({"fen":123456,"yuan":"1234.56"}; "yuan" is
// optional and, if present, must agree with "fen"), or a JSON string that ParseMoney accepts
// ("1234.56", "60万"). A bare JSON number is rejected because it does not say whether it counts
// fen or yuan. Errors wrap ErrInvalidMoney.
func (m *Money) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("%w: %s is not a JSON string", ErrInvalidMoney, b)
		}
		v, err := ParseMoney(s)
		if err != nil {
			return err
		}
		*m = v
		return nil
	case len(b) > 0 && b[0] == '{':
		var o struct {
			Fen  *json.Number `json:"fen"`
			Yuan *string      `json:"yuan"`
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		dec.DisallowUnknownFields()
		if err := errors.Join(jsondup.Check(b), dec.Decode(&o)); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidMoney, err)
		}
		if o.Fen == nil {
			return fmt.Errorf(`%w: object has no "fen"`, ErrInvalidMoney)
		}
		f, err := strconv.ParseInt(o.Fen.String(), 10, 64)
		if err != nil {
			return fmt.Errorf(`%w: "fen" %s is not an integer in range`, ErrInvalidMoney, o.Fen.String())
		}
		if o.Yuan != nil {
			y, err := ParseMoney(*o.Yuan)
			if err != nil {
				return err
			}
			if y != Money(f) {
				return fmt.Errorf(`%w: "fen" %d and "yuan" %q disagree`, ErrInvalidMoney, f, *o.Yuan)
			}
		}
		*m = Money(f)
		return nil
	case string(b) == "null":
		return nil
	}
	return fmt.Errorf(`%w: %.40s: write a string such as "1234.56" or an object {"fen":123456}`, ErrInvalidMoney, b)
}
