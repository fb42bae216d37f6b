package geo

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// Projected vertices made with PROJ 9.1.1:
//
//	cs2cs -f %.6f EPSG:4490 EPSG:4548    (CGCS2000 GK CM 117E; prints N E)
//	cs2cs -f %.6f EPSG:4326 EPSG:32650   (UTM 50N; prints E N)
//	cs2cs -f %.6f EPSG:4490 EPSG:4549    (CGCS2000 GK CM 120E; prints N E)
//
// on the vertices of geodesicSquare and geodesicCompound, given here as {E, N}.
var (
	planarSquareGK117 = []orb.Point{{447856.420459, 4421934.817633}, {447956.647931, 4421934.133363},
		{447957.329526, 4422034.064336}, {447857.103367, 4422034.748609}}
	planarSquareUTM50 = []orb.Point{{447877.277891, 4420166.043819}, {447977.465272, 4420165.359824},
		{447978.146595, 4420265.250824}, {447877.960526, 4420265.934824}}
	planarCompoundGK120 = []orb.Point{{643214.732285, 3457565.335188}, {643392.240822, 3457547.787636},
		{643508.614444, 3457610.375093}, {643539.560709, 3457717.272505}, {643488.907798, 3457797.547576},
		{643462.757853, 3457898.120969}, {643356.552873, 3457928.838312}, {643245.567192, 3457890.726299},
		{643188.257650, 3457830.054114}, {643201.881975, 3457739.291815}, {643157.836145, 3457684.345909},
		{643166.424420, 3457613.479208}}
)

// shoelaceForTest is the textbook shoelace area of a polygon given by its vertices.
func shoelaceForTest(pts []orb.Point) float64 {
	var s float64
	for i := range pts {
		j := (i + 1) % len(pts)
		s += pts[i][0]*pts[j][1] - pts[j][0]*pts[i][1]
	}
	return math.Abs(s) / 2
}

func TestPlanarAreaAgainstPROJ(t *testing.T) {
	cm117, _ := GK3CM(117)
	cm120, _ := GK3CM(120)
	zone40, _ := GK3(40)
	utm50, _ := UTM(50, true)
	tests := []struct {
		name string
		g    orb.Geometry
		crs  CRS
		want float64
	}{
		// go-deps §2.3: 10016.230 m² in EPSG:4548, 10008.219 m² in UTM 50N.
		{"square GK CM117E", geodesicSquare, cm117, shoelaceForTest(planarSquareGK117)},
		{"square UTM 50N", orb.Polygon{geodesicReversed(geodesicSquare)}, utm50, shoelaceForTest(planarSquareUTM50)},
		{"compound GK CM120E", orb.Polygon{geodesicCompound}, cm120, shoelaceForTest(planarCompoundGK120)},
		// The zone prefix adds 40 000 000 m to every easting; the area must not lose digits.
		{"compound GK zone 40", orb.MultiPolygon{{geodesicClosed(geodesicCompound)}}, zone40, shoelaceForTest(planarCompoundGK120)},
	}
	for _, tc := range tests {
		got, err := PlanarArea(tc.g, tc.crs)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		// PROJ's 6 decimals put about perimeter × 5e-7 m = 1e-3 m² of rounding in want.
		if math.Abs(got-tc.want) > 1e-3 {
			t.Errorf("%s: PlanarArea %.6f m², shoelace of PROJ's vertices %.6f", tc.name, got, tc.want)
		}
	}
	// The frame matters, and in the direction the scale factors say.
	gk, _ := PlanarArea(geodesicSquare, cm117)
	utm, _ := PlanarArea(geodesicSquare, utm50)
	geod := Area(geodesicSquare)
	if !(utm < geod && geod < gk) {
		t.Errorf("UTM %.3f, geodesic %.3f, GK %.3f m²: want UTM < geodesic < GK", utm, geod, gk)
	}
}

