package renovation

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// rectRing is the axis-aligned rectangle [x0, x1] × [y0, y1] as one counter-clockwise ring.
func rectRing(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// reachAreaOf measures polygon p ∩ reach with the exact method.
func reachAreaOf(t *testing.T, p orb.Polygon, r float64, points []orb.Point, polys []orb.Polygon) float64 {
	t.Helper()
	var rings [][]orb.Point
	for k, ring := range p {
		q := append(orb.Ring(nil), ring...)
		if a := signedArea(q); (k == 0) != (a > 0) {
			for x, y := 0, len(q)-1; x < y; x, y = x+1, y-1 {
				q[x], q[y] = q[y], q[x]
			}
		}
		rings = append(rings, q)
	}
	prep, err := geo.PreparePlanar(p)
	if err != nil {
		t.Fatal(err)
	}
	var rc reach
	rc.reset(r)
	for _, c := range points {
		rc.addDisc(c)
	}
	b := p.Bound()
	for _, f := range polys {
		var fr [][]orb.Point
		for _, ring := range f {
			fr = append(fr, ring)
		}
		rc.addPolygon(fr, b)
	}
	return rc.areaIn(rings, func(m orb.Point) bool { return prep.LocatePoint(m) == geo.PointInside })
}

func TestReachAreaKnownCases(t *testing.T) {
	const r = 300.0
	disc := math.Pi * r * r
	segment := func(d float64) float64 { // the part of the disc beyond a chord at distance d
		return r*r*math.Acos(d/r) - d*math.Sqrt(r*r-d*d)
	}
	lens := func(d float64) float64 { // the overlap of two discs d apart
		return 2*r*r*math.Acos(d/(2*r)) - d/2*math.Sqrt(4*r*r-d*d)
	}
	big := rectRing(-5000, -5000, 5000, 5000)
	cases := []struct {
		name   string
		poly   orb.Polygon
		points []orb.Point
		polys  []orb.Polygon
		want   float64
	}{
		{"disc at a corner", orb.Polygon{rectRing(0, 0, 1000, 1000)}, []orb.Point{{0, 0}}, nil, disc / 4},
		{"disc at a side's middle", orb.Polygon{rectRing(-1000, 0, 1000, 1000)}, []orb.Point{{0, 0}}, nil, disc / 2},
		{"disc inside", orb.Polygon{big}, []orb.Point{{10, 20}}, nil, disc},
		{"compound inside the disc", orb.Polygon{rectRing(-100, -100, 100, 100)}, []orb.Point{{10, 20}}, nil, 40000},
		{"chord", orb.Polygon{rectRing(-5000, -5000, 5000, 50)}, []orb.Point{{0, 0}}, nil, disc - segment(50)},
		{"two discs overlapping", orb.Polygon{big}, []orb.Point{{0, 0}, {400, 0}}, nil, 2*disc - lens(400)},
		{"duplicate facilities count once", orb.Polygon{big}, []orb.Point{{0, 0}, {0, 0}}, nil, disc},
		{"three discs in a row", orb.Polygon{big}, []orb.Point{{0, 0}, {400, 0}, {800, 0}}, nil, 3*disc - 2*lens(400)},
		{"hole inside the disc (a school)", orb.Polygon{big, rectRing(-10, -10, 10, 10)}, []orb.Point{{0, 0}}, nil, disc - 400},
		{"hole beyond reach", orb.Polygon{big, rectRing(1000, 1000, 1100, 1100)}, []orb.Point{{0, 0}}, nil, disc},
		{"disc outside", orb.Polygon{rectRing(0, 0, 100, 100)}, []orb.Point{{-400, 50}}, nil, 0},
		{"square facility", orb.Polygon{big}, nil, []orb.Polygon{{rectRing(-20, -20, 20, 20)}}, 1600 + 4*40*r + disc},
		{"square facility and a point inside it", orb.Polygon{big}, []orb.Point{{5, 5}}, []orb.Polygon{{rectRing(-20, -20, 20, 20)}}, 1600 + 4*40*r + disc},
		{"square facility at a compound's corner", orb.Polygon{rectRing(0, 0, 5000, 5000)}, nil, []orb.Polygon{{rectRing(-20, -20, 20, 20)}}, 400 + 2*20*r + disc/4},
		{"large facility covering the compound", orb.Polygon{rectRing(0, 0, 100, 100)}, nil, []orb.Polygon{{rectRing(-2000, -2000, 2000, 2000)}}, 10000},
	}
	for _, c := range cases {
		got := reachAreaOf(t, c.poly, r, c.points, c.polys)
		if math.Abs(got-c.want) > 1e-9*c.want+1e-9 {
			t.Errorf("%s: area %.9f m², want %.9f (diff %.3g)", c.name, got, c.want, got-c.want)
		}
	}
}

// TestReachAreaAgainstOverlay compares the exact area with the overlay of finely buffered
// facilities, whose polygons are inscribed in the true reach and fall short of each disc by a
// known share: 1 − 2q·sin(π/2q)/π of its area (1.0e-4 for q = 64).
func TestReachAreaAgainstOverlay(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const q = 64
	short := 1 - 2*q*math.Sin(math.Pi/(2*q))/math.Pi
	for trial := range 120 {
		compound := randomStar(rng, orb.Point{0, 0}, 80+rng.Float64()*120, 6+rng.IntN(20))
		poly := orb.Polygon{compound}
		if trial%5 == 0 { // a compound with a school in it
			poly = append(poly, reverseRing(rectRing(-15, -15, 15, 15)))
		}
		r := 100 + rng.Float64()*300
		var pts []orb.Point
		var polys []orb.Polygon
		var bufs []orb.Geometry
		for range 1 + rng.IntN(4) {
			p := orb.Point{(rng.Float64() - 0.5) * 2 * (r + 200), (rng.Float64() - 0.5) * 2 * (r + 200)}
			pts = append(pts, p)
			b, err := geo.BufferPlanar(p, r, &geo.BufferOptions{QuadrantSegments: q})
			if err != nil {
				t.Fatal(err)
			}
			bufs = append(bufs, b)
		}
		if trial%2 == 0 {
			// A polygon facility: a school site (a rotated rectangle, right angles and all),
			// an irregular park, or a site with a courtyard.
			c := orb.Point{(rng.Float64() - 0.5) * 400, (rng.Float64() - 0.5) * 400}
			var f orb.Polygon
			switch trial % 3 {
			case 0:
				f = orb.Polygon{rotatedRect(c, 30+rng.Float64()*60, 20+rng.Float64()*40, rng.Float64()*math.Pi)}
			case 1:
				f = orb.Polygon{randomStar(rng, c, 30, 5+rng.IntN(8))}
			case 2:
				f = orb.Polygon{rotatedRect(c, 80, 60, rng.Float64()), reverseRing(rotatedRect(c, 20, 20, rng.Float64()))}
			}
			polys = append(polys, f)
			// The reference buffers each edge on its own: buffering the polygon whole lets the
			// engine (as JTS does) first simplify away concavities shallower than r/100, which
			// overstates the reach near them.
			bufs = append(bufs, f)
			for _, ring := range f {
				for k := 0; k+1 < len(ring); k++ {
					b, err := geo.BufferPlanar(orb.LineString{ring[k], ring[k+1]}, r, &geo.BufferOptions{QuadrantSegments: q})
					if err != nil {
						t.Fatal(err)
					}
					bufs = append(bufs, b)
				}
			}
		}
		u, err := geo.UnionManyPlanar(bufs)
		if err != nil {
			t.Fatal(err)
		}
		want, err := geo.IntersectionAreaPlanar(poly, u)
		if err != nil {
			t.Fatal(err)
		}
		got := reachAreaOf(t, poly, r, pts, polys)
		tol := float64(len(bufs))*math.Pi*r*r*short*1.01 + 1e-6
		if !(got >= want-1e-6 && got-want <= tol) {
			t.Errorf("trial %d: exact %.4f m², overlay of %d-gons %.4f m² (diff %.4f, allowed 0…%.4f)", trial, got, 4*q, want, got-want, tol)
		}
	}
}

// randomStar is a star-shaped (hence simple) counter-clockwise ring of n vertices about c.
func randomStar(rng *rand.Rand, c orb.Point, r float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for k := range n {
		a := 2 * math.Pi * (float64(k) + 0.8*rng.Float64()) / float64(n)
		rr := r * (0.5 + 0.5*rng.Float64())
		ring = append(ring, orb.Point{c[0] + rr*math.Cos(a), c[1] + rr*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func reverseRing(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i := range r {
		out[i] = r[len(r)-1-i]
	}
	return out
}

// rotatedRect is a w × h rectangle centred on c, turned by angle radians, counter-clockwise.
func rotatedRect(c orb.Point, w, h, angle float64) orb.Ring {
	cos, sin := math.Cos(angle), math.Sin(angle)
	var ring orb.Ring
	for _, p := range [][2]float64{{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}, {-w / 2, -h / 2}} {
		ring = append(ring, orb.Point{c[0] + p[0]*cos - p[1]*sin, c[1] + p[0]*sin + p[1]*cos})
	}
	return ring
}
