package streetsynth

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/network"
)

// Kinds is the number of facility kinds.
const Kinds = 8

// City is a generated network.
type City struct {
	Ways       []network.Way
	Facilities [Kinds][]int64 // node ids of the facilities of each kind
	Nodes      int            // distinct nodes
}

// degLat is a metre in degrees of latitude.
const (
	degLat = 1 / 111000.0
)

// Generate returns a network of about n nodes (at least 100) from seed, its junctions about
// 60 m apart, its south-west corner at lon 116.0, lat 39.6 (Beijing).
func Generate(n int, seed uint64) *City {
	return generate(n, seed, orb.Point{116.0, 39.6}, 60, 1/85000.0)
}

// GenerateIn returns a network of about n nodes (at least 100) from seed that covers bound:
// its junctions are spaced so that the grid spans the bound's larger side. For laying a
// street network under another generated layer, such as renovation/synthetic's city.
func GenerateIn(n int, seed uint64, bound orb.Bound) *City {
	n = max(n, 100)
	side := int(math.Sqrt(0.9 * float64(n)))
	lat := (bound.Min[1] + bound.Max[1]) / 2
	dLon := 1 / (111320 * math.Cos(lat*math.Pi/180))
	w := max((bound.Max[0]-bound.Min[0])/dLon, (bound.Max[1]-bound.Min[1])/degLat)
	return generate(n, seed, bound.Min, w/float64(max(side-1, 1)), dLon)
}

// generate lays the grid from origin, junctions spacing metres apart, degLon degrees of
// longitude to the metre.
func generate(n int, seed uint64, origin orb.Point, spacing, degLon float64) *City {
	n = max(n, 100)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	side := int(math.Sqrt(0.9 * float64(n)))
	shapeEvery := 9 // about 0.1 n shape nodes over about 1.8 n blocks
	pos := make([]orb.Point, side*side)
	for i := 0; i < side; i++ {
		for j := 0; j < side; j++ {
			x := float64(j)*spacing + (rng.Float64()-0.5)*spacing/2
			y := float64(i)*spacing + (rng.Float64()-0.5)*spacing/2
			pos[i*side+j] = orb.Point{origin[0] + x*degLon, origin[1] + y*degLat}
		}
	}
	c := &City{Nodes: side * side}
	next := int64(side*side) + 1
	wayID := int64(1)
	var cur *network.Way
	flush := func() {
		if cur != nil && len(cur.Nodes) >= 2 {
			c.Ways = append(c.Ways, *cur)
		}
		cur = nil
	}
	start := func(from int) {
		tags := map[string]string{"highway": "residential"}
		switch r := rng.IntN(100); {
		case r < 2:
			tags = map[string]string{"highway": "service", "access": "private"}
		case r < 30:
			tags = map[string]string{"highway": "footway"}
		}
		cur = &network.Way{ID: wayID, Tags: tags, Nodes: []int64{int64(from) + 1}, Points: []orb.Point{pos[from]}}
		wayID++
	}
	// street runs along rows (di=0, dj=1) then along columns (di=1, dj=0)
	for dir := 0; dir < 2; dir++ {
		for a := 0; a < side; a++ {
			cur = nil
			for b := 0; b+1 < side; b++ {
				from, to := a*side+b, a*side+b+1
				if dir == 1 {
					from, to = b*side+a, (b+1)*side+a
				}
				if rng.IntN(100) == 0 { // a missing segment ends the way
					flush()
					continue
				}
				if cur == nil || b%16 == 0 {
					flush()
					start(from)
				}
				if rng.IntN(shapeEvery) == 0 {
					p, q := pos[from], pos[to]
					bend := (rng.Float64() - 0.5) * spacing / 3
					mid := orb.Point{(p[0]+q[0])/2 + bend*degLon*float64(dir), (p[1]+q[1])/2 + bend*degLat*float64(1-dir)}
					cur.Nodes = append(cur.Nodes, next)
					cur.Points = append(cur.Points, mid)
					next++
					c.Nodes++
				}
				cur.Nodes = append(cur.Nodes, int64(to)+1)
				cur.Points = append(cur.Points, pos[to])
			}
			flush()
		}
	}
	// Facilities: kind k has about n/(2000(k+1)) at random junctions.
	for k := 0; k < Kinds; k++ {
		m := max(1, n/(2000*(k+1)))
		for f := 0; f < m; f++ {
			c.Facilities[k] = append(c.Facilities[k], int64(rng.IntN(side*side))+1)
		}
	}
	return c
}
