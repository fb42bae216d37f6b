package geo

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// joinWorld returns compounds (stars of 50–150 m), footprints (10–40 m) and facility points
// scattered over a square of span metres, in lon/lat around c and in the LocalTM of c.
func ovJoinWorld(rng *rand.Rand, c orb.Point, span float64, nA, nB int) (aLL, bLL, aXY, bXY []orb.Geometry) {
	tm := LocalTM(c)
	for range nA {
		poly := ovRandomStar(rng, orb.Point{rng.Float64() * span, rng.Float64() * span}, 50+100*rng.Float64(), 5+rng.IntN(30))
		aXY = append(aXY, poly)
	}
	for j := range nB {
		var g orb.Geometry = ovRandomFootprint(rng, orb.Point{rng.Float64() * span, rng.Float64() * span})
		switch j % 5 {
		case 0:
			g = orb.Point{rng.Float64() * span, rng.Float64() * span}
		case 1:
			p := orb.Point{rng.Float64() * span, rng.Float64() * span}
			g = orb.LineString{p, {p[0] + 30, p[1] + 10}, {p[0] + 40, p[1] - 20}}
		}
		bXY = append(bXY, g)
	}
	inv := func(g orb.Geometry) orb.Geometry {
		switch g := g.(type) {
		case orb.Point:
			return tm.Inverse(g)
		case orb.LineString:
			out := make(orb.LineString, len(g))
			for i, p := range g {
				out[i] = tm.Inverse(p)
			}
			return out
		}
		return ovToLonLat(g, c)
	}
	for _, g := range aXY {
		aLL = append(aLL, inv(g))
	}
	for _, g := range bXY {
		bLL = append(bLL, inv(g))
	}
	return aLL, bLL, aXY, bXY
}

// bruteJoin tests every pair with the distance function.
func ovBruteJoin(t *testing.T, a, b []orb.Geometry, d float64, dist func(a, b orb.Geometry) (float64, error)) []JoinPair {
	t.Helper()
	var out []JoinPair
	for i := range a {
		for j := range b {
			x, err := dist(a[i], b[j])
			if err != nil {
				t.Fatal(err)
			}
			if x <= d {
				out = append(out, JoinPair{i, j, x})
			}
		}
	}
	return out
}

// pairsOnly drops the distances, for comparing which pairs were found.
func ovPairsOnly(ps []JoinPair) [][2]int {
	out := make([][2]int, len(ps))
	for i, p := range ps {
		out[i] = [2]int{p.A, p.B}
	}
	return out
}

func TestJoinMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	aLL, bLL, aXY, bXY := ovJoinWorld(rng, orb.Point{121.5, 31.2}, 1200, 30, 200)
	for _, d := range []float64{0, 12.5, 300} {
		want := ovBruteJoin(t, aLL, bLL, d, GeometryDistance)
		got, err := Join(context.Background(), aLL, bLL, d)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ovPairsOnly(want), ovPairsOnly(got)); diff != "" {
			t.Fatalf("d = %v: Join differs from brute-force GeometryDistance ≤ d (-brute +join):\n%s", d, diff)
		}
		for k := range got {
			if math.Abs(got[k].Dist-want[k].Dist) > 1e-6 {
				t.Errorf("d = %v pair %v: Dist %v, GeometryDistance %v", d, ovPairsOnly(got[k:k+1]), got[k].Dist, want[k].Dist)
			}
		}
		if len(want) == 0 || (d > 0 && len(want) == len(ovBruteJoin(t, aLL, bLL, 0, GeometryDistance))) {
			t.Errorf("d = %v: test data has %d pairs; it should separate the distances", d, len(want))
		}

		wantXY := ovBruteJoin(t, aXY, bXY, d, GeometryDistancePlanar)
		gotXY, err := JoinPlanar(context.Background(), aXY, bXY, d)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantXY, gotXY); diff != "" {
			t.Fatalf("d = %v: JoinPlanar differs from brute force (-brute +join):\n%s", d, diff)
		}
	}
}

func TestJoinAtTheThreshold(t *testing.T) {
	// A footprint exactly 30 m (in the plane of its frame) from a compound: d = its
	// GeometryDistance must include it, a hair less must not, whatever the frame.
	c := orb.Point{121.5, 31.2}
	a := []orb.Geometry{ovToLonLat(orb.Polygon{ovRect(0, 0, 100, 100)}, c)}
	b := []orb.Geometry{ovToLonLat(orb.Polygon{ovRect(130, 0, 140, 10)}, c)}
	exact, err := GeometryDistance(a[0], b[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		d    float64
		want int
	}{{exact, 1}, {math.Nextafter(exact, 0), 0}, {exact + 1e-9, 1}} {
		got, err := Join(context.Background(), a, b, tc.d)
		if err != nil || len(got) != tc.want {
			t.Errorf("d = %.12f (distance %.12f): %v, %v", tc.d, exact, got, err)
		}
	}
}

func TestJoinErrors(t *testing.T) {
	good := []orb.Geometry{orb.Polygon{ovSquare}}
	_, err := Join(context.Background(), []orb.Geometry{orb.Polygon{ovSquare}, nil}, []orb.Geometry{orb.Point{121.5, 95}, orb.Collection{}}, 0)
	var es GeometryErrors
	if !errors.As(err, &es) || len(es) != 3 || es[0].Feature != "a[1]" || es[1].Feature != "b[0]" || es[2].Feature != "b[1]" {
		t.Errorf("errors: %v", err)
	}
	if !errors.Is(err, ErrEmpty) || !errors.Is(err, ErrLonLatRange) || !errors.Is(err, ErrUnsupportedGeometry) {
		t.Errorf("kinds: %v", err)
	}
	if _, err := Join(context.Background(), good, good, -1); !errors.Is(err, ErrLonLatRange) {
		t.Errorf("negative d: %v", err)
	}
	if _, err := Join(context.Background(), good, good, math.NaN()); err == nil {
		t.Error("NaN d accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Join(ctx, good, good, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if got, err := Join(context.Background(), nil, good, 0); err != nil || len(got) != 0 {
		t.Errorf("empty a: %v, %v", got, err)
	}
}
