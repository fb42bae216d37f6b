package renovation_test

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/synthetic"
)

// The benchmark: a synthetic city of 10,000 compounds, 100,000 buildings and 20,000
// facilities of 8 kinds (synthetic.Benchmark, seed 2026); all indicators and life-circle
// coverage in under 2 s on a 2-core machine, in under 2 GiB. Each iteration starts from a new
// Analyzer, so it pays for projecting and preparing every compound. Run with
//
//	go test -c -o renovation.test ./renovation
//	/usr/bin/time -v ./renovation.test -test.run '^$' -test.bench City -test.benchtime 5x -test.count 5
//
// Measured on the project's 2-core AMD EPYC (medians of 5 runs of 5): indicators 286 ms, life
// circles 599 ms, both on one Analyzer 693 ms (127 MB and 2.2 M allocations a run), scope
// 338 ms; runtime.MemStats.Sys 352 MiB and a peak resident set of 443 MiB for the whole
// process, city included.
var (
	cityOnce sync.Once
	city     *renovation.District
	cityErr  error
)

func benchCity(b *testing.B) *renovation.District {
	cityOnce.Do(func() { city, cityErr = synthetic.City(2026, synthetic.Benchmark()) })
	if cityErr != nil {
		b.Fatal(cityErr)
	}
	return city
}

// reportSys reports the memory the Go runtime holds from the system, a ceiling on the
// process's peak heap.
func reportSys(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.Sys)/(1<<20), "MiB-sys")
}

func BenchmarkCityIndicators(b *testing.B) {
	d := benchCity(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renovation.NewAnalyzer(d).Indicators(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSys(b)
}

func BenchmarkCityLifeCircle(b *testing.B) {
	d := benchCity(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renovation.NewAnalyzer(d).LifeCircle(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSys(b)
}

func BenchmarkCityIndicatorsAndLifeCircle(b *testing.B) {
	d := benchCity(b)
	b.ReportAllocs()
	for b.Loop() {
		a := renovation.NewAnalyzer(d)
		if _, err := a.Indicators(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
		if _, err := a.LifeCircle(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSys(b)
}

// BenchmarkCityScope measures the city against its programme zones: two scope zones meeting
// along a ragged line, two exclusion zones, about 130 km of zone edge cutting through
// compounds.
func BenchmarkCityScope(b *testing.B) {
	d := benchCity(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := renovation.NewAnalyzer(d).Scope(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	reportSys(b)
}
