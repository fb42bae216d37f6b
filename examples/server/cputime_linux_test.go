//go:build linux

package main

import "syscall"

// cpuTime returns the user and system CPU time this process has used, in nanoseconds, for
// BenchmarkWorstShareDeadline, which reports the CPU a request uses after its deadline.
func cpuTime() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
