package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/peterstace/simplefeatures/geom"
)

// benchPoints returns points scattered over a polygon's bound, a third of them outside.
func ovBenchPoints(rng *rand.Rand, b orb.Bound, n int) []orb.Point {
	pts := make([]orb.Point, n)
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	for i := range pts {
		pts[i] = orb.Point{b.Min[0] - w/4 + rng.Float64()*w*1.5, b.Min[1] - h/4 + rng.Float64()*h*1.5}
	}
	return pts
}

// benchmarkPIP runs point-in-polygon on a compound of n vertices (planar metres) four ways.
func ovBenchmarkPIP(b *testing.B, n int) {
	rng := rand.New(rand.NewPCG(61, 62))
	poly := ovRandomStar(rng, orb.Point{0, 0}, 150, n)
	pts := ovBenchPoints(rng, poly.Bound(), 4096)
	b.Run("prepared", func(b *testing.B) {
		pp, err := PreparePlanar(poly)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			pp.LocatePoint(pts[i&4095])
			i++
		}
	})
	b.Run("unprepared/orb-planar", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			planar.PolygonContains(poly, pts[i&4095])
			i++
		}
	})
	b.Run("unprepared/exact-ray", func(b *testing.B) {
		var s flatShape
		s.load(poly, false, nil)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			s.locateBrute(pts[i&4095])
			i++
		}
	})
	b.Run("simplefeatures-prepared", func(b *testing.B) {
		sp, err := geom.Prepare(ovSF(poly))
		if err != nil {
			b.Fatal(err)
		}
		sfPts := make([]geom.Geometry, len(pts))
		for i, p := range pts {
			sfPts[i] = geom.NewPointXY(p[0], p[1]).AsGeometry()
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			sp.Intersects(sfPts[i&4095])
			i++
		}
	})
}

func BenchmarkPointInPolygon50(b *testing.B)   { ovBenchmarkPIP(b, 50) }
func BenchmarkPointInPolygon1000(b *testing.B) { ovBenchmarkPIP(b, 1000) }

// footprint20 is a 20-vertex footprint of about 20 m straddling the edge of compound50, a
// 50-vertex compound of about 100 m radius (planar metres).
func ovFootprint20AndCompound50() (orb.Polygon, orb.Polygon) {
	rng := rand.New(rand.NewPCG(63, 64))
	compound := ovRandomStar(rng, orb.Point{0, 0}, 100, 50)
	fp := make(orb.Ring, 0, 21)
	for k := range 20 {
		a := 2 * math.Pi * float64(k) / 20
		r := 20.0
		if k%2 == 1 {
			r = 14 // a crenellated, non-convex outline
		}
		fp = append(fp, orb.Point{70 + r*math.Cos(a), r * math.Sin(a)})
	}
	fp = append(fp, fp[0])
	return orb.Polygon{fp}, compound
}

func BenchmarkIntersectionFootprint20Compound50(b *testing.B) {
	fp, compound := ovFootprint20AndCompound50()
	c := orb.Point{121.5, 31.2}
	fpLL, compoundLL := ovToLonLat(fp, c), ovToLonLat(compound, c)
	if a, _ := IntersectionAreaPlanar(fp, compound); a <= 0 || a >= ovAreaOfShape(fp) {
		b.Fatalf("footprint does not cross the compound: %v", a)
	}
	b.Run("planar", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := IntersectionPlanar(fp, compound); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lonlat", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Intersection(fpLL, compoundLL); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prepared-area", func(b *testing.B) {
		pp, err := PreparePlanar(compound)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := pp.IntersectionArea(fp); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prepared-area-convex", func(b *testing.B) {
		// A 20-gon footprint that is convex takes the clipping path.
		convex := make(orb.Ring, 0, 21)
		for k := range 20 {
			a := 2 * math.Pi * float64(k) / 20
			convex = append(convex, orb.Point{70 + 20*math.Cos(a), 20 * math.Sin(a)})
		}
		convex = append(convex, convex[0])
		pp, err := PreparePlanar(compound)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := pp.IntersectionArea(orb.Polygon{convex}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prepared-area-inside", func(b *testing.B) {
		pp, err := PreparePlanar(compound)
		if err != nil {
			b.Fatal(err)
		}
		inside := orb.Polygon{ovRect(-10, -10, 10, 10)}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := pp.IntersectionArea(inside); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func ovAreaOfShape(g orb.Geometry) float64 {
	var s flatShape
	s.load(g, false, nil)
	return s.planarArea()
}
