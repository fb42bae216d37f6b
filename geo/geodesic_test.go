package geo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/internal/benchcpu"
)

// Reference polygons, measured with GeographicLib 2.1.2's Planimeter (geographiclib-tools),
// which reads "lat lon" lines:
//
//	Planimeter -p 10                                  (WGS84)
//	Planimeter -p 10 -e 6378137 1/298.257222101      (CGCS2000)
//	Planimeter -l -p 10                               (a polyline: length only)
//
// Planimeter prints the perimeter to 1e-10 m and the area to 1e-5 m² (it prints no more
// than that), and gives a clockwise ring a negative area.
var (
	// The ~100 m square near Beijing of go-deps §2.3, counter-clockwise.
	geodesicSquare = orb.Ring{{116.39, 39.93}, {116.3911725, 39.93}, {116.3911725, 39.9309}, {116.39, 39.9309}}
	// A walk-up compound the size of those around Lujiazui, Shanghai (about 10.8 ha).
	geodesicCompound = orb.Ring{{121.50312, 31.23105}, {121.50498, 31.23087}, {121.50621, 31.23142},
		{121.50655, 31.23238}, {121.50603, 31.23311}, {121.50577, 31.23402}, {121.50466, 31.23431},
		{121.50349, 31.23398}, {121.50288, 31.23344}, {121.50301, 31.23262}, {121.50254, 31.23213},
		{121.50262, 31.23149}}
	// A courtyard inside it, clockwise as a hole should be.
	geodesicHole = orb.Ring{{121.50420, 31.23200}, {121.50520, 31.23210}, {121.50530, 31.23290}, {121.50430, 31.23300}}
	// A province-sized polygon (about 123 000 km², a rough Zhejiang).
	geodesicProvince = orb.Ring{{118.02, 29.18}, {118.51, 28.21}, {118.80, 27.30}, {119.64, 27.05},
		{120.42, 27.12}, {121.05, 27.85}, {121.48, 28.33}, {121.95, 29.02}, {122.24, 29.80},
		{121.87, 30.25}, {121.28, 30.69}, {120.71, 30.95}, {120.12, 31.13}, {119.62, 31.02},
		{119.21, 30.55}, {118.87, 30.31}, {118.42, 29.86}, {118.10, 29.63}}
)

// Planimeter's outputs for the polygons above: {perimeter m, area m²}.
var (
	geodesicSquareWGS84      = [2]float64{400.3115420908, 10015.56129}
	geodesicSquareCGCS2000   = [2]float64{400.3115420917, 10015.56129}
	geodesicCompoundWGS84    = [2]float64{1233.4733285049, 107667.65073}
	geodesicCompoundCGCS2000 = [2]float64{1233.4733284974, 107667.65074}
	geodesicHoleWGS84        = [2]float64{392.3204976157, 9506.80025}
	geodesicHoleCGCS2000     = [2]float64{392.3204976126, 9506.80025}
	geodesicProvinceWGS84    = [2]float64{1308973.2593987936, 123140794872.24419}
	geodesicProvinceCGCS2000 = [2]float64{1308973.2593858114, 123140794870.09650}
)

func geodesicReversed(r orb.Ring) orb.Ring {
	out := slices.Clone(r)
	slices.Reverse(out)
	return out
}

func geodesicClosed(r orb.Ring) orb.Ring { return append(slices.Clone(r), r[0]) }

