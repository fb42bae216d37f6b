package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/paulmach/orb"
)

// rect is the planar rectangle [x0, x1] × [y0, y1] in metres, counter-clockwise.
func ovRect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// schoolHole is an L-shaped hole (a school inside a compound), clockwise: 20–30 × 20–50 plus
// 30–40 × 40–50, area 400 m².
var ovSchoolHole = orb.Ring{{20, 20}, {20, 50}, {40, 50}, {40, 40}, {30, 40}, {30, 20}, {20, 20}}

// overlayCase is one hand-computed overlay: a and b in metres and the exact areas.
type ovCase struct {
	name                   string
	a, b                   orb.Geometry
	inter, union, diff     float64 // areas of a∩b, a∪b, a−b in m²
	interParts, unionParts int     // polygons in a∩b and a∪b
}

var ovCases = []ovCase{
	{"shared edge", orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(100, 0, 200, 100)}, 0, 20000, 10000, 0, 1},
	{"containment", orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(25, 25, 75, 75)}, 2500, 10000, 7500, 1, 1},
	{"contained", orb.Polygon{ovRect(25, 25, 75, 75)}, orb.Polygon{ovRect(0, 0, 100, 100)}, 2500, 10000, 0, 1, 1},
	{"touching at a vertex", orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(100, 100, 200, 200)}, 0, 20000, 10000, 0, 2},
	{"partial overlap", orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(50, 50, 150, 150)}, 2500, 17500, 7500, 1, 1},
	{"identical", orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(0, 0, 100, 100)}, 10000, 10000, 0, 1, 1},
	{"compound with a school-shaped hole, footprint across the hole",
		orb.Polygon{ovRect(0, 0, 100, 100), ovSchoolHole}, orb.Polygon{ovRect(10, 10, 50, 30)}, 700, 9700, 8900, 1, 1},
	{"footprint inside the hole", orb.Polygon{ovRect(0, 0, 100, 100), ovSchoolHole}, orb.Polygon{ovRect(21, 21, 29, 49)}, 0, 9600 + 224, 9600, 0, 2},
	{"footprint filling the hole", orb.Polygon{ovRect(0, 0, 100, 100), ovSchoolHole}, orb.Polygon{ovReversed(ovSchoolHole)}, 0, 10000, 9600, 0, 1},
	{"disjoint", orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(300, 0, 400, 100)}, 0, 20000, 10000, 0, 2},
	{"multipolygon", orb.MultiPolygon{{ovRect(0, 0, 10, 10)}, {ovRect(20, 0, 30, 10)}}, orb.Polygon{ovRect(5, 0, 25, 10)}, 100, 300, 100, 2, 1},
	{"ring and bound", ovRect(0, 0, 100, 100), orb.Bound{Min: orb.Point{50, -50}, Max: orb.Point{150, 50}}, 2500, 17500, 7500, 1, 1},
}

// partsOf counts the polygons of an overlay result and checks its form.
func ovPartsOf(t *testing.T, g orb.Geometry) int {
	t.Helper()
	switch g := g.(type) {
	case orb.Polygon:
		return 1
	case orb.MultiPolygon:
		if len(g) == 1 {
			t.Errorf("a single polygon came back as a MultiPolygon")
		}
		return len(g)
	}
	t.Fatalf("result is %T", g)
	return 0
}

// checkWinding fails unless every exterior ring is counter-clockwise and every hole clockwise.
func ovCheckWinding(t *testing.T, g orb.Geometry, tm *TransverseMercator) {
	t.Helper()
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	}
	for _, p := range polys {
		for ri, r := range p {
			pr := slices.Clone(r)
			if tm != nil {
				for i := range pr {
					pr[i] = tm.Forward(pr[i])
				}
			}
			if a := shoelaceOfOverlay(pr); (ri == 0) != (a > 0) {
				t.Errorf("ring %d has signed area %v", ri, a)
			}
		}
	}
}

