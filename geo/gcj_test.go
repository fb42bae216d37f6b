package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/internal/benchcpu"
)

// gcjMetres returns the distance in metres between two nearby lon/lat points, on a sphere
// of radius 6378137 m; good to 0.5 %, which is all an error bound needs.
func gcjMetres(a, b orb.Point) float64 {
	const r = 6378137 * math.Pi / 180
	dy := (a[1] - b[1]) * r
	dx := (a[0] - b[0]) * r * math.Cos(b[1]*math.Pi/180)
	return math.Hypot(dx, dy)
}

func TestGCJ02TestVector(t *testing.T) {
	// domain-rules §6.2: computed with the published formulas (eviltransform, coordtransform).
	wgs := orb.Point{116.391305, 39.907366}
	wantGCJ := orb.Point{116.39754616712922, 39.90876727272318}
	wantBD := orb.Point{116.40391904422326, 39.91511071270824}
	const tol = 1e-12 // degrees, about 0.1 µm
	check := func(name string, got, want orb.Point) {
		t.Helper()
		if math.Abs(got[0]-want[0]) > tol || math.Abs(got[1]-want[1]) > tol {
			t.Errorf("%s = %.17g, want %.17g", name, got, want)
		}
	}
	check("WGS84ToGCJ02", WGS84ToGCJ02(wgs), wantGCJ)
	check("GCJ02ToBD09", GCJ02ToBD09(wantGCJ), wantBD)
	check("WGS84ToBD09", WGS84ToBD09(wgs), wantBD)
	check("GCJ02ToWGS84", GCJ02ToWGS84(wantGCJ), wgs)
	check("BD09ToGCJ02", BD09ToGCJ02(wantBD), wantGCJ)
	check("BD09ToWGS84", BD09ToWGS84(wantBD), wgs)
}

// TestGCJ02RoundTripChina walks a 0.1° grid over all of China (lon 73.4–135.1, lat 3.5–53.6,
// the textbook extreme points with a margin, South China Sea included) and checks both round
// trips of GCJ-02 and of BD-09 to 1e-6 m.
func TestGCJ02RoundTripChina(t *testing.T) {
	const tol = 1e-6 // metres
	type worst struct {
		err float64
		at  orb.Point
	}
	var w [5]worst
	names := [5]string{
		"WGS84→GCJ02→WGS84", "GCJ02→WGS84→GCJ02", "GCJ02→BD09→GCJ02", "BD09→GCJ02→BD09", "WGS84→BD09→WGS84",
	}
	note := func(i int, e float64, p orb.Point) {
		if e > w[i].err {
			w[i] = worst{e, p}
		}
	}
	n := 0
	for i := 0; i <= 617; i++ {
		lon := 73.4 + float64(i)*0.1
		for j := 0; j <= 501; j++ {
			lat := 3.5 + float64(j)*0.1
			p := orb.Point{lon, lat}
			n++
			g := WGS84ToGCJ02(p)
			note(0, gcjMetres(GCJ02ToWGS84(g), p), p)
			note(1, gcjMetres(WGS84ToGCJ02(GCJ02ToWGS84(p)), p), p)
			note(2, gcjMetres(BD09ToGCJ02(GCJ02ToBD09(p)), p), p)
			note(3, gcjMetres(GCJ02ToBD09(BD09ToGCJ02(p)), p), p)
			note(4, gcjMetres(BD09ToWGS84(WGS84ToBD09(p)), p), p)
		}
	}
	for i, x := range w {
		t.Logf("%s over %d grid points: max error %.3g m at %v", names[i], n, x.err, x.at)
		if x.err > tol {
			t.Errorf("%s: error %.3g m at %v, more than %g m", names[i], x.err, x.at, tol)
		}
	}
}

// TestGCJ02RoundTripRandom checks the round trips at random points in China's box, where the
// grid's regular spacing could miss something.
func TestGCJ02RoundTripRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var maxErr float64
	for range 200000 {
		p := orb.Point{73.4 + r.Float64()*61.7, 3.5 + r.Float64()*50.1}
		e := max(gcjMetres(GCJ02ToWGS84(WGS84ToGCJ02(p)), p), gcjMetres(WGS84ToGCJ02(GCJ02ToWGS84(p)), p),
			gcjMetres(BD09ToWGS84(WGS84ToBD09(p)), p), gcjMetres(WGS84ToBD09(BD09ToWGS84(p)), p))
		if e > maxErr {
			maxErr = e
		}
		if e > 1e-6 {
			t.Fatalf("round trip at %.17g loses %.3g m", p, e)
		}
	}
	t.Logf("max round-trip error over 200000 random points: %.3g m", maxErr)
}

