package geo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// compoundWithSchool is a 100 m compound with an L-shaped school hole, in metres.
var ovCompoundWithSchool = orb.Polygon{ovRect(0, 0, 100, 100), ovSchoolHole}

func TestPreparedLocatePoint(t *testing.T) {
	pp, err := PreparePlanar(ovCompoundWithSchool)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pt   orb.Point
		want PointLocation
	}{
		{orb.Point{50, 50}, PointInside},
		{orb.Point{25, 30}, PointOutside}, // in the school
		{orb.Point{35, 45}, PointOutside}, // in the school's foot
		{orb.Point{35, 35}, PointInside},
		{orb.Point{0, 50}, PointOnBoundary},
		{orb.Point{100, 100}, PointOnBoundary},
		{orb.Point{20, 30}, PointOnBoundary}, // on the school's wall
		{orb.Point{40, 45}, PointOnBoundary},
		{orb.Point{150, 50}, PointOutside},
		{orb.Point{50, 100.0000001}, PointOutside},
		{orb.Point{math.NaN(), 50}, PointOutside},
	}
	for _, tc := range tests {
		if got := pp.LocatePoint(tc.pt); got != tc.want {
			t.Errorf("LocatePoint(%v) = %v, want %v", tc.pt, got, tc.want)
		}
		if got := pp.ContainsPoint(tc.pt); got != (tc.want == PointInside) {
			t.Errorf("ContainsPoint(%v) = %v", tc.pt, got)
		}
	}
	// The same in lon/lat.
	c := orb.Point{121.5, 31.2}
	tm := LocalTM(c)
	pl, err := Prepare(ovToLonLat(ovCompoundWithSchool, c))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		if tc.want == PointOnBoundary || math.IsNaN(tc.pt[0]) {
			continue // a boundary point does not survive two projections exactly
		}
		if got := pl.LocatePoint(tm.Inverse(tc.pt)); got != tc.want {
			t.Errorf("lon/lat LocatePoint(%v) = %v, want %v", tc.pt, got, tc.want)
		}
	}
	if got := pl.LocatePoint(orb.Point{200, 31.2}); got != PointOutside {
		t.Errorf("out-of-range point located %v", got)
	}
}

func TestPreparedLocateMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	poly := ovRandomStar(rng, orb.Point{0, 0}, 500, 2000)
	pp, err := PreparePlanar(poly)
	if err != nil {
		t.Fatal(err)
	}
	var brute flatShape
	brute.load(poly, false, nil)
	for i := range 20000 {
		pt := orb.Point{(rng.Float64() - 0.5) * 1100, (rng.Float64() - 0.5) * 1100}
		if i%10 == 0 {
			pt = poly[0][rng.IntN(len(poly[0]))] // vertices: on the boundary
		}
		if got, want := pp.LocatePoint(pt), brute.locateBrute(pt); got != want {
			t.Fatalf("LocatePoint(%v) = %v, brute force %v", pt, got, want)
		}
	}
}

// sfOf converts a planar geometry for the reference predicates of simplefeatures.
func ovSF(g orb.Geometry) geom.Geometry { return sfOfOrb(g, &overlayFrame{}) }

// randomFootprint returns a rectangle or an L of 10–40 m, rotated, around c.
func ovRandomFootprint(rng *rand.Rand, c orb.Point) orb.Polygon {
	w, h := 10+30*rng.Float64(), 10+30*rng.Float64()
	var pts []orb.Point
	if rng.IntN(3) == 0 {
		pts = []orb.Point{{0, 0}, {w, 0}, {w, h / 2}, {w / 2, h / 2}, {w / 2, h}, {0, h}}
	} else {
		pts = []orb.Point{{0, 0}, {w, 0}, {w, h}, {0, h}}
	}
	a := rng.Float64() * math.Pi
	sin, cos := math.Sincos(a)
	ring := make(orb.Ring, 0, len(pts)+1)
	for _, p := range pts {
		x, y := p[0]-w/2, p[1]-h/2
		ring = append(ring, orb.Point{c[0] + x*cos - y*sin, c[1] + x*sin + y*cos})
	}
	return orb.Polygon{append(ring, ring[0])}
}

func TestPreparedPredicatesMatchSimplefeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	compound := orb.Polygon{ovRandomStar(rng, orb.Point{0, 0}, 150, 50)[0], ovReversed(ovRect(-20, -20, 20, 20))}
	pp, err := PreparePlanar(compound)
	if err != nil {
		t.Fatal(err)
	}
	sfC, err := geom.Prepare(ovSF(compound))
	if err != nil {
		t.Fatal(err)
	}
	var inside, crossing, outside int
	for range 3000 {
		fp := ovRandomFootprint(rng, orb.Point{(rng.Float64() - 0.5) * 360, (rng.Float64() - 0.5) * 360})
		sfFP := ovSF(fp)
		wantI, _ := sfC.Intersects(sfFP)
		wantC, _ := sfC.ContainsProperly(sfFP)
		gotI, err1 := pp.Intersects(fp)
		gotC, err2 := pp.ContainsProperly(fp)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if gotI != wantI || gotC != wantC {
			t.Fatalf("footprint %v: Intersects %v ContainsProperly %v; simplefeatures %v %v", fp, gotI, gotC, wantI, wantC)
		}
		switch {
		case gotC:
			inside++
		case gotI:
			crossing++
		default:
			outside++
		}
		// Lines and points too.
		line := orb.LineString(fp[0][:3])
		wantL, _ := sfC.Intersects(ovSF(line))
		if got, _ := pp.Intersects(line); got != wantL {
			t.Fatalf("line %v: Intersects %v, simplefeatures %v", line, got, wantL)
		}
	}
	if inside < 100 || crossing < 100 || outside < 100 {
		t.Errorf("test too one-sided: %d inside, %d crossing, %d outside", inside, crossing, outside)
	}
}

func TestPreparedIntersectionArea(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	compound := orb.Polygon{ovRandomStar(rng, orb.Point{0, 0}, 150, 50)[0], ovReversed(ovRect(-20, -20, 20, 20))}
	pp, err := PreparePlanar(compound)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		fp := ovRandomFootprint(rng, orb.Point{(rng.Float64() - 0.5) * 360, (rng.Float64() - 0.5) * 360})
		if i%2 == 0 {
			fp[0] = ovReversed(fp[0]) // clockwise footprints take the same path
		}
		got, err := pp.IntersectionArea(fp)
		if err != nil {
			t.Fatal(err)
		}
		want, err := IntersectionAreaPlanar(compound, fp)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-want) > 1e-9*math.Max(1, want) {
			t.Fatalf("footprint %v: prepared area %v, overlay %v", fp, got, want)
		}
	}
	// The hand-computed case: footprint across the school, 700 m².
	pc, err := PreparePlanar(ovCompoundWithSchool)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := pc.IntersectionArea(orb.Polygon{ovRect(10, 10, 50, 30)}); err != nil || math.Abs(got-700) > 1e-9 {
		t.Errorf("footprint across the school: %v, %v; want 700", got, err)
	}
	if _, err := pc.IntersectionArea(orb.Polygon{{{10, 10}, {50, 30}, {50, 10}, {10, 30}, {10, 10}}}); !errors.Is(err, ErrSelfIntersection) {
		t.Errorf("bow-tie footprint: %v", err)
	}
	if got, err := pc.IntersectionArea(orb.LineString{{0, 0}, {50, 50}}); err != nil || got != 0 {
		t.Errorf("line: %v, %v", got, err)
	}
}

func TestPreparedIntersection(t *testing.T) {
	c := orb.Point{121.5, 31.2}
	pl, err := Prepare(ovToLonLat(ovCompoundWithSchool, c))
	if err != nil {
		t.Fatal(err)
	}
	inside := ovToLonLat(orb.Polygon{ovReversed(ovRect(60, 60, 80, 80))}, c)
	g, err := pl.Intersection(inside)
	if err != nil {
		t.Fatal(err)
	}
	rewound := orb.Polygon{ovReversed(inside.(orb.Polygon)[0])}
	if diff := cmp.Diff(ovCanon(rewound), ovCanon(g.(orb.Polygon))); diff != "" {
		t.Errorf("a footprint inside comes back as itself, rewound (-want +got):\n%s", diff)
	}
	if a := shoelaceOfOverlay(g.(orb.Polygon)[0]); a <= 0 {
		t.Errorf("not rewound: signed area %v", a)
	}
	across := ovToLonLat(orb.Polygon{ovRect(10, 10, 50, 30)}, c)
	g, err = pl.Intersection(across)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Intersection(ovToLonLat(ovCompoundWithSchool, c), across)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ovCanon(want.(orb.Polygon)), ovCanon(g.(orb.Polygon))); diff != "" {
		t.Errorf("across the school (-Intersection +Prepared.Intersection):\n%s", diff)
	}
	if g, err := pl.Intersection(ovToLonLat(orb.Polygon{ovRect(200, 0, 210, 10)}, c)); err != nil || !cmp.Equal(g, orb.Geometry(orb.MultiPolygon{})) {
		t.Errorf("outside: %v, %v", g, err)
	}
}