func TestAreaAgainstPlanimeter(t *testing.T) {
	sum := func(a ...[2]float64) (p, s float64) {
		for _, x := range a {
			p += x[0]
			s += x[1]
		}
		return p, s
	}
	type tcase struct {
		name      string
		g         orb.Geometry
		e         Ellipsoid
		perimeter float64
		area      float64
	}
	tests := []tcase{
		{"square WGS84", geodesicSquare, EllipsoidWGS84, geodesicSquareWGS84[0], geodesicSquareWGS84[1]},
		{"square CGCS2000", geodesicSquare, EllipsoidCGCS2000, geodesicSquareCGCS2000[0], geodesicSquareCGCS2000[1]},
		{"square closed", geodesicClosed(geodesicSquare), EllipsoidWGS84, geodesicSquareWGS84[0], geodesicSquareWGS84[1]},
		{"square clockwise", geodesicReversed(geodesicSquare), EllipsoidWGS84, geodesicSquareWGS84[0], geodesicSquareWGS84[1]},
		{"compound", orb.Polygon{geodesicCompound}, EllipsoidWGS84, geodesicCompoundWGS84[0], geodesicCompoundWGS84[1]},
		{"compound CGCS2000", orb.Polygon{geodesicCompound}, EllipsoidCGCS2000, geodesicCompoundCGCS2000[0], geodesicCompoundCGCS2000[1]},
		{"compound clockwise, closed", orb.Polygon{geodesicClosed(geodesicReversed(geodesicCompound))}, EllipsoidWGS84,
			geodesicCompoundWGS84[0], geodesicCompoundWGS84[1]},
		{"province", orb.Polygon{geodesicProvince}, EllipsoidWGS84, geodesicProvinceWGS84[0], geodesicProvinceWGS84[1]},
		{"province CGCS2000", geodesicProvince, EllipsoidCGCS2000, geodesicProvinceCGCS2000[0], geodesicProvinceCGCS2000[1]},
		{"province clockwise", geodesicReversed(geodesicProvince), EllipsoidWGS84, geodesicProvinceWGS84[0], geodesicProvinceWGS84[1]},
	}
	// Holes subtract, whichever way they wind; their boundaries add to the perimeter.
	for _, hole := range []orb.Ring{geodesicHole, geodesicReversed(geodesicHole)} {
		p, _ := sum(geodesicCompoundWGS84, geodesicHoleWGS84)
		tests = append(tests, tcase{"compound with a courtyard", orb.Polygon{geodesicCompound, hole}, EllipsoidWGS84,
			p, geodesicCompoundWGS84[1] - geodesicHoleWGS84[1]})
		p, _ = sum(geodesicCompoundCGCS2000, geodesicHoleCGCS2000)
		tests = append(tests, tcase{"compound with a courtyard CGCS2000", orb.Polygon{geodesicCompound, hole}, EllipsoidCGCS2000,
			p, geodesicCompoundCGCS2000[1] - geodesicHoleCGCS2000[1]})
	}
	// A MultiPolygon and a Collection sum their members.
	p, a := sum(geodesicCompoundWGS84, geodesicProvinceWGS84, geodesicSquareWGS84)
	tests = append(tests,
		tcase{"multipolygon", orb.MultiPolygon{{geodesicCompound}, {geodesicProvince}, {geodesicSquare}}, EllipsoidWGS84, p, a},
		tcase{"collection", orb.Collection{orb.Polygon{geodesicCompound}, geodesicProvince, orb.LineString{{1, 2}, {3, 4}},
			orb.Point{5, 6}, orb.Collection{geodesicSquare}}, EllipsoidWGS84, p, a},
	)
	for _, tc := range tests {
		area, perim := AreaOn(tc.g, tc.e), PerimeterOn(tc.g, tc.e)
		if math.Abs(area-tc.area) > 1e-9*math.Abs(tc.area) {
			t.Errorf("%s: area %.6f m², Planimeter %.5f, relative difference %.3g", tc.name, area, tc.area, (area-tc.area)/tc.area)
		}
		if math.Abs(perim-tc.perimeter) > 1e-9*tc.perimeter {
			t.Errorf("%s: perimeter %.10f m, Planimeter %.10f", tc.name, perim, tc.perimeter)
		}
		if tc.e == EllipsoidWGS84 {
			if got := Area(tc.g); got != area {
				t.Errorf("%s: Area = %v, AreaOn WGS84 = %v", tc.name, got, area)
			}
			if got := Perimeter(tc.g); got != perim {
				t.Errorf("%s: Perimeter = %v, PerimeterOn WGS84 = %v", tc.name, got, perim)
			}
		}
	}
}

// TestAreaClockwiseIsNotTheRestOfTheEarth guards against GeographicLib's unsigned mode, which
// returns the complement (about 5.1e14 m²) for a clockwise ring.
func TestAreaClockwiseIsNotTheRestOfTheEarth(t *testing.T) {
	cw := geodesicReversed(geodesicSquare)
	if a := Area(cw); a > 1e5 {
		t.Fatalf("Area(clockwise square) = %.6g m², the rest of the Earth", a)
	}
	if a, b := Area(cw), Area(geodesicSquare); a != b {
		t.Errorf("clockwise %.9f m² ≠ counter-clockwise %.9f m²", a, b)
	}
}

