package budget

import (
	"context"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// National scale: about 3.3 million stairwells of 12 households (6 storeys × 2), some 40 million
// households, each stairwell's cost split by one of three compiled schemes.
const (
	nationalStairwells = 3_300_000
	nationalStoreys    = 6
	nationalPerFloor   = 2
	nationalPerUnit    = nationalStoreys * nationalPerFloor
)

func nationalCalculators(tb testing.TB) []*Calculator {
	var cs []*Calculator
	for _, js := range []string{
		`{"total_yuan":"600000","method":"floors_climbed","exempt_floors":[1,2],"subsidy":{"preset":"beijing-2018"}}`,
		`{"total_yuan":"600000","method":"floor_coefficient_area","coefficients":{"3":"0.7","4":"0.8","5":"0.9","6":"1.0"},
		  "exempt_floors":[1,2],"subsidy":{"preset":"shanghai-2020"},"compensation":{"floors":[1,2],"per_household_yuan":"2000"}}`,
		`{"total_yuan":"600000","method":"area","subsidy":{"preset":"chengdu-2018"}}`,
	} {
		s, err := DecodeScheme(strings.NewReader(js))
		if err != nil {
			tb.Fatal(err)
		}
		c, err := s.Compile()
		if err != nil {
			tb.Fatal(err)
		}
		cs = append(cs, c)
	}
	return cs
}

// nationalStairwell fills hh with stairwell u's households, drawn from r (seeded per stairwell,
// so the input does not depend on which goroutine runs it), and returns its total cost.
func nationalStairwell(r *rand.Rand, hh []Household) Money {
	for f := range nationalStoreys {
		for k := range nationalPerFloor {
			h := &hh[f*nationalPerFloor+k]
			*h = Household{ID: unitIDs[f*nationalPerFloor+k], Floor: f + 1}
			h.Area = nationalAreas[r.IntN(len(nationalAreas))] // 50.00–90.00 m²
			switch x := r.IntN(1000); {
			case x < 5:
				h.Waive = true
			case x < 15:
				h.HardshipCap = Money(5000+r.IntN(10000)) * Yuan
			case x < 115:
				h.ProvidentFund = Money(10000+r.IntN(40000)) * Yuan
			}
		}
	}
	return Money(400_000+r.IntN(300_001)) * Yuan // 40万–70万
}

var nationalAreas = func() []Weight {
	ws := make([]Weight, 4001)
	for i := range ws {
		ws[i], _ = NewWeight(uint64(5000+i), 100)
	}
	return ws
}()

var unitIDs = func() []string {
	ids := make([]string, nationalPerUnit)
	for i := range ids {
		ids[i] = string(rune('1'+i/nationalPerFloor)) + "0" + string(rune('1'+i%nationalPerFloor))
	}
	return ids
}()

// BenchmarkNational applies the schemes to 3.3 million generated stairwells (39.6 million
// households) across GOMAXPROCS goroutines, writing every share and cash due into flat arrays.
// One op is the whole country; the time includes generating the input, stairwell by stairwell.
// It reports the peak memory mapped by the Go runtime, less what it has returned to the OS
// (sampled every 20 ms), as peak-MiB.
func BenchmarkNational(b *testing.B) {
	cs := nationalCalculators(b)
	n := nationalStairwells * nationalPerUnit
	share := make([]Money, n)
	cash := make([]Money, n)
	stop := make(chan struct{})
	var peak atomic.Uint64
	go func() { // sample the heap while the benchmark runs (runtime/metrics: no stop-the-world)
		sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64() - sample[1].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	b.ReportAllocs()
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		var failed atomic.Value
		var residents, shares atomic.Int64
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var pcg rand.PCG
				r := rand.New(&pcg)
				hh := make([]Household, nationalPerUnit)
				var res Result
				var sumR, sumS Money
				for {
					start := int(next.Add(4096)) - 4096
					if start >= nationalStairwells {
						break
					}
					for u := start; u < min(start+4096, nationalStairwells); u++ {
						pcg.Seed(1, uint64(u))
						total := nationalStairwell(r, hh)
						if err := cs[u%len(cs)].ApplyTotal(context.Background(), &res, total, hh); err != nil {
							failed.Store(err)
							return
						}
						sumR += res.Residents
						base := u * nationalPerUnit
						for i := range res.Households {
							share[base+i] = res.Households[i].Share
							cash[base+i] = res.Households[i].CashDue
							sumS += res.Households[i].Share
						}
					}
				}
				residents.Add(int64(sumR))
				shares.Add(int64(sumS))
			}()
		}
		wg.Wait()
		if err := failed.Load(); err != nil {
			b.Fatal(err)
		}
		if residents.Load() != shares.Load() {
			b.Fatalf("Σ residents' amounts %d ≠ Σ shares %d", residents.Load(), shares.Load())
		}
	}
	close(stop)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-MiB")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "households/s")
}
