// Package memtest measures what one call allocates, for the memory bounds the readers
// document ("allocates at most about N× its input") and their fuzz targets check.
package memtest

import (
	"runtime"
	"testing"
)

// Allocated returns the bytes fn allocates in one call, as the growth of
// runtime.MemStats.TotalAlloc around it. TotalAlloc counts every goroutine, the fuzzing
// engine's too, so a bound on it needs a constant allowance besides its multiple of the input.
func Allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// EngineSlack is what Bound allows besides the caller's bound for the fuzzing engine, whose
// goroutines allocate while fn runs under go test -fuzz (a 3-byte text that allocates
// nothing itself was seen to "allocate" 5 KiB).
const EngineSlack = 64 << 10

// Bound calls fn once and fails t when it allocates more than perByte bytes for each of the n
// bytes of input plus slack bytes, plus EngineSlack. It returns what fn allocated.
func Bound(t testing.TB, n int, perByte, slack uint64, fn func()) uint64 {
	t.Helper()
	got := Allocated(fn)
	if limit := perByte*uint64(n) + slack + EngineSlack; got > limit {
		t.Errorf("%d bytes of input allocated %d bytes (%.1f per byte), more than %d×%d+%d+%d = %d",
			n, got, float64(got)/float64(max(n, 1)), perByte, n, slack, EngineSlack, limit)
	}
	return got
}
