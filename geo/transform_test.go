package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/internal/benchcpu"
)

// transformSample has every orb geometry type, with nil and empty members, around Beijing.
func transformSample() []orb.Geometry {
	ring := orb.Ring{{116.30, 39.90}, {116.32, 39.90}, {116.32, 39.92}, {116.30, 39.92}, {116.30, 39.90}}
	hole := orb.Ring{{116.305, 39.905}, {116.305, 39.91}, {116.31, 39.91}, {116.305, 39.905}}
	poly := orb.Polygon{ring, hole}
	return []orb.Geometry{
		orb.Point{116.391305, 39.907366},
		orb.MultiPoint{{116.39, 39.90}, {116.40, 39.91}},
		orb.MultiPoint{},
		orb.LineString{{116.39, 39.90}, {116.40, 39.91}, {116.41, 39.90}},
		orb.LineString(nil),
		orb.MultiLineString{{{116.39, 39.90}, {116.40, 39.91}}, nil, {{116.5, 39.8}, {116.6, 39.7}}},
		ring,
		poly,
		orb.Polygon{},
		orb.MultiPolygon{poly, {ring}},
		orb.Collection{orb.Point{116.4, 39.9}, poly, orb.Collection{orb.LineString{{116.1, 39.1}, {116.2, 39.2}}}},
		orb.Collection{},
	}
}

// transformTestCRSs is one CRS of each kind, with both prefix forms.
func transformTestCRSs(t *testing.T) []CRS {
	gk39, err := GK3(39)
	if err != nil {
		t.Fatal(err)
	}
	cm117, _ := GK3CM(117)
	gk6, _ := GK6(20)
	gk6cm, _ := GK6CM(117)
	utm, _ := UTM(50, true)
	return []CRS{WGS84, CGCS2000, GCJ02, BD09, gk39, cm117, gk6, gk6cm, utm}
}

// transformMaxDiff returns the largest coordinate difference between two geometries of the
// same shape, in metres (degrees are scaled by 111 km), or +Inf if the shapes differ.
func transformMaxDiff(a, b orb.Geometry, projected bool) float64 {
	var pa, pb []orb.Point
	collect := func(g orb.Geometry, dst *[]orb.Point) {
		var walk func(g orb.Geometry)
		walk = func(g orb.Geometry) {
			switch g := g.(type) {
			case orb.Point:
				*dst = append(*dst, g)
			case orb.MultiPoint:
				*dst = append(*dst, g...)
			case orb.LineString:
				*dst = append(*dst, g...)
			case orb.Ring:
				*dst = append(*dst, g...)
			case orb.MultiLineString:
				for _, x := range g {
					walk(x)
				}
			case orb.Polygon:
				for _, x := range g {
					walk(x)
				}
			case orb.MultiPolygon:
				for _, x := range g {
					walk(x)
				}
			case orb.Collection:
				for _, x := range g {
					walk(x)
				}
			}
		}
		walk(g)
	}
	collect(a, &pa)
	collect(b, &pb)
	if len(pa) != len(pb) || a.GeoJSONType() != b.GeoJSONType() {
		return math.Inf(1)
	}
	scale := 111320.0
	if projected {
		scale = 1
	}
	var m float64
	for i := range pa {
		m = max(m, math.Abs(pa[i][0]-pb[i][0])*scale, math.Abs(pa[i][1]-pb[i][1])*scale)
	}
	return m
}

