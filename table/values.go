package table

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrArea is matched (errors.Is) by every error ParseArea returns.
var ErrArea = errors.New("invalid area")

// areaMarks are the unit marks a cell may carry after an area.
var areaMarks = []string{"平方米", "平米", "㎡", "m²", "M²", "m2", "M2"}

// valueError is a cell's fault: its message quotes the cell, and errors.Is matches kind.
type valueError struct {
	msg  string
	kind error
}

func (e *valueError) Error() string        { return e.msg }
func (e *valueError) Is(target error) bool { return target == e.kind }

// Errorf returns an error with the formatted message that matches kind with errors.Is
// without spelling kind out, such as Errorf(ErrTooLarge, "file is larger than %d bytes", n).
func Errorf(kind error, format string, args ...any) error {
	return &valueError{fmt.Sprintf(format, args...), kind}
}

// ParseArea is the one area rule of every table: a non-negative decimal number of square
// metres with at most two decimal places — the precision of the real-estate register — such
// as "86.5", "86.50", "86" or "86.50㎡" (the marks 平方米, 平米, ㎡, m², m2 may follow). It
// returns hundredths of a square metre and never rounds: "86.505" is an error, "86.500" is
// 8650. Errors quote the cell and match ErrArea.
func ParseArea(s string) (int64, error) {
	bad := func(why string) (int64, error) {
		return 0, &valueError{fmt.Sprintf("%q %s", s, why), ErrArea}
	}
	t := strings.TrimSpace(s)
	for _, m := range areaMarks {
		if strings.HasSuffix(t, m) {
			t = strings.TrimSpace(strings.TrimSuffix(t, m))
			break
		}
	}
	if t == "" {
		return bad("is empty")
	}
	if t[0] == '-' {
		return bad("is negative")
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || !allDigits(whole) || (hasDot && (frac == "" || !allDigits(frac))) {
		return bad("is not a number of square metres")
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 {
		return bad("has more than two decimal places")
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > (math.MaxInt64-99)/100 {
		return bad("is too large")
	}
	f, _ := strconv.ParseInt(frac, 10, 64) // two ASCII digits: cannot fail
	return w*100 + f, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ErrYesNo is matched (errors.Is) by every error ParseYesNo returns.
var ErrYesNo = errors.New("not yes or no")

// yesWords and noWords are the one yes/no vocabulary of every table, compared without case.
var (
	yesWords = [...]string{"yes", "y", "true", "1", "是", "有", "√", "✓"}
	noWords  = [...]string{"no", "n", "false", "0", "否", "无", "×", "✗"}
)

// ParseYesNo reads a yes/no cell: yes, y, true, 1, 是, 有, √ or ✓ (any case) is true; no, n,
// false, 0, 否, 无, × or ✗, or an empty cell, is false. Anything else is an error quoting the
// cell that matches ErrYesNo.
func ParseYesNo(s string) (bool, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return false, nil
	}
	for _, w := range yesWords {
		if t == w {
			return true, nil
		}
	}
	for _, w := range noWords {
		if t == w {
			return false, nil
		}
	}
	return false, &valueError{fmt.Sprintf("%q is not yes (是) or no (否)", s), ErrYesNo}
}