// TestGCJ02InverseNearCusp checks the meridian 105°E, where the formula's √|lon − 105| term
// has an infinite derivative: points from 1e-17° to 1e-2° either side of it, at latitudes
// over the whole box. Within about 3e-12° of the meridian two WGS84 points a few tenths of a
// micrometre apart share one GCJ-02 image, so the WGS84 round trip is bounded by that width.
func TestGCJ02InverseNearCusp(t *testing.T) {
	var maxW, maxG float64
	for lat := 0.9; lat < 55.8; lat += 0.73 {
		for k := -17.0; k <= -2; k += 0.01 {
			for _, s := range []float64{-1, 0, 1} {
				p := orb.Point{105 + s*math.Pow(10, k), lat}
				ew := gcjMetres(GCJ02ToWGS84(WGS84ToGCJ02(p)), p)
				eg := gcjMetres(WGS84ToGCJ02(GCJ02ToWGS84(p)), p)
				maxW, maxG = max(maxW, ew), max(maxG, eg)
				if ew > 1e-6 || eg > 1e-6 {
					t.Fatalf("near 105°E, at %.17g: WGS84 round trip %.3g m, GCJ-02 round trip %.3g m", p, ew, eg)
				}
			}
		}
	}
	t.Logf("near 105°E: max WGS84 round trip %.3g m, GCJ-02 round trip %.3g m", maxW, maxG)
}

// TestGCJ02IterationCounts reports how many Jacobian evaluations the inverse needs over the
// China grid and checks that, away from 105°E, three suffice.
func TestGCJ02IterationCounts(t *testing.T) {
	counts := map[int]int{}
	total := 0
	for lon := 73.45; lon < 135.1; lon += 0.1 {
		for lat := 3.55; lat < 53.6; lat += 0.1 {
			_, n := gcjInverse(WGS84ToGCJ02(orb.Point{lon, lat}))
			counts[n]++
			total++
			if n > 3 {
				t.Errorf("inverse at %v took %d evaluations, want ≤ 3", orb.Point{lon, lat}, n)
			}
		}
	}
	keys := make([]int, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	s := ""
	for _, k := range keys {
		s += fmt.Sprintf(" %d: %.2f%%", k, 100*float64(counts[k])/float64(total))
	}
	t.Logf("GCJ-02 inverse evaluations over %d points:%s", total, s)
}

func TestOutOfChinaEdges(t *testing.T) {
	// Each edge of the box: the edge value itself and its next float inward are inside, the
	// next float outward is outside. Outside points come back unchanged from every
	// conversion's GCJ-02 step; inside points move by tens to hundreds of metres.
	mid := orb.Point{105, 30}
	type edge struct {
		name string
		at   func(v float64) orb.Point
		v    float64
		out  float64 // direction of "outside"
	}
	edges := []edge{
		{"west", func(v float64) orb.Point { return orb.Point{v, mid[1]} }, 72.004, -1},
		{"east", func(v float64) orb.Point { return orb.Point{v, mid[1]} }, 137.8347, +1},
		{"south", func(v float64) orb.Point { return orb.Point{mid[0], v} }, 0.8293, -1},
		{"north", func(v float64) orb.Point { return orb.Point{mid[0], v} }, 55.8271, +1},
	}
	for _, e := range edges {
		on := e.at(e.v)
		in := e.at(math.Nextafter(e.v, e.v-e.out))
		outside := e.at(math.Nextafter(e.v, e.v+e.out))
		far := e.at(e.v + e.out*0.5)
		for _, p := range []orb.Point{on, in} {
			if OutOfChina(p) {
				t.Errorf("%s edge: OutOfChina(%.17g) = true, want false", e.name, p)
			}
			if d := gcjMetres(WGS84ToGCJ02(p), p); d < 10 {
				t.Errorf("%s edge: WGS84ToGCJ02(%.17g) moved %.3g m, want a real offset", e.name, p, d)
			}
		}
		for _, p := range []orb.Point{outside, far} {
			if !OutOfChina(p) {
				t.Errorf("%s edge: OutOfChina(%.17g) = false, want true", e.name, p)
			}
			for name, f := range map[string]func(orb.Point) orb.Point{
				"WGS84ToGCJ02": WGS84ToGCJ02, "GCJ02ToWGS84": GCJ02ToWGS84,
			} {
				if got := f(p); got != p {
					t.Errorf("%s edge: %s(%.17g) = %.17g, want it unchanged", e.name, name, p, got)
				}
			}
			// BD-09 has no box: only its GCJ-02 step is skipped.
			if got, want := WGS84ToBD09(p), GCJ02ToBD09(p); got != want {
				t.Errorf("%s edge: WGS84ToBD09(%.17g) = %.17g, want GCJ02ToBD09 of it, %.17g", e.name, p, got, want)
			}
			if got := BD09ToWGS84(GCJ02ToBD09(p)); gcjMetres(got, p) > 1e-6 {
				t.Errorf("%s edge: BD09ToWGS84(GCJ02ToBD09(%.17g)) = %.17g", e.name, p, got)
			}
		}
	}
	if !OutOfChina(orb.Point{math.NaN(), 30}) || !OutOfChina(orb.Point{110, math.NaN()}) {
		t.Error("OutOfChina(NaN) = false, want true")
	}
	// Real places: Beijing, Sanya, Mohe, Fuyuan, the Pamirs and Zengmu Ansha are inside;
	// Tokyo, Jakarta and Moscow are outside (Singapore and Seoul are inside the box).
	for _, p := range []orb.Point{{116.4, 39.9}, {109.5, 18.25}, {122.37, 53.56}, {135.08, 48.36}, {73.5, 39.4}, {112.28, 3.97}} {
		if OutOfChina(p) {
			t.Errorf("OutOfChina(%v) = true, want false", p)
		}
	}
	for _, p := range []orb.Point{{139.7, 35.7}, {106.8, -6.2}, {37.6, 55.75}} {
		if !OutOfChina(p) {
			t.Errorf("OutOfChina(%v) = false, want true", p)
		}
	}
}

func TestGCJ02NaNPropagates(t *testing.T) {
	for _, p := range []orb.Point{{math.NaN(), 30}, {110, math.NaN()}} {
		for name, f := range map[string]func(orb.Point) orb.Point{
			"GCJ02ToWGS84": GCJ02ToWGS84, "WGS84ToGCJ02": WGS84ToGCJ02, "BD09ToWGS84": BD09ToWGS84,
		} {
			got := f(p)
			if !math.IsNaN(got[0]) && !math.IsNaN(got[1]) {
				t.Errorf("%s(%v) = %v, want a NaN to survive", name, p, got)
			}
		}
	}
}

// FuzzGCJ02RoundTrip checks both round trips of GCJ-02 and BD-09 at any point of China's box.
func FuzzGCJ02RoundTrip(f *testing.F) {
	f.Add(116.391305, 39.907366)
	f.Add(105.0, 30.0)
	f.Add(105.0000000001, 53.5)
	f.Add(73.5, 3.9)
	f.Add(135.05, 53.55)
	f.Fuzz(func(t *testing.T, lon, lat float64) {
		if !(lon >= 73.4 && lon <= 135.1 && lat >= 3.5 && lat <= 53.6) {
			return
		}
		p := orb.Point{lon, lat}
		if e := gcjMetres(GCJ02ToWGS84(WGS84ToGCJ02(p)), p); e > 1e-6 {
			t.Errorf("WGS84→GCJ02→WGS84 at %.17g loses %.3g m", p, e)
		}
		if e := gcjMetres(WGS84ToGCJ02(GCJ02ToWGS84(p)), p); e > 1e-6 {
			t.Errorf("GCJ02→WGS84→GCJ02 at %.17g loses %.3g m", p, e)
		}
		if e := gcjMetres(BD09ToWGS84(WGS84ToBD09(p)), p); e > 1e-6 {
			t.Errorf("WGS84→BD09→WGS84 at %.17g loses %.3g m", p, e)
		}
		if e := gcjMetres(WGS84ToBD09(BD09ToWGS84(p)), p); e > 1e-6 {
			t.Errorf("BD09→WGS84→BD09 at %.17g loses %.3g m", p, e)
		}
	})
}

// gcjBenchPoints returns n GCJ-02 points spread over eastern China, so that the benchmark
// sees the spread of iteration counts and branch outcomes of real data.
func gcjBenchPoints(n int) []orb.Point {
	r := rand.New(rand.NewPCG(3, 4))
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = WGS84ToGCJ02(orb.Point{98 + r.Float64()*24, 22 + r.Float64()*22})
	}
	return pts
}

