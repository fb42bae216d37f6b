package main

import (
	"os"
	"slices"
	"strings"
	"time"
)

// timings holds the wall-clock times of each measured piece of work, one per round.
type timings map[string][]time.Duration

func (t timings) add(key string, d time.Duration) { t[key] = append(t[key], d) }

// median returns the median of the times recorded under key (the mean of the middle two for
// an even count), 0 when there are none.
func (t timings) median(key string) time.Duration {
	ds := slices.Clone(t[key])
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	n := len(ds)
	if n%2 == 1 {
		return ds[n/2]
	}
	return (ds[n/2-1] + ds[n/2]) / 2
}

// loadAvg returns the 1-, 5- and 15-minute load averages as /proc/loadavg gives them, or
// "unknown" where there is no such file.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
