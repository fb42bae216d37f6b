//go:build linux

package geo

import "syscall"

// crsProcessCPUTime returns the user and system CPU time this process has used, in
// nanoseconds. Benchmarks report CPU time per operation beside wall time because the machines
// they run on are shared: CPU time does not count the time other processes held the core.
func crsProcessCPUTime() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