func BenchmarkGCJ02ToWGS84(b *testing.B) {
	pts := gcjBenchPoints(4096)
	b.ReportAllocs()
	cpu := benchcpu.Start()
	var sink orb.Point
	i := 0
	for b.Loop() {
		sink = GCJ02ToWGS84(pts[i&4095])
		i++
	}
	if s, ok := cpu.PerOp(b); ok {
		b.ReportMetric(s*1e9, "cpu-ns/op")
	}
	_ = sink
}

func BenchmarkWGS84ToGCJ02(b *testing.B) {
	pts := gcjBenchPoints(4096)
	b.ReportAllocs()
	cpu := benchcpu.Start()
	var sink orb.Point
	i := 0
	for b.Loop() {
		sink = WGS84ToGCJ02(pts[i&4095])
		i++
	}
	if s, ok := cpu.PerOp(b); ok {
		b.ReportMetric(s*1e9, "cpu-ns/op")
	}
	_ = sink
}

func BenchmarkBD09ToWGS84(b *testing.B) {
	pts := gcjBenchPoints(4096)
	for i := range pts {
		pts[i] = GCJ02ToBD09(pts[i])
	}
	b.ReportAllocs()
	cpu := benchcpu.Start()
	var sink orb.Point
	i := 0
	for b.Loop() {
		sink = BD09ToWGS84(pts[i&4095])
		i++
	}
	if s, ok := cpu.PerOp(b); ok {
		b.ReportMetric(s*1e9, "cpu-ns/op")
	}
	_ = sink
}
