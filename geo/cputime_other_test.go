//go:build !linux

package geo

// processCPUTime is not measured on this system.
func processCPUTime() (int64, bool) { return 0, false }
