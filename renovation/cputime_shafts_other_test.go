//go:build !linux

package renovation_test

// shaftsCPUTime is not measured off Linux.
func shaftsCPUTime() (int64, bool) { return 0, false }
