//go:build !linux

package geo

// crsProcessCPUTime is not measured on this system.
func crsProcessCPUTime() (int64, bool) { return 0, false }
