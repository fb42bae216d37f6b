//go:build linux

package renovation_test

import "syscall"

// shaftsCPUTime returns the user and system CPU time this process has used, in nanoseconds:
// the shaft benchmark reports it per operation beside wall time, as the machines it runs on
// are shared and wall time counts the time other processes held the cores.
func shaftsCPUTime() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
