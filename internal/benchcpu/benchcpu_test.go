package benchcpu

import (
	"runtime"
	"testing"
)

// TestProcessCPUTimeGrows checks that busy work shows as CPU time where the system gives it.
func TestProcessCPUTimeGrows(t *testing.T) {
	t0, ok := processCPUTime()
	if !ok {
		if runtime.GOOS == "linux" {
			t.Fatal("no CPU time on Linux")
		}
		t.Skip("no CPU time on", runtime.GOOS)
	}
	x := 1.0
	for round := 0; ; round++ {
		if t1, _ := processCPUTime(); t1-t0 >= 20e6 {
			break
		}
		if round == 100_000 { // 10^10 multiplications: seconds of CPU at least
			t.Fatalf("CPU time did not grow by 20 ms (x = %v)", x)
		}
		for i := 0; i < 1e5; i++ {
			x = x*1.0000001 + 1e-9
		}
	}
}
