package texttable

import (
	"strings"
	"testing"
)

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "乳山二村": 8, "（一）": 6, "a村": 3, "": 0} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestWrite(t *testing.T) {
	tb := Table{Header: []string{"小区", "户数"}, Right: map[int]bool{1: true}}
	tb.Add("乳山二村", "180")
	tb.Add("x", "7")
	var b strings.Builder
	if err := tb.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := "小区      户数\n──────────────\n乳山二村   180\nx            7\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