func TestConvexRing(t *testing.T) {
	tests := []struct {
		name        string
		r           orb.Ring
		convex, ccw bool
	}{
		{"square", ovRect(0, 0, 1, 1), true, true},
		{"square cw", ovReversed(ovRect(0, 0, 1, 1)), true, false},
		{"collinear vertex", orb.Ring{{0, 0}, {1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}, true, true},
		{"L", orb.Ring{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}, {0, 0}}, false, false},
		{"pentagram", orb.Ring{{0, 10}, {6, -8}, {-9, 3}, {9, 3}, {-6, -8}, {0, 10}}, false, false},
		{"spike", orb.Ring{{0, 0}, {2, 0}, {1, 0}, {1, 1}, {0, 0}}, false, false},
		{"open", orb.Ring{{0, 0}, {1, 0}, {1, 1}}, false, false},
	}
	for _, tc := range tests {
		convex, ccw := convexRingOfOverlay(tc.r)
		if convex != tc.convex || (convex && ccw != tc.ccw) {
			t.Errorf("%s: convex %v ccw %v", tc.name, convex, ccw)
		}
	}
}

func TestPreparedRejectsBadInput(t *testing.T) {
	if _, err := Prepare(orb.Polygon{ovBowtie}); !errors.Is(err, ErrSelfIntersection) {
		t.Errorf("Prepare(bow-tie) = %v", err)
	}
	pp, err := PreparePlanar(ovCompoundWithSchool)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []orb.Geometry{nil, orb.Collection{}, orb.LineString{}, orb.Point{math.Inf(1), 0}} {
		if _, err := pp.Intersects(g); err == nil {
			t.Errorf("Intersects(%#v) gave no error", g)
		}
	}
}

func TestEarTriangles(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	for trial := range 500 {
		poly := ovRandomStar(rng, orb.Point{0, 0}, 50, 3+rng.IntN(60))
		r := poly[0]
		if trial%2 == 1 {
			r = ovReversed(r)
		}
		if trial%5 == 0 {
			// Snap to a grid: collinear vertices and near-degenerate ears.
			for i := range r {
				r[i] = orb.Point{math.Round(r[i][0] / 5), math.Round(r[i][1] / 5)}
			}
			if ValidatePlanar("", orb.Polygon{r}, &ValidateOptions{SliverArea: -1, SliverWidth: -1}) != nil {
				continue
			}
		}
		var sum float64
		var n int
		_, ok := earTriangles(r, nil, func(tri *[4]orb.Point) {
			a := shoelaceOfOverlay(tri[:])
			if a <= 0 {
				t.Fatalf("trial %d: triangle %v not counter-clockwise", trial, *tri)
			}
			sum += a
			n++
		})
		want := math.Abs(shoelaceOfOverlay(r))
		if !ok || math.Abs(sum-want) > 1e-9*want {
			t.Fatalf("trial %d: ok %v, triangles cover %v of %v", trial, ok, sum, want)
		}
		if n > len(r)-3 {
			t.Fatalf("trial %d: %d triangles for %d vertices", trial, n, len(r)-1)
		}
	}
}

func TestPreparedConcurrentUse(t *testing.T) {
	c := orb.Point{121.5, 31.2}
	pp, err := Prepare(ovToLonLat(ovCompoundWithSchool, c))
	if err != nil {
		t.Fatal(err)
	}
	across := ovToLonLat(orb.Polygon{{{10, 10}, {50, 10}, {50, 30}, {30, 30}, {30, 20}, {10, 30}, {10, 10}}}, c)
	want, err := pp.IntersectionArea(across)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for w := range 8 {
		go func() {
			for i := range 200 {
				got, err := pp.IntersectionArea(across)
				if err == nil && got != want {
					err = fmt.Errorf("worker %d call %d: area %v, want %v", w, i, got, want)
				}
				if err == nil && i%50 == 0 {
					_, err = pp.Intersection(across) // the lazily built engine geometry
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