func TestTransformAllTypesAllPairs(t *testing.T) {
	crss := transformTestCRSs(t)
	for _, from := range crss {
		for _, to := range crss {
			for _, g := range transformSample() {
				// Put g into from first, so that every pair starts from valid coordinates.
				src, err := Transform(g, WGS84, from)
				if err != nil {
					t.Fatalf("WGS84 to %v: %v", from, err)
				}
				before := orb.Clone(src)
				if before == nil {
					before = src // orb.Clone turns nil slices into a nil geometry
				}
				out, err := Transform(src, from, to)
				if err != nil {
					t.Fatalf("%v to %v of %T: %v", from, to, g, err)
				}
				if !orb.Equal(src, before) {
					t.Fatalf("%v to %v modified its input %T", from, to, g)
				}
				if d := cmp.Diff(transformShapeOf(src), transformShapeOf(out)); d != "" {
					t.Fatalf("%v to %v changed the shape of %T (-in +out):\n%s", from, to, g, d)
				}
				back, err := Transform(out, to, from)
				if err != nil {
					t.Fatalf("%v to %v and back, %T: %v", from, to, g, err)
				}
				if d := transformMaxDiff(src, back, from.Projected()); d > 1e-6 {
					t.Errorf("%v → %v → %v of %T moved points by %.3g m", from, to, from, g, d)
				}
				// The output must not share memory with the input.
				if len(transformFirstPoints(out)) > 0 && len(transformFirstPoints(src)) > 0 && &transformFirstPoints(out)[0] == &transformFirstPoints(src)[0] {
					t.Errorf("%v to %v of %T shares the input's backing array", from, to, g)
				}
			}
		}
	}
}

// transformShapeOf describes the structure of g: its type and the lengths of its parts, nil-ness
// included.
func transformShapeOf(g orb.Geometry) any {
	switch g := g.(type) {
	case orb.Point:
		return "Point"
	case orb.MultiPoint:
		return []any{"MultiPoint", len(g), g == nil}
	case orb.LineString:
		return []any{"LineString", len(g), g == nil}
	case orb.Ring:
		return []any{"Ring", len(g), g == nil}
	case orb.MultiLineString:
		s := []any{"MultiLineString", g == nil}
		for _, x := range g {
			s = append(s, transformShapeOf(x))
		}
		return s
	case orb.Polygon:
		s := []any{"Polygon", g == nil}
		for _, x := range g {
			s = append(s, transformShapeOf(x))
		}
		return s
	case orb.MultiPolygon:
		s := []any{"MultiPolygon", g == nil}
		for _, x := range g {
			s = append(s, transformShapeOf(x))
		}
		return s
	case orb.Collection:
		s := []any{"Collection", g == nil}
		for _, x := range g {
			s = append(s, transformShapeOf(x))
		}
		return s
	}
	return nil
}

// transformFirstPoints returns the first point slice inside g, or nil.
func transformFirstPoints(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.LineString:
		return g
	case orb.Ring:
		return g
	case orb.MultiPoint:
		return g
	case orb.Polygon:
		if len(g) > 0 {
			return g[0]
		}
	case orb.MultiPolygon:
		if len(g) > 0 && len(g[0]) > 0 {
			return g[0][0]
		}
	}
	return nil
}

func TestTransformNil(t *testing.T) {
	out, err := Transform(nil, WGS84, GCJ02)
	if out != nil || err != nil {
		t.Errorf("Transform(nil) = %v, %v; want nil, nil", out, err)
	}
}