// TestAreaInvariants checks on random star-shaped polygons across China that the area does
// not depend on the winding, the starting vertex or a repeated closing point.
func TestAreaInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		c := orb.Point{75 + r.Float64()*59, 18 + r.Float64()*35}
		n := 3 + r.IntN(40)
		ring := make(orb.Ring, n)
		size := math.Pow(10, -4+3*r.Float64()) // 10 m to 10 km
		for i := range ring {
			ang := 2 * math.Pi * (float64(i) + 0.8*r.Float64()) / float64(n)
			rad := size * (0.3 + r.Float64())
			ring[i] = orb.Point{c[0] + rad*math.Cos(ang), c[1] + rad*math.Sin(ang)}
		}
		a := Area(ring)
		if a <= 0 {
			t.Fatalf("Area(%v) = %v", ring, a)
		}
		k := r.IntN(n)
		rotated := append(slices.Clone(ring[k:]), ring[:k]...)
		for name, v := range map[string]orb.Ring{"reversed": geodesicReversed(ring), "rotated": rotated, "closed": geodesicClosed(ring)} {
			if b := Area(v); math.Abs(a-b) > 1e-9*a {
				t.Fatalf("%s: Area %v, original %v (n=%d)", name, b, a, n)
			}
			if p, q := Perimeter(v), Perimeter(ring); math.Abs(p-q) > 1e-9*q {
				t.Fatalf("%s: Perimeter %v, original %v", name, p, q)
			}
		}
	}
}

func TestGeodesicMeasuresOfOtherTypes(t *testing.T) {
	ls := orb.LineString{{121.50312, 31.23105}, {121.50498, 31.23087}, {121.50621, 31.23142}, {121.50655, 31.23238}}
	for _, g := range []orb.Geometry{nil, orb.Point{1, 2}, orb.MultiPoint{{1, 2}}, ls, orb.MultiLineString{ls},
		orb.Ring{}, orb.Ring{{1, 2}}, orb.Ring{{1, 2}, {1, 3}}, orb.Polygon{}, orb.MultiPolygon{}, orb.Collection{}} {
		if a := Area(g); a != 0 {
			t.Errorf("Area(%#v) = %v, want 0", g, a)
		}
	}
	for _, g := range []orb.Geometry{nil, orb.Point{1, 2}, ls, orb.MultiLineString{ls}} {
		if p := Perimeter(g); p != 0 {
			t.Errorf("Perimeter(%#v) = %v, want 0", g, p)
		}
	}
	for _, g := range []orb.Geometry{nil, orb.Point{1, 2}, orb.Polygon{geodesicSquare}, geodesicSquare, orb.LineString{{1, 2}}} {
		if l := Length(g); l != 0 {
			t.Errorf("Length(%#v) = %v, want 0", g, l)
		}
	}
	// Planimeter -l -p 10 on the four points of ls: 421.6898517427 m.
	const want = 421.6898517427
	for _, g := range []orb.Geometry{ls, orb.MultiLineString{ls[:2], ls[1:]}, orb.Collection{ls, orb.Point{1, 2}}} {
		if l := Length(g); math.Abs(l-want) > 1e-9 {
			t.Errorf("Length(%v) = %.10f, want %.10f", g, l, want)
		}
	}
	// A ring's perimeter closes it; a line's length does not.
	if p, l := Perimeter(orb.Ring(ls)), Length(ls); !(p > l) {
		t.Errorf("Perimeter(ring) %v ≤ Length(line) %v", p, l)
	}
	if a := Area(orb.Ring{{116, 39}, {math.NaN(), 39}, {116, 40}}); !math.IsNaN(a) {
		t.Errorf("Area with a NaN vertex = %v, want NaN", a)
	}
}

