package main

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	tm := timings{}
	if got := tm.median("x"); got != 0 {
		t.Errorf("median of nothing %v", got)
	}
	for _, d := range []time.Duration{5, 1, 4, 2, 3} {
		tm.add("x", d)
	}
	if got := tm.median("x"); got != 3 {
		t.Errorf("median of 1..5 %v, want 3", got)
	}
	tm.add("x", 10)
	if got := tm.median("x"); got != 3 { // (3+4)/2 in integer nanoseconds
		t.Errorf("median of 1..5,10 %v, want 3", got)
	}
	if tm["x"][0] != 5 {
		t.Error("median reordered the recorded times")
	}
}
