package benchcpu

import "testing"

// Meter is a CPU-time reading taken by Start.
type Meter struct {
	start int64
	ok    bool
}

// Start reads the process's CPU time now.
func Start() Meter {
	t, ok := processCPUTime()
	return Meter{t, ok}
}

// PerOp returns the CPU seconds used since Start divided by b.N, and false where the
// system gives no CPU time or b ran no operation.
func (m Meter) PerOp(b *testing.B) (seconds float64, ok bool) {
	t, ok := processCPUTime()
	if !ok || !m.ok || b.N == 0 {
		return 0, false
	}
	return float64(t-m.start) / 1e9 / float64(b.N), true
}

// Report adds the CPU seconds per operation to b as the metric "cpu-s/op".
func (m Meter) Report(b *testing.B) {
	b.Helper()
	if s, ok := m.PerOp(b); ok {
		b.ReportMetric(s, "cpu-s/op")
	}
}
