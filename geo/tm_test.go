package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// tmCase is one point projected by PROJ 9.1.1. The values were made with
//
//	cs2cs -f %.6f EPSG:4490 EPSG:4548                 (CGCS2000 GK CM 117E; lat lon in, N E out)
//	cs2cs -f %.6f EPSG:4326 EPSG:32650                (UTM 50N)
//	cs2cs -f %.6f +proj=longlat +ellps=WGS84 +to +proj=tmerc +lon_0=121.5 +lat_0=31.2 \
//	    +k=1 +x_0=0 +y_0=0 +ellps=WGS84               (a local frame)
//
// and are given here as {lon, lat} → {easting, northing}.
type tmCase struct {
	lonlat, en orb.Point
}

var (
	gk117Cases = []tmCase{
		{orb.Point{116.4, 39.9}, orb.Point{448688.855734, 4418598.001259}},
		{orb.Point{117.0, 22.5}, orb.Point{500000.000000, 2489167.311084}},
		{orb.Point{118.5, 45.0}, orb.Point{618270.273998, 4986039.214042}}, // zone edge
		{orb.Point{115.5, 31.2}, orb.Point{357035.840153, 3454118.132166}}, // zone edge
		{orb.Point{116.99, 53.5}, orb.Point{499336.409464, 5930265.906813}},
		{orb.Point{117.8, 18.2}, orb.Point{584630.190450, 2013302.786867}},
	}
	utm50Cases = []tmCase{
		{orb.Point{116.4, 39.9}, orb.Point{448709.380192, 4416830.562172}},
		{orb.Point{117.0, 22.5}, orb.Point{500000.000000, 2488171.644236}},
		{orb.Point{118.5, 45.0}, orb.Point{618222.965888, 4984044.798476}},
		{orb.Point{115.5, 31.2}, orb.Point{357093.025818, 3452736.485011}},
		{orb.Point{116.99, 53.5}, orb.Point{499336.674900, 5927893.800575}},
		{orb.Point{117.8, 18.2}, orb.Point{584596.338374, 2012497.465815}},
	}
	localCases = []tmCase{
		{orb.Point{121.51, 31.23}, orb.Point{952.742713, 3326.238114}},
		{orb.Point{117.0, 22.5}, orb.Point{-463372.279557, -957007.885652}},
		{orb.Point{118.5, 45.0}, orb.Point{-236540.642358, 1536176.674267}},
		{orb.Point{115.5, 31.2}, orb.Point{-572313.650751, 15558.737614}},
		{orb.Point{116.99, 53.5}, orb.Point{-299188.937800, 2486591.281563}},
		{orb.Point{117.8, 18.2}, orb.Point{-391624.924517, -1436076.930881}},
	}
)

func TestTransverseMercatorAgainstPROJ(t *testing.T) {
	// PROJ printed 6 decimals, so agreement is to the rounding of its output.
	const tol = 1e-6
	tests := []struct {
		name  string
		proj  *TransverseMercator
		cases []tmCase
	}{
		{"CGCS2000 GK CM117E", NewTransverseMercator(EllipsoidCGCS2000, 117, 0, 1, 500000, 0), gk117Cases},
		{"UTM 50N", NewTransverseMercator(EllipsoidWGS84, 117, 0, 0.9996, 500000, 0), utm50Cases},
		{"local lon0 121.5 lat0 31.2", LocalTM(orb.Point{121.5, 31.2}), localCases},
	}
	for _, tc := range tests {
		for _, c := range tc.cases {
			got := tc.proj.Forward(c.lonlat)
			if d := planarDist(got, c.en); d > tol {
				t.Errorf("%s: Forward(%v) = %.6f, PROJ %.6f, off by %.3g m", tc.name, c.lonlat, got, c.en, d)
			}
			back := tc.proj.Forward(tc.proj.Inverse(c.en))
			if d := planarDist(back, c.en); d > 1e-8 {
				t.Errorf("%s: Forward(Inverse(%v)) = %.9f, off by %.3g m", tc.name, c.en, back, d)
			}
			ll := tc.proj.Inverse(c.en)
			if math.Abs(ll[0]-c.lonlat[0]) > 1e-10 || math.Abs(ll[1]-c.lonlat[1]) > 1e-10 {
				t.Errorf("%s: Inverse(%v) = %.12f, want %v", tc.name, c.en, ll, c.lonlat)
			}
		}
	}
}

func TestTransverseMercatorRoundTrip(t *testing.T) {
	// Over China and ±3.5° from the central meridian (wider than any 6° zone), Inverse undoes
	// Forward to well under a micrometre.
	r := rand.New(rand.NewPCG(1, 2))
	for _, lon0 := range []float64{75, 105, 117, 135} {
		proj := NewTransverseMercator(EllipsoidCGCS2000, lon0, 0, 1, 500000, 0)
		for range 2000 {
			p := orb.Point{lon0 + (r.Float64()*7 - 3.5), 3 + r.Float64()*52}
			xy := proj.Forward(p)
			back := proj.Forward(proj.Inverse(xy))
			if d := planarDist(back, xy); d > 1e-7 {
				t.Fatalf("lon0 %v: round trip of %v moved %.3g m", lon0, p, d)
			}
		}
	}
}

func planarDist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func TestLocalTMOrigin(t *testing.T) {
	c := orb.Point{116.35, 39.96}
	if got := LocalTM(c).Forward(c); math.Abs(got[0]) > 1e-9 || math.Abs(got[1]) > 1e-9 {
		t.Errorf("LocalTM(c).Forward(c) = %v, want origin", got)
	}
}

func BenchmarkTransverseMercatorForward(b *testing.B) {
	proj := NewTransverseMercator(EllipsoidCGCS2000, 117, 0, 1, 500000, 0)
	p := orb.Point{116.4, 39.9}
	b.ReportAllocs()
	var sink orb.Point
	for b.Loop() {
		sink = proj.Forward(p)
	}
	_ = sink
}

func BenchmarkTransverseMercatorInverse(b *testing.B) {
	proj := NewTransverseMercator(EllipsoidCGCS2000, 117, 0, 1, 500000, 0)
	p := orb.Point{448688.855734, 4418598.001259}
	b.ReportAllocs()
	var sink orb.Point
	for b.Loop() {
		sink = proj.Inverse(p)
	}
	_ = sink
}
