package memtest

import (
	"testing"
)

var sink []byte

// TestAllocated checks that a 1 MiB allocation is counted, and that Bound fails a call that
// breaks its bound and passes one that keeps it.
func TestAllocated(t *testing.T) {
	if got := Allocated(func() { sink = make([]byte, 1<<20) }); got < 1<<20 || got > 1<<20+4096 {
		t.Errorf("Allocated = %d, want about %d", got, 1<<20)
	}
	tests := []struct {
		name    string
		perByte uint64
		fail    bool
	}{
		{"kept", 2, false},
		{"broken", 1, true},
	}
	for _, tt := range tests {
		rec := &recorder{TB: t}
		Bound(rec, 1<<20, tt.perByte, 0, func() { sink = make([]byte, 3<<19+EngineSlack) })
		if rec.failed != tt.fail {
			t.Errorf("%s: failed = %v, want %v", tt.name, rec.failed, tt.fail)
		}
	}
}

// recorder is a testing.TB that records a failure instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
