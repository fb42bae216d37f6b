package budget

import (
	"errors"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/memtest"
	"github.com/xiaoqu/xiaoqu/table"
)

// parseAllocPerByte bounds what ParseAreaWeight and ParseWeight allocate, in bytes per byte
// of the text, with room: the error quotes the text, and %q writes a byte that is not UTF-8
// as four characters (\xff), in a buffer that grows by doubling, so that a text of such bytes
// needs 23. parseAllocSlack is the constant besides.
const (
	parseAllocPerByte = 32
	parseAllocSlack   = 512
)

// weightSeeds are texts good and hostile for the weight parsers: areas with unit marks, huge
// and long numbers, fractions, and long junk that the error quotes.
var weightSeeds = []string{
	"58.6", "58.60", "58.6平方米", "58.6㎡", " 60 m² ", "0", "1/3", "七十", "-5", "1e3", "58.605",
	"18446744073709551615", "184467440737095516.16", "9" + strings.Repeat("0", 10000) + ".5",
	"0." + strings.Repeat("0", 10000) + "1", strings.Repeat("\xff", 10000), strings.Repeat("平方米", 3000),
	strings.Repeat("1/", 5000),
}

// FuzzParseAreaWeight checks that ParseAreaWeight never panics, that its errors match both
// ErrInvalidWeight and table.ErrArea, that what it accepts is a whole number of hundredths
// that writes back and parses to the same weight, and the memory bound.
func FuzzParseAreaWeight(f *testing.F) {
	for _, s := range weightSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w Weight
		var err error
		got := memtest.Bound(t, len(s), parseAllocPerByte, parseAllocSlack, func() { w, err = ParseAreaWeight(s) })
		if testing.Verbose() {
			t.Logf("%d bytes: %d allocated, error %.60v", len(s), got, err)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidWeight) || !errors.Is(err, table.ErrArea) {
				t.Fatalf("ParseAreaWeight(%.40q): %v does not match ErrInvalidWeight and table.ErrArea", s, err)
			}
			if w != (Weight{}) {
				t.Fatalf("ParseAreaWeight(%.40q) = %v with error %v", s, w, err)
			}
			return
		}
		if 100%w.Den() != 0 {
			t.Fatalf("ParseAreaWeight(%.40q) = %v, not a whole number of hundredths", s, w)
		}
		back, err := ParseAreaWeight(w.String())
		if err != nil || back != w {
			t.Fatalf("ParseAreaWeight(%.40q) = %v; String %q parses to %v, %v", s, w, w.String(), back, err)
		}
	})
}
