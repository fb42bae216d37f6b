//go:build !linux

package benchcpu

// processCPUTime is not measured off Linux.
func processCPUTime() (int64, bool) { return 0, false }