func TestOverlayPlanarHandComputed(t *testing.T) {
	for _, tc := range ovCases {
		t.Run(tc.name, func(t *testing.T) {
			inter, err := IntersectionPlanar(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			union, err := UnionPlanar(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			diff, err := DifferencePlanar(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what  string
				g     orb.Geometry
				area  float64
				parts int
			}{{"a∩b", inter, tc.inter, tc.interParts}, {"a∪b", union, tc.union, tc.unionParts}, {"a−b", diff, tc.diff, -1}} {
				if got := ovAreaOf(t, c.g); math.Abs(got-c.area) > 1e-9 {
					t.Errorf("area of %s = %v, want %v", c.what, got, c.area)
				}
				if n := ovPartsOf(t, c.g); c.parts >= 0 && n != c.parts {
					t.Errorf("%s has %d polygons, want %d", c.what, n, c.parts)
				}
				ovCheckWinding(t, c.g, nil)
				if err := ValidatePlanar(c.what, c.g, &ValidateOptions{SliverArea: -1, SliverWidth: -1}); err != nil && ovPartsOf(t, c.g) > 0 {
					t.Errorf("%s does not validate: %v", c.what, err)
				}
			}
			for _, c := range []struct {
				what string
				fn   func(a, b orb.Geometry) (float64, error)
				want float64
			}{{"IntersectionAreaPlanar", IntersectionAreaPlanar, tc.inter}, {"UnionAreaPlanar", UnionAreaPlanar, tc.union}, {"DifferenceAreaPlanar", DifferenceAreaPlanar, tc.diff}} {
				got, err := c.fn(tc.a, tc.b)
				if err != nil || math.Abs(got-c.want) > 1e-9 {
					t.Errorf("%s = %v, %v; want %v", c.what, got, err, c.want)
				}
			}
		})
	}
}

// areaOfResult is the planar area of an overlay result.
func ovAreaOf(t *testing.T, g orb.Geometry) float64 {
	t.Helper()
	if mp, ok := g.(orb.MultiPolygon); ok && len(mp) == 0 {
		return 0
	}
	var s flatShape
	if le := s.load(g, false, nil); le != nil {
		t.Fatalf("result: %v", le.what)
	}
	return s.planarArea()
}

func TestOverlayPlanarExactShapes(t *testing.T) {
	a, b := orb.Polygon{ovRect(0, 0, 100, 100)}, orb.Polygon{ovRect(50, 50, 150, 150)}
	got, err := IntersectionPlanar(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ovCanon(orb.Polygon{ovRect(50, 50, 100, 100)}), ovCanon(got.(orb.Polygon))); diff != "" {
		t.Errorf("a∩b (-want +got):\n%s", diff)
	}
	got, err = IntersectionPlanar(a, orb.Polygon{ovRect(300, 0, 400, 100)})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(orb.Geometry(orb.MultiPolygon{}), got); diff != "" {
		t.Errorf("empty result (-want +got):\n%s", diff)
	}
}

// canonPolygon starts each ring at its smallest vertex so that rings compare by shape.
func ovCanon(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		open := r[:len(r)-1]
		k := 0
		for j := range open {
			if pointLessOfSeg(open[j], open[k]) {
				k = j
			}
		}
		c := append(slices.Clone(open[k:]), open[:k]...)
		out[i] = append(c, c[0])
	}
	return out
}

// toLonLat maps a planar geometry through LocalTM(c).Inverse.
func ovToLonLat(g orb.Geometry, c orb.Point) orb.Geometry {
	tm := LocalTM(c)
	mapRing := func(r orb.Ring) orb.Ring {
		out := make(orb.Ring, len(r))
		for i, p := range r {
			out[i] = tm.Inverse(p)
		}
		return out
	}
	mapPoly := func(p orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, len(p))
		for i, r := range p {
			out[i] = mapRing(r)
		}
		return out
	}
	switch g := g.(type) {
	case orb.Ring:
		return mapRing(g)
	case orb.Polygon:
		return mapPoly(g)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = mapPoly(p)
		}
		return out
	case orb.Bound:
		return mapPoly(g.ToPolygon())
	}
	panic("toLonLat: unexpected type")
}

