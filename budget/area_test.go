package budget

import (
	"errors"
	"testing"
)

func TestParseAreaWeight(t *testing.T) {
	for in, want := range map[string]string{"58.6": "58.6", " 58.60 ": "58.6", "60㎡": "60", "60 m²": "60", "72.35平方米": "72.35", "0": "0"} {
		w, err := ParseAreaWeight(in)
		if err != nil || w.String() != want {
			t.Errorf("ParseAreaWeight(%q) = %v, %v; want %s", in, w, err, want)
		}
	}
	for _, in := range []string{"1/3", "-5", "七十", "", "㎡", "1e3", "58.605"} {
		if _, err := ParseAreaWeight(in); !errors.Is(err, ErrInvalidWeight) {
			t.Errorf("ParseAreaWeight(%q) = %v, want an ErrInvalidWeight", in, err)
		}
	}
}