func TestTransformKnownValues(t *testing.T) {
	gk39, _ := GK3(39)
	tests := []struct {
		name     string
		from, to CRS
		in, want orb.Point
		tol      float64
	}{
		// domain-rules §6.2 test vector.
		{"WGS84→GCJ02", WGS84, GCJ02, orb.Point{116.391305, 39.907366}, orb.Point{116.39754616712922, 39.90876727272318}, 1e-12},
		{"WGS84→BD09", WGS84, BD09, orb.Point{116.391305, 39.907366}, orb.Point{116.40391904422326, 39.91511071270824}, 1e-12},
		{"GCJ02→BD09", GCJ02, BD09, orb.Point{116.39754616712922, 39.90876727272318}, orb.Point{116.40391904422326, 39.91511071270824}, 1e-12},
		{"BD09→WGS84", BD09, WGS84, orb.Point{116.40391904422326, 39.91511071270824}, orb.Point{116.391305, 39.907366}, 1e-12},
		// cs2cs -f %.6f EPSG:4490 EPSG:4527 <<< "39.9 116.4" → 4418598.001259 39448688.855734
		{"CGCS2000→GK3 zone 39", CGCS2000, gk39, orb.Point{116.4, 39.9}, orb.Point{39448688.855734, 4418598.001259}, 1e-6},
		// The same point read from Amap (GCJ-02) onto the survey sheet.
		{"GCJ02→GK3 zone 39", GCJ02, gk39, WGS84ToGCJ02(orb.Point{116.4, 39.9}), orb.Point{39448688.855734, 4418598.001259}, 1e-6},
		{"CGCS2000→WGS84 is the identity", CGCS2000, WGS84, orb.Point{116.4, 39.9}, orb.Point{116.4, 39.9}, 0},
	}
	for _, tc := range tests {
		tr, err := NewTransformer(tc.from, tc.to)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tr.Point(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if math.Abs(got[0]-tc.want[0]) > tc.tol || math.Abs(got[1]-tc.want[1]) > tc.tol {
			t.Errorf("%s: %.17g → %.17g, want %.17g", tc.name, tc.in, got, tc.want)
		}
		if tr.From() != tc.from || tr.To() != tc.to {
			t.Errorf("%s: From, To = %v, %v", tc.name, tr.From(), tr.To())
		}
	}
}

func TestTransformErrors(t *testing.T) {
	gk39, _ := GK3(39)
	cm117, _ := GK3CM(117)
	gk6, _ := GK6(20)
	nan := math.NaN()
	poly := orb.Polygon{
		{{116.30, 39.90}, {116.32, 39.90}, {116.32, 39.92}, {116.30, 39.90}},
		{{116.305, 39.905}, {116.31, 39.905}, {nan, 39.91}, {116.305, 39.905}},
	}
	tests := []struct {
		name     string
		g        orb.Geometry
		from, to CRS
		sentinel error
		where    string
		msg      string
	}{
		{"NaN in a hole", poly, WGS84, GCJ02, ErrNotFinite, "ring 1 point 2",
			"transform WGS 84 (EPSG:4326) to GCJ-02: ring 1 point 2 (NaN, 39.91): coordinate is not a finite number"},
		{"NaN deep in a collection", orb.Collection{orb.Point{116, 39}, orb.MultiPolygon{{{{116.1, 39.2}}}, poly}}, WGS84, cm117, ErrNotFinite,
			"geometry 1 polygon 1 ring 1 point 2", ""},
		{"infinite point", orb.Point{math.Inf(1), 30}, WGS84, CGCS2000, ErrNotFinite, "", ""},
		{"latitude 95", orb.LineString{{116, 39}, {116, 95}}, WGS84, GCJ02, ErrLonLatRange, "point 1",
			"transform WGS 84 (EPSG:4326) to GCJ-02: point 1 (116, 95): longitude or latitude out of range: latitude 95 is outside −90…90"},
		{"longitude 200 in BD-09", orb.Point{200, 30}, BD09, GCJ02, ErrLonLatRange, "", ""},
		{"swapped lat/lon", orb.Point{39.9, 116.4}, WGS84, cm117, ErrLonLatRange, "", ""},
		{"far outside the 3° zone", orb.MultiPoint{{121.4, 31.2}, {121.6, 31.2}}, WGS84, cm117, ErrOutsideZone, "point 1",
			"transform WGS 84 (EPSG:4326) to CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548): point 1 (121.6, 31.2): point outside the zone: longitude 121.600000 is 4.600° from the central meridian 117°, more than the 4.5° allowed (zone half-width 1.5° plus 3°)"},
		{"far outside the 6° zone", orb.Point{126.1, 40}, WGS84, gk6, ErrOutsideZone, "", ""},
		{"easting without the zone prefix", orb.Point{448688.855734, 4418598.001259}, gk39, WGS84, ErrOutsideZone, "",
			"transform CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527) to WGS 84 (EPSG:4326): (448688.855734, 4418598.001259): point outside the zone: easting 448688.856 does not carry the zone prefix 39 (want 39000000 ≤ easting < 40000000)"},
		{"easting with the next zone's prefix", orb.Point{40448688.855734, 4418598.001259}, gk39, WGS84, ErrOutsideZone, "", ""},
		{"unprefixed easting far out", orb.Point{2500000, 4418598}, cm117, WGS84, ErrOutsideZone, "", ""},
		{"bound", orb.Bound{Min: orb.Point{116, 39}, Max: orb.Point{117, 40}}, WGS84, GCJ02, ErrGeometryType, "",
			"transform WGS 84 (EPSG:4326) to GCJ-02: geometry cannot be transformed: an orb.Bound is not a box in another CRS; transform its ToPolygon()"},
		{"bound in a collection", orb.Collection{orb.Bound{}}, WGS84, GCJ02, ErrGeometryType, "geometry 0", ""},
	}
	for _, tc := range tests {
		out, err := Transform(tc.g, tc.from, tc.to)
		if out != nil {
			t.Errorf("%s: returned %v with the error", tc.name, out)
		}
		var te *TransformError
		if !errors.As(err, &te) || !errors.Is(err, tc.sentinel) {
			t.Errorf("%s: error %v, want a *TransformError wrapping %v", tc.name, err, tc.sentinel)
			continue
		}
		if te.Where != tc.where || te.From != tc.from || te.To != tc.to {
			t.Errorf("%s: Where %q From %v To %v; want %q %v %v", tc.name, te.Where, te.From, te.To, tc.where, tc.from, tc.to)
		}
		if tc.msg != "" && err.Error() != tc.msg {
			t.Errorf("%s: message\n  %s\nwant\n  %s", tc.name, err, tc.msg)
		}
	}
	if _, err := Transform(orb.Point{1, 2}, CRS{}, WGS84); !errors.Is(err, ErrUnknownCRS) {
		t.Errorf("Transform from the zero CRS: %v, want ErrUnknownCRS", err)
	}
	if _, err := NewTransformer(WGS84, CRS{}); !errors.Is(err, ErrUnknownCRS) {
		t.Errorf("NewTransformer to the zero CRS: %v, want ErrUnknownCRS", err)
	}
}

// TestTransformZoneSpill checks the documented margins: a point one zone width beyond the
// edge (4.5° from the CM of a 3° zone, 9° for a 6° zone) projects and comes back; a little
// farther is refused.
func TestTransformZoneSpill(t *testing.T) {
	cm117, _ := GK3CM(117)
	gk6cm, _ := GK6CM(117)
	utm, _ := UTM(50, true)
	gk39, _ := GK3(39)
	tests := []struct {
		crs     CRS
		ok, bad float64 // offsets from the CM
		lat     float64
	}{
		{cm117, 4.5, 4.5001, 30},
		{cm117, -4.5, -4.5001, 53},
		{gk6cm, 9, 9.0001, 30},
		{utm, -9, -9.0001, 30},
		// Prefixed: the easting must keep its prefix, within 500 km of the CM; at 40°N that is
		// about 5.8° of longitude, so the 4.5° spill decides.
		{gk39, 4.5, 4.5001, 40},
	}
	for _, tc := range tests {
		p := orb.Point{117 + tc.ok, tc.lat}
		en, err := Transform(p, CGCS2000, tc.crs)
		if err != nil {
			t.Errorf("%v: %v at %.4f° from the CM: %v", tc.crs, p, tc.ok, err)
			continue
		}
		back, err := Transform(en, tc.crs, CGCS2000)
		if err != nil || transformMaxDiff(back, p, false) > 1e-6 {
			t.Errorf("%v: %v back = %v, %v", tc.crs, en, back, err)
		}
		if _, err := Transform(orb.Point{117 + tc.bad, tc.lat}, CGCS2000, tc.crs); !errors.Is(err, ErrOutsideZone) {
			t.Errorf("%v: %.4f° from the CM: %v, want ErrOutsideZone", tc.crs, tc.bad, err)
		}
	}
	// Near the equator 4.5° is 501 km: the prefixed zone refuses what the plain one accepts.
	p := orb.Point{121.5, 0.5}
	if _, err := Transform(p, CGCS2000, cm117); err != nil {
		t.Errorf("%v into %v: %v", p, cm117, err)
	}
	if _, err := Transform(p, CGCS2000, gk39); !errors.Is(err, ErrOutsideZone) {
		t.Errorf("%v into %v: %v, want ErrOutsideZone (the easting would lose its prefix)", p, gk39, err)
	}
}

func TestTransformerConcurrent(t *testing.T) {
	cm117, _ := GK3CM(117)
	tr, err := NewTransformer(GCJ02, cm117)
	if err != nil {
		t.Fatal(err)
	}
	ls := transformSample()[3]
	want, err := tr.Geometry(ls)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				got, err := tr.Geometry(ls)
				if err != nil || !orb.Equal(got, want) {
					t.Errorf("concurrent Geometry = %v, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkTransformLonLatToGK projects a LineString of one million lon/lat points into a
// CGCS2000 3° zone; ns/point is the figure to quote.
func BenchmarkTransformLonLatToGK(b *testing.B) {
	cm117, _ := GK3CM(117)
	r := rand.New(rand.NewPCG(5, 6))
	ls := make(orb.LineString, 1_000_000)
	for i := range ls {
		ls[i] = orb.Point{115.5 + 3*r.Float64(), 22 + 22*r.Float64()}
	}
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		if _, err := Transform(ls, CGCS2000, cm117); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ls)), "ns/point")
	if s, ok := cpu.PerOp(b); ok {
		b.ReportMetric(s*1e9/float64(len(ls)), "cpu-ns/point")
	}
}

// FuzzTransformPoint feeds arbitrary numbers through every pair of CRS kinds: Transform must
// not panic, must return either an error or finite coordinates, and a point it accepts must
// come back from the target to within a micrometre when it started in China.
func FuzzTransformPoint(f *testing.F) {
	f.Add(116.4, 39.9, uint8(0), uint8(4))
	f.Add(448688.855734, 4418598.001259, uint8(5), uint8(0))
	f.Add(1e300, -1e300, uint8(4), uint8(6))
	f.Add(105.0, 30.0, uint8(2), uint8(3))
	f.Fuzz(func(t *testing.T, x, y float64, a, b uint8) {
		crss := []CRS{WGS84, CGCS2000, GCJ02, BD09}
		for _, mk := range []func() (CRS, error){
			func() (CRS, error) { return GK3(39) }, func() (CRS, error) { return GK3CM(117) },
			func() (CRS, error) { return GK6(20) }, func() (CRS, error) { return UTM(50, true) },
			func() (CRS, error) { return UTM(50, false) },
		} {
			c, err := mk()
			if err != nil {
				t.Fatal(err)
			}
			crss = append(crss, c)
		}
		from, to := crss[int(a)%len(crss)], crss[int(b)%len(crss)]
		out, err := Transform(orb.Point{x, y}, from, to)
		if err != nil {
			var te *TransformError
			if !errors.As(err, &te) {
				t.Fatalf("error %v is not a *TransformError", err)
			}
			return
		}
		q := out.(orb.Point)
		if !crsFinite(q[0]) || !crsFinite(q[1]) {
			t.Fatalf("%v → %v of (%v, %v) = %v", from, to, x, y, q)
		}
		if from.Projected() || !(x >= 73.4 && x <= 135.1 && y >= 3.5 && y <= 53.6) {
			return
		}
		back, err := Transform(q, to, from)
		if err != nil {
			t.Fatalf("%v → %v of (%v, %v) = %v, which does not come back: %v", from, to, x, y, q, err)
		}
		if d := gcjMetres(back.(orb.Point), orb.Point{x, y}); d > 1e-6 {
			t.Fatalf("%v → %v → back of (%v, %v) moved %.3g m", from, to, x, y, d)
		}
	})
}

func TestTransformIdentityIsExact(t *testing.T) {
	for _, c := range transformTestCRSs(t) {
		src, err := Transform(transformSample()[7], WGS84, c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Transform(src, c, c)
		if err != nil || !orb.Equal(got, src) {
			t.Errorf("%v to itself: %v, %v; want the same numbers", c, got, err)
		}
	}
	gk39, _ := GK3(39)
	if _, err := Transform(orb.Point{448688.855734, 4418598.001259}, gk39, gk39); !errors.Is(err, ErrOutsideZone) {
		t.Errorf("identity still checks the zone prefix: %v", err)
	}
}