func TestOverlayLonLatHandComputed(t *testing.T) {
	// The same cases placed in Shanghai: the areas agree with the planar ones to the
	// distortion of a frame centred a few tens of metres away, (50 m / R)² ≈ 6e-11.
	c := orb.Point{121.5, 31.2}
	for _, tc := range ovCases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := ovToLonLat(tc.a, c), ovToLonLat(tc.b, c)
			for _, fc := range []struct {
				what  string
				geom  func(a, b orb.Geometry) (orb.Geometry, error)
				area  func(a, b orb.Geometry) (float64, error)
				want  float64
				parts int
			}{
				{"∩", Intersection, IntersectionArea, tc.inter, tc.interParts},
				{"∪", Union, UnionArea, tc.union, tc.unionParts},
				{"−", Difference, DifferenceArea, tc.diff, -1},
			} {
				g, err := fc.geom(a, b)
				if err != nil {
					t.Fatalf("%s: %v", fc.what, err)
				}
				if n := ovPartsOf(t, g); fc.parts >= 0 && n != fc.parts {
					t.Errorf("%s has %d polygons, want %d", fc.what, n, fc.parts)
				}
				ovCheckWinding(t, g, LocalTM(c))
				got, err := fc.area(a, b)
				if err != nil || math.Abs(got-fc.want) > 1e-6*math.Max(1, fc.want)*1e-3 {
					t.Errorf("area of a %s b = %.9f, %v; want %v", fc.what, got, err, fc.want)
				}
			}
		})
	}
}

func TestOverlayKeepsInputVertices(t *testing.T) {
	a := orb.Polygon{ovSquare}
	b := orb.Polygon{ovLLRing(5, 5, 15, 5, 15, 15, 5, 15, 5, 5)}
	g, err := Union(a, b)
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[orb.Point]bool{}
	for _, r := range append(slices.Clone(a), b...) {
		for _, p := range r {
			inputs[p] = true
		}
	}
	kept := 0
	for _, p := range g.(orb.Polygon)[0] {
		if inputs[p] {
			kept++
		}
	}
	// 8 ring vertices: 6 input corners (one repeated to close) and 2 new crossing points.
	if kept != 7 {
		t.Errorf("%d of the result's vertices are input vertices bit for bit, want 7: %v", kept, g)
	}
}

func TestUnionManyGrid(t *testing.T) {
	// 30 × 30 touching squares of 10 m: one square of 300 m, area 90000 m² exactly.
	var planar, lonlat []orb.Geometry
	c := orb.Point{121.5, 31.2}
	for i := range 30 {
		for j := range 30 {
			sq := orb.Polygon{ovRect(float64(i*10), float64(j*10), float64(i*10+10), float64(j*10+10))}
			planar = append(planar, sq)
			lonlat = append(lonlat, ovToLonLat(sq, c))
		}
	}
	g, err := UnionManyPlanar(planar)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := g.(orb.Polygon)
	if !ok || len(p) != 1 {
		t.Fatalf("union of the grid is %T with %v", g, g)
	}
	if a := ovAreaOf(t, g); a != 90000 {
		t.Errorf("area = %v, want 90000", a)
	}
	if a, err := UnionManyArea(lonlat); err != nil || math.Abs(a-90000) > 90000*1e-9 {
		t.Errorf("lon/lat area = %v, %v; want 90000 within 1e-9", a, err)
	}
	g, err = UnionManyPlanar(nil)
	if err != nil || !cmp.Equal(g, orb.Geometry(orb.MultiPolygon{})) {
		t.Errorf("union of nothing = %#v, %v", g, err)
	}
}

func TestOverlayRejectsInvalidInput(t *testing.T) {
	_, err := Intersection(orb.Polygon{ovBowtie}, orb.Polygon{ovSquare})
	var ge *GeometryError
	if !errors.As(err, &ge) || ge.Feature != "a" || ge.Kind != ErrSelfIntersection {
		t.Errorf("bow-tie: got %v", err)
	}
	_, err = UnionMany([]orb.Geometry{orb.Polygon{ovSquare}, orb.Polygon{ovSquare[:3]}, orb.LineString{ovLL(0, 0), ovLL(1, 1)}})
	got := ovProblemsOf(t, err)
	want := []ovProblem{ovWant(ErrUnclosedRing, -1, 0, 2), ovWant(ErrNotPolygonal, -1, -1, -1)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UnionMany problems (-want +got):\n%s", diff)
	}
	var es GeometryErrors
	if errors.As(err, &es); len(es) != 2 || es[0].Feature != "gs[1]" || es[1].Feature != "gs[2]" {
		t.Errorf("features named %v", err)
	}
	// Winding and repeated points are accepted.
	if _, err := Intersection(orb.Polygon{ovCW}, orb.Polygon{ovRepeated}); err != nil {
		t.Errorf("clockwise and repeated input: %v", err)
	}
	if _, err := IntersectionPlanar(orb.Polygon{ovRect(0, 0, 1, 1)}, orb.Polygon{{{0, 0}, {math.Inf(1), 0}, {1, 1}, {0, 0}}}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("infinite coordinate: %v", err)
	}
}