func TestDistance(t *testing.T) {
	// GeodSolve -i -p 9 (GeographicLib 2.1.2, WGS84), "lat1 lon1 lat2 lon2" → azi1 azi2 s12.
	tests := []struct {
		a, b orb.Point
		want float64
	}{
		{orb.Point{116.391305, 39.907366}, orb.Point{121.4737, 31.2304}, 1066785.636155151}, // Beijing–Shanghai
		{orb.Point{116.39, 39.93}, orb.Point{116.3911725, 39.93}, 100.226460649},
		{orb.Point{121.50312, 31.23105}, orb.Point{121.50498, 31.23087}, 178.328603635},
		{orb.Point{121.5, 31.2}, orb.Point{121.5, 31.2}, 0},
	}
	for _, tc := range tests {
		if d := Distance(tc.a, tc.b); math.Abs(d-tc.want) > 1e-8 {
			t.Errorf("Distance(%v, %v) = %.9f, want %.9f", tc.a, tc.b, d, tc.want)
		}
		if d, e := Distance(tc.a, tc.b), Distance(tc.b, tc.a); math.Abs(d-e) > 1e-9 {
			t.Errorf("Distance is not symmetric: %v, %v", d, e)
		}
	}
}

// TestBoundMeasures checks the exact lon/lat box formulas against polygons that follow the
// parallels ever more closely: the densified polygon's geodesic edges approach the parallels,
// and its area and perimeter converge to the box's.
func TestGeodesicBoundMeasures(t *testing.T) {
	for _, b := range []orb.Bound{
		{Min: orb.Point{116.3, 39.9}, Max: orb.Point{116.4, 40.0}},
		{Min: orb.Point{110, 20}, Max: orb.Point{115, 25}},
		{Min: orb.Point{121.5, 31.2}, Max: orb.Point{121.5001, 31.2001}},
	} {
		for _, e := range []Ellipsoid{EllipsoidWGS84, EllipsoidCGCS2000} {
			const n = 2000 // points along each parallel
			ring := orb.Ring{}
			for i := 0; i <= n; i++ {
				ring = append(ring, orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])*float64(i)/n, b.Min[1]})
			}
			for i := n; i >= 0; i-- {
				ring = append(ring, orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])*float64(i)/n, b.Max[1]})
			}
			boxA, polyA := AreaOn(b, e), AreaOn(ring, e)
			boxP, polyP := PerimeterOn(b, e), PerimeterOn(ring, e)
			// The polygon's edges bulge poleward of the parallels by about R(Δλ/n)² tan φ/8:
			// 1e-9 relative is far above that and far below any formula error.
			if math.Abs(boxA-polyA) > 1e-9*boxA || math.Abs(boxP-polyP) > 1e-9*boxP {
				t.Errorf("%v on %s: box area %.6f perimeter %.6f; densified polygon %.6f, %.6f",
					b, e.Name, boxA, boxP, polyA, polyP)
			}
		}
	}
	empty := orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{0, 0}}
	if a, p := Area(empty), Perimeter(empty); a != 0 || p != 0 {
		t.Errorf("empty bound: area %v perimeter %v", a, p)
	}
	// A sphere (f = 0) has the closed form R²·Δλ·(sin φ2 − sin φ1).
	sphere := Ellipsoid{Name: "sphere", A: 6371000}
	b := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{90, 90}}
	if a, want := AreaOn(b, sphere), math.Pi*6371000*6371000/2; math.Abs(a-want) > 1e-9*want {
		t.Errorf("sphere octant area %v, want %v", a, want)
	}
}

// geodesicBenchRing returns an n-vertex ring around Lujiazui of radius about 300 m.
func geodesicBenchRing(n int) orb.Ring {
	r := rand.New(rand.NewPCG(7, 8))
	ring := make(orb.Ring, n)
	for i := range ring {
		ang := 2 * math.Pi * float64(i) / float64(n)
		rad := 0.003 * (0.8 + 0.2*r.Float64())
		ring[i] = orb.Point{121.505 + rad*math.Cos(ang), 31.233 + rad*math.Sin(ang)}
	}
	return ring
}

func benchmarkGeodesicArea(b *testing.B, n int) {
	poly := orb.Polygon{geodesicBenchRing(n)}
	b.ReportAllocs()
	cpu := benchcpu.Start()
	var sink float64
	for b.Loop() {
		sink += Area(poly)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "vertices/s")
	if s, ok := cpu.PerOp(b); ok {
		b.ReportMetric(s*1e9/float64(n), "cpu-ns/vertex")
	}
}

func BenchmarkArea20(b *testing.B)   { benchmarkGeodesicArea(b, 20) }
func BenchmarkArea1000(b *testing.B) { benchmarkGeodesicArea(b, 1000) }