func TestPlanarAreaHolesAndTypes(t *testing.T) {
	cm120, _ := GK3CM(120)
	outer, _ := PlanarArea(geodesicCompound, cm120)
	hole, _ := PlanarArea(geodesicHole, cm120)
	withHole, err := PlanarArea(orb.Polygon{geodesicCompound, geodesicHole}, cm120)
	if err != nil || math.Abs(withHole-(outer-hole)) > 1e-6 {
		t.Errorf("polygon with hole: %v, %v; want %v", withHole, err, outer-hole)
	}
	coll, err := PlanarArea(orb.Collection{orb.Polygon{geodesicCompound}, orb.Point{121.5, 31.2}, geodesicHole}, cm120)
	if err != nil || math.Abs(coll-(outer+hole)) > 1e-6 {
		t.Errorf("collection: %v, %v; want %v", coll, err, outer+hole)
	}
	for _, g := range []orb.Geometry{nil, orb.Point{121.5, 31.2}, orb.LineString{{121.5, 31.2}, {121.6, 31.3}}, orb.Ring{{121.5, 31.2}, {121.6, 31.3}}} {
		if a, err := PlanarArea(g, cm120); a != 0 || err != nil {
			t.Errorf("PlanarArea(%v) = %v, %v; want 0", g, a, err)
		}
	}
	// The planar area in a zone agrees with the geodesic area to the zone's scale squared:
	// at 121.5°E in the CM 120E zone k ≈ 1 + (1.5° cos 31.2°)²/2 ≈ 1.00026.
	geod := Area(geodesicCompound)
	if r := outer / geod; r < 1.0004 || r > 1.0006 {
		t.Errorf("planar/geodesic = %.6f, want about 1.0005 (k² at 1.5° from the CM)", r)
	}
}

func TestPlanarDistance(t *testing.T) {
	cm117, _ := GK3CM(117)
	a, b := geodesicSquare[0], geodesicSquare[1]
	got, err := PlanarDistance(a, b, cm117)
	want := math.Hypot(planarSquareGK117[1][0]-planarSquareGK117[0][0], planarSquareGK117[1][1]-planarSquareGK117[0][1])
	if err != nil || math.Abs(got-want) > 2e-6 {
		t.Errorf("PlanarDistance = %.6f, %v; want %.6f", got, err, want)
	}
	if _, err := PlanarDistance(a, orb.Point{math.NaN(), 1}, cm117); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN: %v, want ErrNotFinite", err)
	}
}

func TestPlanarMeasureErrors(t *testing.T) {
	cm117, _ := GK3CM(117)
	for _, c := range []CRS{WGS84, CGCS2000, GCJ02, BD09} {
		if _, err := PlanarArea(geodesicSquare, c); !errors.Is(err, ErrNotProjected) {
			t.Errorf("PlanarArea in %v: %v, want ErrNotProjected", c, err)
		}
		if _, err := PlanarDistance(orb.Point{116, 39}, orb.Point{117, 40}, c); !errors.Is(err, ErrNotProjected) {
			t.Errorf("PlanarDistance in %v: %v, want ErrNotProjected", c, err)
		}
	}
	if _, err := PlanarArea(geodesicSquare, CRS{}); !errors.Is(err, ErrUnknownCRS) {
		t.Errorf("PlanarArea in the zero CRS: %v, want ErrUnknownCRS", err)
	}
	// Shanghai is 4.5° from CM 117E: outside the zone's spill.
	_, err := PlanarArea(orb.MultiPolygon{{geodesicSquare}, {geodesicCompound}}, cm117)
	var te *TransformError
	if !errors.As(err, &te) || !errors.Is(err, ErrOutsideZone) || te.Where != "polygon 1 ring 0 point 0" {
		t.Errorf("PlanarArea of Shanghai in CM 117E: %v, want ErrOutsideZone at polygon 1 ring 0 point 0", err)
	}
	if _, err := PlanarArea(orb.Bound{Max: orb.Point{1, 1}}, cm117); !errors.Is(err, ErrGeometryType) {
		t.Errorf("PlanarArea of a bound: %v, want ErrGeometryType", err)
	}
}