// randomStar returns a star-shaped polygon of n vertices with radii in [r/3, r] around c.
func ovRandomStar(rng *rand.Rand, c orb.Point, r float64, n int) orb.Polygon {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * (float64(i) + 0.8*rng.Float64()) / float64(n)
		rr := r * (1 + 2*rng.Float64()) / 3
		ring = append(ring, orb.Point{c[0] + rr*math.Cos(a), c[1] + rr*math.Sin(a)})
	}
	return orb.Polygon{append(ring, ring[0])}
}

func TestOverlayAreaProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 200 {
		a := ovRandomStar(rng, orb.Point{rng.Float64() * 50, rng.Float64() * 50}, 30+rng.Float64()*40, 5+rng.IntN(30))
		b := ovRandomStar(rng, orb.Point{rng.Float64() * 50, rng.Float64() * 50}, 30+rng.Float64()*40, 5+rng.IntN(30))
		if rng.IntN(4) == 0 {
			// Snap to a 1 m grid so that shared vertices and collinear edges occur.
			for _, p := range []orb.Polygon{a, b} {
				for i := range p[0] {
					p[0][i] = orb.Point{math.Round(p[0][i][0]), math.Round(p[0][i][1])}
				}
			}
			if ValidatePlanar("", a, &ValidateOptions{SliverArea: -1, SliverWidth: -1}) != nil ||
				ValidatePlanar("", b, &ValidateOptions{SliverArea: -1, SliverWidth: -1}) != nil {
				continue
			}
		}
		areaA, areaB := ovAreaOf(t, a), ovAreaOf(t, b)
		inter, err1 := IntersectionAreaPlanar(a, b)
		union, err2 := UnionAreaPlanar(a, b)
		diff, err3 := DifferenceAreaPlanar(a, b)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if inter > math.Min(areaA, areaB)*(1+1e-12) || inter < 0 {
			t.Errorf("trial %d: area(A∩B) = %v, areas %v and %v", trial, inter, areaA, areaB)
		}
		if want := areaA + areaB - inter; math.Abs(union-want) > 1e-9*want {
			t.Errorf("trial %d: area(A∪B) = %v, area A + area B − area(A∩B) = %v", trial, union, want)
		}
		if want := areaA - inter; math.Abs(diff-want) > 1e-9*areaA {
			t.Errorf("trial %d: area(A−B) = %v, want %v", trial, diff, want)
		}
	}
}

func TestBufferPoint(t *testing.T) {
	for _, q := range []int{0, 8, 16, 64} {
		qq := q
		if qq == 0 {
			qq = DefaultQuadrantSegments
		}
		want := 2 * float64(qq) * 100 * 100 * math.Sin(math.Pi/float64(2*qq)) // inscribed 4q-gon, r = 100 m
		g, err := BufferPlanar(orb.Point{500, 500}, 100, &BufferOptions{QuadrantSegments: q})
		if err != nil {
			t.Fatal(err)
		}
		got := ovAreaOf(t, g)
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("q=%d: area %v, want the 4q-gon's %v", qq, got, want)
		}
		if rel := (math.Pi*1e4 - got) / (math.Pi * 1e4); rel < 0 || rel > math.Pi*math.Pi/(24*float64(qq*qq))*1.01 {
			t.Errorf("q=%d: shortfall %v beyond π²/(24q²)", qq, rel)
		}
	}
	// In lon/lat, a 100 m circle in Shanghai.
	g, err := Buffer(orb.Point{121.5, 31.2}, 100, &BufferOptions{QuadrantSegments: 16})
	if err != nil {
		t.Fatal(err)
	}
	var s flatShape
	s.load(g, true, LocalTM(orb.Point{121.5, 31.2}))
	if want := 2 * 16 * 1e4 * math.Sin(math.Pi/32); math.Abs(s.planarArea()-want) > 1e-6 {
		t.Errorf("lon/lat circle area %v, want %v", s.planarArea(), want)
	}
}

