package network

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo"
)

// bruteSnap is Snap's specification by exhaustion: every segment of every edge measured
// geodesically, the nearest within maxMetres kept, ties to the lower edge then offset.
func bruteSnap(g *Graph, p orb.Point, maxMetres float64) (Location, float64, bool) {
	g.snapOnce.Do(g.buildSnapIndex)
	cosLat := math.Cos(p[1] * math.Pi / 180)
	best, bestD := Location{}, math.Inf(1)
	segs := int32(len(g.shapeID) + len(g.edgeFrom))
	for seg := int32(0); seg < segs; seg++ {
		e, a, b, aOff := g.snapSegment(seg)
		q := interpolateGeodesic(a, b, projectLocal(p, a, b, cosLat))
		d := geo.Distance(p, q)
		if d > maxMetres {
			continue
		}
		off := min(aOff+geo.Distance(a, q), g.edgeLen[e])
		if d < bestD || d == bestD && (e < best.v || e == best.v && off < best.offset) {
			best, bestD = Location{kind: 2, v: e, offset: off}, d
		}
	}
	if best.kind == 0 {
		return Location{}, 0, false
	}
	return best, bestD, true
}

// TestSnapMatchesExhaustive checks the pruned, growing-box Snap against bruteSnap at random
// points, near and far from the streets, and at radii from 1 m to 5 km.
func TestSnapMatchesExhaustive(t *testing.T) {
	// A jittered 40 × 40 grid of streets 75 m apart (internal/streetsynth imports this
	// package, so the test lays its own), each street one way with a bend on every block.
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 40
	at := func(i, j float64) orb.Point {
		return orb.Point{116.0 + (j*75+rng.Float64()*20)/85000, 39.6 + (i*75+rng.Float64()*20)/111000}
	}
	var ways []Way
	id := int64(1)
	for dir := range 2 {
		for a := range n {
			w := Way{ID: int64(len(ways) + 1), Tags: map[string]string{"highway": "footway"}}
			for b := range n {
				i, j := float64(a), float64(b)
				if dir == 1 {
					i, j = j, i
				}
				w.Nodes = append(w.Nodes, id)
				w.Points = append(w.Points, at(i, j))
				id++
			}
			ways = append(ways, w)
		}
	}
	g, err := Build(ways, nil)
	if err != nil {
		t.Fatal(err)
	}
	radii := []float64{0, 1, 10, 31, 33, 100, 129, 500, 5000}
	found := 0
	for i := range 400 {
		// The grid spans about 3 km from (116.0, 39.6); points reach 1 km beyond it.
		p := orb.Point{116.0 + (rng.Float64()*5-1)/85, 39.6 + (rng.Float64()*5-1)/111}
		r := radii[i%len(radii)]
		wl, wd, wok := bruteSnap(g, p, r)
		gl, gd, gok := g.Snap(p, r)
		if gl != wl || gd != wd || gok != wok {
			t.Fatalf("Snap(%v, %v) = %+v, %v, %v; exhaustive search gives %+v, %v, %v", p, r, gl, gd, gok, wl, wd, wok)
		}
		if gok {
			found++
		}
	}
	if found < 100 || found > 390 {
		t.Errorf("%d of 400 points snapped: the test points miss the interesting cases", found)
	}
}
