package geo

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// ovCity is a seeded stand-in for a district: compounds 100–300 m across (so a few of the
// largest overlap a neighbour) on a 300 m grid with jitter over a 30 km square near lon 121.5
// lat 31.2, about ten footprints of 10–40 m per compound (most inside, some crossing the
// boundary) and facility points, in lon/lat and in the LocalTM of the centre.
type ovCity struct {
	compoundsLL, footprintsLL, facilitiesLL []orb.Geometry
	compoundsXY, footprintsXY, facilitiesXY []orb.Geometry
}

var (
	ovCityOnce sync.Once
	ovCityData ovCity
)

func ovTheCity() *ovCity {
	ovCityOnce.Do(func() { ovCityData = ovMakeCity(100, 100, 10, 20000) })
	return &ovCityData
}

func ovMakeCity(nx, ny, perCompound, facilities int) ovCity {
	rng := rand.New(rand.NewPCG(2026, 1122))
	c := orb.Point{121.5, 31.2}
	tm := LocalTM(c)
	const cell = 300.0
	var s ovCity
	toLL := func(g orb.Geometry) orb.Geometry {
		if p, ok := g.(orb.Point); ok {
			return tm.Inverse(p)
		}
		return ovToLonLat(g, c)
	}
	for i := range nx {
		for j := range ny {
			centre := orb.Point{(float64(i)-float64(nx)/2+0.5)*cell + (rng.Float64()-0.5)*50, (float64(j)-float64(ny)/2+0.5)*cell + (rng.Float64()-0.5)*50}
			r := 50 + 100*rng.Float64() // 100–300 m across
			n := 8 + rng.IntN(40)
			ring := make(orb.Ring, 0, n+1)
			for k := range n {
				a := 2 * math.Pi * (float64(k) + 0.5*rng.Float64()) / float64(n)
				rr := r * (0.85 + 0.15*rng.Float64())
				ring = append(ring, orb.Point{centre[0] + rr*math.Cos(a), centre[1] + rr*math.Sin(a)})
			}
			ring = append(ring, ring[0])
			compound := orb.Polygon{ring}
			s.compoundsXY = append(s.compoundsXY, compound)
			s.compoundsLL = append(s.compoundsLL, toLL(compound))
			for range perCompound {
				// Mostly well inside; one in five near the edge, where many cross it.
				rho := r * 0.6 * math.Sqrt(rng.Float64())
				if rng.IntN(5) == 0 {
					rho = r * (0.75 + 0.3*rng.Float64())
				}
				a := rng.Float64() * 2 * math.Pi
				fp := ovRandomFootprint(rng, orb.Point{centre[0] + rho*math.Cos(a), centre[1] + rho*math.Sin(a)})
				s.footprintsXY = append(s.footprintsXY, fp)
				s.footprintsLL = append(s.footprintsLL, toLL(fp))
			}
		}
	}
	for range facilities {
		p := orb.Point{(rng.Float64() - 0.5) * cell * float64(nx), (rng.Float64() - 0.5) * cell * float64(ny)}
		s.facilitiesXY = append(s.facilitiesXY, p)
		s.facilitiesLL = append(s.facilitiesLL, toLL(p))
	}
	return s
}

// BenchmarkJoinFootprintsToCompounds joins 100,000 footprints to 10,000 compounds (d = 0) in
// lon/lat, the goal of under a second.
func BenchmarkJoinFootprintsToCompounds(b *testing.B) {
	s := ovTheCity()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		pairs, err := Join(context.Background(), s.compoundsLL, s.footprintsLL, 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(pairs)
	}
	b.ReportMetric(float64(n), "pairs")
}

// BenchmarkJoinFootprintsToCompoundsPlanar is the same join on a district projected once.
func BenchmarkJoinFootprintsToCompoundsPlanar(b *testing.B) {
	s := ovTheCity()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		pairs, err := JoinPlanar(context.Background(), s.compoundsXY, s.footprintsXY, 0)
		if err != nil {
			b.Fatal(err)
		}
		n = len(pairs)
	}
	b.ReportMetric(float64(n), "pairs")
}

// BenchmarkJoinFacilitiesWithin500m finds, for each of the 10,000 compounds, the 20,000
// facility points within 500 m.
func BenchmarkJoinFacilitiesWithin500m(b *testing.B) {
	s := ovTheCity()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		pairs, err := Join(context.Background(), s.compoundsLL, s.facilitiesLL, 500)
		if err != nil {
			b.Fatal(err)
		}
		n = len(pairs)
	}
	b.ReportMetric(float64(n), "pairs")
}

// BenchmarkCoverageByPreparedCompounds is renovation's coverage pass on a projected district:
// for each footprint found by the join, the area inside its compound, through Prepared.
func BenchmarkCoverageByPreparedCompounds(b *testing.B) {
	s := ovTheCity()
	pairs, err := JoinPlanar(context.Background(), s.compoundsXY, s.footprintsXY, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var total float64
		var prep *Prepared
		last := -1
		for _, p := range pairs {
			if p.A != last {
				if prep, err = PreparePlanar(s.compoundsXY[p.A]); err != nil {
					b.Fatal(err)
				}
				last = p.A
			}
			a, err := prep.IntersectionArea(s.footprintsXY[p.B])
			if err != nil {
				b.Fatal(err)
			}
			total += a
		}
		if total <= 0 {
			b.Fatal("no area")
		}
	}
	b.ReportMetric(float64(len(pairs)), "pairs")
}

func BenchmarkIndexInsert100000(b *testing.B) {
	s := ovTheCity()
	bounds := make([]orb.Bound, len(s.footprintsLL))
	for i, g := range s.footprintsLL {
		bounds[i] = g.Bound()
	}
	b.ReportAllocs()
	for b.Loop() {
		var ix Index[int32]
		for i, bb := range bounds {
			ix.Insert(bb, int32(i))
		}
	}
}

func BenchmarkIndexSearch(b *testing.B) {
	s := ovTheCity()
	var ix Index[int32]
	for i, g := range s.footprintsLL {
		ix.Insert(g.Bound(), int32(i))
	}
	queries := make([]orb.Bound, len(s.compoundsLL))
	for i, g := range s.compoundsLL {
		queries[i] = g.Bound()
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		n := 0
		ix.Search(queries[i%len(queries)], func(orb.Bound, int32) bool { n++; return true })
		i++
	}
}

func BenchmarkIndexNearestGeodesic(b *testing.B) {
	s := ovTheCity()
	var ix Index[int32]
	for i, g := range s.facilitiesLL {
		ix.Insert(g.Bound(), int32(i))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := s.compoundsLL[i%len(s.compoundsLL)].Bound().Center()
		if len(ix.NearestGeodesic(p, 5)) != 5 {
			b.Fatal("short")
		}
		i++
	}
}