func TestBufferSquare(t *testing.T) {
	// A square of side s buffered by d: s² + 4sd + (area of the 4q-gon of radius d, the
	// rounded corners); ≈ s² + 4sd + πd².
	const s, d = 40.0, 10.0
	q := 16
	want := s*s + 4*s*d + 2*float64(q)*d*d*math.Sin(math.Pi/float64(2*q))
	g, err := BufferPlanar(orb.Polygon{ovRect(0, 0, s, s)}, d, &BufferOptions{QuadrantSegments: q})
	if err != nil {
		t.Fatal(err)
	}
	if got := ovAreaOf(t, g); math.Abs(got-want) > 1e-6 {
		t.Errorf("area %v, want %v (πd² version %v)", got, want, s*s+4*s*d+math.Pi*d*d)
	}
	// Inward buffer: (s − 2d)².
	g, err = BufferPlanar(orb.Polygon{ovRect(0, 0, s, s)}, -d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ovAreaOf(t, g); math.Abs(got-(s-2*d)*(s-2*d)) > 1e-9 {
		t.Errorf("inward area %v, want %v", got, (s-2*d)*(s-2*d))
	}
	// A line of 100 m buffered by 5 m: a stadium 100 × 10 plus the round ends.
	g, err = BufferPlanar(orb.LineString{{0, 0}, {100, 0}}, 5, &BufferOptions{QuadrantSegments: q})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ovAreaOf(t, g), 1000+2*float64(q)*25*math.Sin(math.Pi/float64(2*q)); math.Abs(got-want) > 1e-6 {
		t.Errorf("line buffer area %v, want %v", got, want)
	}
	if _, err := BufferPlanar(orb.Point{0, 0}, math.NaN(), nil); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN distance: %v", err)
	}
	if g, err := BufferPlanar(orb.Point{0, 0}, -1, nil); err != nil || !cmp.Equal(g, orb.Geometry(orb.MultiPolygon{}), cmpopts.EquateEmpty()) {
		t.Errorf("negative buffer of a point = %v, %v", g, err)
	}
}

func TestOverlayEdgesCollinearInDegrees(t *testing.T) {
	// Two parcels share the parallel 31.2005°N from 121.500° to 121.502° (190 m); the northern
	// one has an extra vertex on it. Straight in degrees, the shared edges are not straight in
	// the frame: the engine sees a sliver 0.4 mm wide between them, which must not come back.
	south := orb.Polygon{{{121.500, 31.2000}, {121.502, 31.2000}, {121.502, 31.2005}, {121.500, 31.2005}, {121.500, 31.2000}}}
	north := orb.Polygon{{{121.500, 31.2005}, {121.5013, 31.2005}, {121.502, 31.2005}, {121.502, 31.2010}, {121.500, 31.2010}, {121.500, 31.2005}}}
	inter, err := Intersection(south, north)
	if err != nil || !cmp.Equal(inter, orb.Geometry(orb.MultiPolygon{})) {
		t.Errorf("intersection = %v, %v; want empty", inter, err)
	}
	if a, err := IntersectionArea(south, north); err != nil || a != 0 {
		t.Errorf("intersection area = %v, %v", a, err)
	}
	union, err := Union(south, north)
	if p, ok := union.(orb.Polygon); err != nil || !ok || len(p) != 1 {
		t.Errorf("union = %v, %v; want one polygon without holes", union, err)
	}
	// A real thin ring is kept: 1,000 km by 25 cm in the plane.
	thin := orb.Polygon{{{4, 4}, {-1e9, 6.25}, {0, 4.25}, {4, 4}}}
	if a, err := IntersectionAreaPlanar(thin, thin); err != nil || math.Abs(a-1.24999996e8) > 1 {
		t.Errorf("thin triangle A∩A area = %v, %v", a, err)
	}
}
