package geo

import "testing"

// crsCPUMeter reports a benchmark's CPU time per item beside its wall-clock ns/op. With -cpu=1
// and no allocation, the process's CPU time is the benchmark's own, and unlike wall time it
// does not count the time other processes held the core on a shared machine.
type crsCPUMeter struct{ start int64 }

func startCRSCPUMeter() crsCPUMeter {
	t, _ := crsProcessCPUTime()
	return crsCPUMeter{t}
}

// report adds the metric unit (e.g. "cpu-ns/op") as CPU nanoseconds per op divided by items.
func (m crsCPUMeter) report(b *testing.B, items float64, unit string) {
	b.Helper()
	if t, ok := crsProcessCPUTime(); ok && b.N > 0 {
		b.ReportMetric(float64(t-m.start)/float64(b.N)/items, unit)
	}
}
