package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// grid points near Lujiazui: one unit is 1e-4° (about 9.5 m east, 11.1 m north).
func ovLL(x, y float64) orb.Point { return orb.Point{121.5 + x*1e-4, 31.2 + y*1e-4} }

// llRing builds a ring from (x, y) grid pairs.
func ovLLRing(xy ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, ovLL(xy[i], xy[i+1]))
	}
	return r
}

// xyRing builds a planar ring from (x, y) pairs in metres.
func ovXYRing(xy ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, orb.Point{xy[i], xy[i+1]})
	}
	return r
}

// problem is the part of a GeometryError the tables compare.
type ovProblem struct {
	Kind                 string
	Polygon, Ring, Vertx int
}

func ovProblemsOf(t *testing.T, err error) []ovProblem {
	t.Helper()
	if err == nil {
		return nil
	}
	var es GeometryErrors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not a GeometryErrors", err, err)
	}
	var out []ovProblem
	for _, e := range es {
		out = append(out, ovProblem{e.Kind.Error(), e.Polygon, e.Ring, e.Vertex})
	}
	return out
}

func ovWant(kind error, poly, ring, vertex int) ovProblem {
	return ovProblem{kind.Error(), poly, ring, vertex}
}

var (
	ovSquare   = ovLLRing(0, 0, 10, 0, 10, 10, 0, 10, 0, 0)         // about 95 m × 111 m, CCW
	ovHole     = ovLLRing(2, 2, 2, 5, 4, 5, 4, 4, 3, 4, 3, 2, 2, 2) // an L-shaped school, CW
	ovHole2    = ovLLRing(6, 6, 6, 8, 8, 8, 8, 6, 6, 6)             // CW
	ovFar      = ovLLRing(20, 0, 30, 0, 30, 10, 20, 10, 20, 0)      // CCW, east of llSquare
	ovCW       = ovLLRing(0, 0, 0, 10, 10, 10, 10, 0, 0, 0)         // llSquare clockwise
	ovBowtie   = ovLLRing(0, 0, 10, 10, 10, 0, 0, 10, 0, 0)         // edges 0–1 and 2–3 cross at (5, 5)
	ovFigure8  = ovLLRing(0, 0, 4, 0, 2, 2, 4, 4, 0, 4, 2, 2, 0, 0) // passes through (2, 2) twice
	ovNaNRing  = orb.Ring{ovLL(0, 0), ovLL(10, 0), {math.NaN(), 31.2}, ovLL(0, 10), ovLL(0, 0)}
	ovInfRing  = orb.Ring{ovLL(0, 0), ovLL(10, 0), ovLL(10, 10), {121.5, math.Inf(1)}, ovLL(0, 0)}
	ovSwapped  = orb.Ring{{39.9, 116.4}, {39.9, 116.41}, {39.91, 116.41}, {39.91, 116.4}, {39.9, 116.4}}
	ovLonOver  = orb.Ring{ovLL(0, 0), {190, 31.2}, ovLL(10, 10), ovLL(0, 10), ovLL(0, 0)}
	ovMetres   = orb.Ring{{448000, 4418000}, {448100, 4418000}, {448100, 4418100}, {448000, 4418000}}
	ovRepeated = ovLLRing(0, 0, 10, 0, 10, 0, 10, 0, 10, 10, 0, 10, 0, 0)
	ovUnclosed = ovLLRing(0, 0, 10, 0, 10, 10, 0, 10)
)

func TestValidateTable(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		opt  *ValidateOptions
		want []ovProblem
	}{
		{"square", orb.Polygon{ovSquare}, nil, nil},
		{"ring", ovSquare, nil, nil},
		{"bound", orb.Bound{Min: ovLL(0, 0), Max: ovLL(10, 10)}, nil, nil},
		{"compound with a school-shaped hole", orb.Polygon{ovSquare, ovHole}, nil, nil},
		{"two holes", orb.Polygon{ovSquare, ovHole, ovHole2}, nil, nil},
		{"multipolygon apart", orb.MultiPolygon{{ovSquare}, {ovFar}}, nil, nil},
		{"multipolygon touching at a corner", orb.MultiPolygon{{ovSquare}, {ovLLRing(10, 10, 20, 10, 20, 20, 10, 20, 10, 10)}}, nil, nil},
		{"island in a hole of another polygon", orb.MultiPolygon{{ovSquare, ovHole2}, {ovLLRing(6.5, 6.5, 7.5, 6.5, 7.5, 7.5, 6.5, 7.5, 6.5, 6.5)}}, nil, nil},
		{"hole touching the shell at one point", orb.Polygon{ovSquare, ovLLRing(0, 5, 3, 7, 3, 3, 0, 5)}, nil, nil},

		{"nil", nil, nil, []ovProblem{ovWant(ErrEmpty, -1, -1, -1)}},
		{"empty polygon", orb.Polygon{}, nil, []ovProblem{ovWant(ErrEmpty, -1, -1, -1)}},
		{"empty multipolygon", orb.MultiPolygon{}, nil, []ovProblem{ovWant(ErrEmpty, -1, -1, -1)}},
		{"empty member", orb.MultiPolygon{{ovSquare}, {}}, nil, []ovProblem{ovWant(ErrEmpty, 1, -1, -1)}},
		{"line", orb.LineString{ovLL(0, 0), ovLL(1, 1)}, nil, []ovProblem{ovWant(ErrNotPolygonal, -1, -1, -1)}},
		{"collection", orb.Collection{orb.Polygon{ovSquare}}, nil, []ovProblem{ovWant(ErrNotPolygonal, -1, -1, -1)}},
		{"ring without points", orb.Polygon{{}}, nil, []ovProblem{ovWant(ErrTooFewPoints, -1, 0, -1)}},
		{"one point", orb.Polygon{{ovLL(0, 0)}}, nil, []ovProblem{ovWant(ErrTooFewPoints, -1, 0, -1)}},
		{"two points closed", orb.Polygon{{ovLL(0, 0), ovLL(1, 0), ovLL(0, 0)}}, nil, []ovProblem{ovWant(ErrTooFewPoints, -1, 0, -1)}},
		{"three points unclosed", orb.Polygon{{ovLL(0, 0), ovLL(10, 0), ovLL(10, 10)}}, nil, []ovProblem{ovWant(ErrUnclosedRing, -1, 0, 2)}},
		{"unclosed", orb.Polygon{ovUnclosed}, nil, []ovProblem{ovWant(ErrUnclosedRing, -1, 0, 3)}},
		{"NaN", orb.Polygon{ovNaNRing}, nil, []ovProblem{ovWant(ErrNotFinite, -1, 0, 2)}},
		{"Inf", orb.Polygon{ovInfRing}, nil, []ovProblem{ovWant(ErrNotFinite, -1, 0, 3)}},
		{"longitude 190", orb.Polygon{ovLonOver}, nil, []ovProblem{ovWant(ErrLonLatRange, -1, 0, 1)}},
		{"lat/lon swapped", orb.Polygon{ovSwapped}, nil, []ovProblem{ovWant(ErrSwappedLonLat, -1, 0, 0)}},
		{"projected metres", orb.Polygon{ovMetres}, nil, []ovProblem{
			ovWant(ErrLonLatRange, -1, 0, 0), ovWant(ErrLonLatRange, -1, 0, 1), ovWant(ErrLonLatRange, -1, 0, 2), ovWant(ErrLonLatRange, -1, 0, 3)}},
		{"repeated points", orb.Polygon{ovRepeated}, nil, []ovProblem{ovWant(ErrRepeatedPoint, -1, 0, 2)}},
		{"repeated closing point", orb.Polygon{append(slices.Clone(ovSquare), ovSquare[0])}, nil, []ovProblem{ovWant(ErrRepeatedPoint, -1, 0, 5)}},
		{"clockwise shell", orb.Polygon{ovCW}, nil, []ovProblem{ovWant(ErrWrongWinding, -1, 0, -1)}},
		{"counter-clockwise hole", orb.Polygon{ovSquare, ovReversed(ovHole)}, nil, []ovProblem{ovWant(ErrWrongWinding, -1, 1, -1)}},
		{"bow-tie", orb.Polygon{ovBowtie}, nil, []ovProblem{ovWant(ErrSelfIntersection, -1, 0, 0)}},
		{"figure eight", orb.Polygon{ovFigure8}, nil, []ovProblem{
			ovWant(ErrSelfIntersection, -1, 0, 1), ovWant(ErrSelfIntersection, -1, 0, 1), ovWant(ErrSelfIntersection, -1, 0, 2), ovWant(ErrSelfIntersection, -1, 0, 2)}},
		{"spike", orb.Polygon{ovLLRing(0, 0, 10, 0, 10, 10, 5, 10, 5, 15, 5, 10, 0, 10, 0, 0)}, &ValidateOptions{SliverArea: -1, SliverWidth: -1}, []ovProblem{
			ovWant(ErrSelfIntersection, -1, 0, 2), ovWant(ErrSelfIntersection, -1, 0, 2), ovWant(ErrSelfIntersection, -1, 0, 3), ovWant(ErrSelfIntersection, -1, 0, 3)}},
		{"hole outside the shell", orb.Polygon{ovSquare, ovReversed(ovLLRing(20, 0, 22, 0, 22, 2, 20, 2, 20, 0))}, nil, []ovProblem{ovWant(ErrHoleOutsideShell, -1, 1, 0)}},
		{"hole outside the shell, bounds overlapping", orb.Polygon{ovLLRing(0, 0, 10, 0, 0, 10, 0, 0), ovLLRing(8, 8, 8, 9, 9, 9, 9, 8, 8, 8)}, nil, []ovProblem{ovWant(ErrHoleOutsideShell, -1, 1, 0)}},
		{"hole crossing the shell", orb.Polygon{ovSquare, ovLLRing(8, 2, 8, 4, 12, 4, 12, 2, 8, 2)}, nil, []ovProblem{ovWant(ErrHoleOutsideShell, -1, 1, 1)}},
		{"hole sharing a shell edge", orb.Polygon{ovSquare, ovLLRing(0, 2, 0, 4, 2, 4, 2, 2, 0, 2)}, nil, []ovProblem{ovWant(ErrHoleOutsideShell, -1, 1, 0)}},
		{"holes crossing", orb.Polygon{ovSquare, ovHole2, ovLLRing(7, 7, 7, 9, 9, 9, 9, 7, 7, 7)}, nil, []ovProblem{ovWant(ErrHolesOverlap, -1, 1, 1)}},
		{"hole inside a hole", orb.Polygon{ovSquare, ovHole2, ovLLRing(6.5, 6.5, 6.5, 7.5, 7.5, 7.5, 7.5, 6.5, 6.5, 6.5)}, nil, []ovProblem{ovWant(ErrHolesOverlap, -1, 2, 0)}},
		{"hole touching the shell at two points", orb.Polygon{ovSquare, ovLLRing(0, 5, 5, 10, 5, 5, 0, 5)}, nil, []ovProblem{ovWant(ErrInteriorDisconnected, -1, 1, -1)}},
		{"two holes and the shell touching in a cycle", orb.Polygon{ovSquare, ovLLRing(0, 5, 5, 7, 5, 3, 0, 5), ovLLRing(5, 7, 10, 5, 6, 4, 5, 7)}, nil, []ovProblem{ovWant(ErrInteriorDisconnected, -1, 2, -1)}},
		{"polygons overlapping", orb.MultiPolygon{{ovSquare}, {ovLLRing(5, 5, 15, 5, 15, 15, 5, 15, 5, 5)}}, nil, []ovProblem{ovWant(ErrPolygonsOverlap, 0, 0, 1)}},
		{"polygon inside another", orb.MultiPolygon{{ovSquare}, {ovLLRing(2, 2, 4, 2, 4, 4, 2, 4, 2, 2)}}, nil, []ovProblem{ovWant(ErrPolygonsOverlap, 1, 0, 0)}},
		{"polygons sharing an edge", orb.MultiPolygon{{ovSquare}, {ovLLRing(10, 0, 20, 0, 20, 10, 10, 10, 10, 0)}}, nil, []ovProblem{ovWant(ErrPolygonsOverlap, 0, 0, 1)}},
		{"sliver by area", orb.Polygon{{ovLL(0, 0), ovLL(0.01, 0), ovLL(0, 0.01), ovLL(0, 0)}}, nil, []ovProblem{ovWant(ErrSliver, -1, 0, 0)}},
		{"sliver by width", orb.Polygon{{ovLL(0, 0), ovLL(10, 0), ovLL(10, 0.0005), ovLL(0, 0.0005), ovLL(0, 0)}}, nil, []ovProblem{ovWant(ErrSliver, -1, 0, 0)}},
		{"sliver tests off", orb.Polygon{{ovLL(0, 0), ovLL(10, 0), ovLL(10, 0.0005), ovLL(0, 0.0005), ovLL(0, 0)}}, &ValidateOptions{SliverArea: -1, SliverWidth: -1}, nil},
		{"sliver below a raised area tolerance", orb.Polygon{ovSquare}, &ValidateOptions{SliverArea: 20000}, []ovProblem{ovWant(ErrSliver, -1, 0, 0)}},
		{"everything at once", orb.MultiPolygon{{ovCW[:4]}, {append(slices.Clone(ovFar), ovFar[4])}, {ovNaNRing}}, nil, []ovProblem{
			ovWant(ErrWrongWinding, 0, 0, -1), ovWant(ErrUnclosedRing, 0, 0, 3), ovWant(ErrRepeatedPoint, 1, 0, 5), ovWant(ErrNotFinite, 2, 0, 2)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate("f", tc.g, tc.opt)
			got := ovProblemsOf(t, err)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Validate problems (-want +got):\n%s\nerror: %v", diff, err)
			}
			for _, want := range tc.want {
				if !errors.Is(err, ovKindByName(want.Kind)) {
					t.Errorf("errors.Is(err, %q) = false", want.Kind)
				}
			}
		})
	}
}

func ovKindByName(s string) error {
	for _, k := range []error{ErrEmpty, ErrNotPolygonal, ErrUnsupportedGeometry, ErrTooFewPoints, ErrUnclosedRing,
		ErrNotFinite, ErrLonLatRange, ErrSwappedLonLat, ErrRepeatedPoint, ErrWrongWinding, ErrSelfIntersection,
		ErrHoleOutsideShell, ErrHolesOverlap, ErrInteriorDisconnected, ErrPolygonsOverlap, ErrSliver, ErrOverlay} {
		if k.Error() == s {
			return k
		}
	}
	return nil
}

func ovReversed(r orb.Ring) orb.Ring {
	c := slices.Clone(r)
	slices.Reverse(c)
	return c
}

func TestValidateMessages(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		want string
	}{
		{"bow-tie", orb.Polygon{ovBowtie},
			`feature "南园小区": ring 0 vertex 0 at (121.5005000, 31.2005000): self-intersection: edge 0–1 crosses edge 2–3`},
		{"unclosed", orb.MultiPolygon{{ovSquare}, {ovFar[:4]}},
			`feature "南园小区": polygon 1 ring 0 vertex 3 at (121.5020000, 31.2010000): ring not closed: last vertex (121.5020000, 31.2010000) differs from first vertex (121.5020000, 31.2000000)`},
		{"swapped", orb.Polygon{ovSwapped},
			`feature "南园小区": ring 0 vertex 0 at (39.9000000, 116.4000000): latitude and longitude probably swapped: latitude 116.4 is out of range at 5 of 5 vertices, and with each point's numbers swapped the ring lies in China: this looks like lat, lon order; write (116.4, 39.9), i.e. longitude first`},
		{"empty", nil, `feature "南园小区": empty geometry: nil geometry`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate("南园小区", tc.g, nil)
			if err == nil || err.Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestValidateErrorsAs(t *testing.T) {
	err := Validate("A-17", orb.MultiPolygon{{ovBowtie}, {ovCW}}, nil)
	var ge *GeometryError
	if !errors.As(err, &ge) {
		t.Fatalf("errors.As(*GeometryError) failed on %v", err)
	}
	if ge.Feature != "A-17" || ge.Kind != ErrSelfIntersection || ge.Polygon != 0 || ge.Vertex != 0 || ge.OtherVertex != 2 {
		t.Errorf("first problem = %+v", ge)
	}
	if want := ovLL(5, 5); math.Abs(ge.Where[0]-want[0]) > 1e-12 || math.Abs(ge.Where[1]-want[1]) > 1e-12 {
		t.Errorf("crossing at %v, want %v", ge.Where, want)
	}
	if !errors.Is(err, ErrWrongWinding) || errors.Is(err, ErrSliver) {
		t.Errorf("errors.Is on the list: wrong answers for %v", err)
	}
}

func TestValidatePlanar(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		want []ovProblem
	}{
		{"metres are fine in the plane", orb.Polygon{ovXYRing(448000, 4418000, 448100, 4418000, 448100, 4418100, 448000, 4418000)}, nil},
		{"huge coordinates", orb.Polygon{ovXYRing(0, 0, 1e300, 0, 1e300, 1e300, 0, 1e300, 0, 0)}, []ovProblem{
			ovWant(ErrLonLatRange, -1, 0, 1), ovWant(ErrLonLatRange, -1, 0, 2), ovWant(ErrLonLatRange, -1, 0, 3)}},
		{"large coordinates", orb.Polygon{ovXYRing(0, 0, 1e12, 0, 1e12, 1e12, 0, 1e12, 0, 0)}, nil},
		{"large bow-tie", orb.Polygon{ovXYRing(-1e12, -1e12, 1e12, 1e12, 1e12, -1e12, -1e12, 1e12, -1e12, -1e12)}, []ovProblem{ovWant(ErrSelfIntersection, -1, 0, 0)}},
		{"tiny coordinates", orb.Polygon{ovXYRing(0, 0, 1e-300, 0, 1e-300, 1e-300, 0, 0)}, []ovProblem{ovWant(ErrSliver, -1, 0, 0)}},
		{"sliver in square metres", orb.Polygon{ovXYRing(0, 0, 1, 0, 1, 0.5, 0, 0.5, 0, 0)}, []ovProblem{ovWant(ErrSliver, -1, 0, 0)}},
		{"one square metre is not a sliver", orb.Polygon{ovXYRing(0, 0, 1, 0, 1, 1, 0, 1, 0, 0)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ovProblemsOf(t, ValidatePlanar("", tc.g, nil))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ValidatePlanar problems (-want +got):\n%s", diff)
			}
		})
	}
}

// starRing returns a star-shaped (hence simple) ring of n vertices around c with radii in
// [r/2, r], counter-clockwise, closed.
func ovStarRing(rng *rand.Rand, c orb.Point, r float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		rr := r * (0.5 + 0.5*rng.Float64())
		ring = append(ring, orb.Point{c[0] + rr*math.Cos(a), c[1] + rr*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func TestValidateLargeRing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ring := ovStarRing(rng, orb.Point{0, 0}, 1000, 5000)
	if err := ValidatePlanar("star", orb.Polygon{ring}, nil); err != nil {
		t.Fatalf("a star-shaped ring of 5000 vertices: %v", err)
	}
	// Pull vertex 2500 across the centre: its two edges now cross many others.
	bad := slices.Clone(ring)
	bad[2500] = orb.Point{900, 1}
	got := ovProblemsOf(t, ValidatePlanar("star", orb.Polygon{bad}, nil))
	if len(got) == 0 {
		t.Fatal("no self-intersection found")
	}
	for _, g := range got {
		if g.Kind != ErrSelfIntersection.Error() {
			t.Errorf("unexpected %+v", g)
		}
	}
}

// bruteSelfCrossings lists (i, j) edge pairs of a closed ring that meet, other than neighbours
// sharing their vertex, testing every pair.
func ovBruteSelfCrossings(r orb.Ring) [][2]int {
	n := len(r) - 1
	var out [][2]int
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			rel, _ := segRelate(r[i], r[i+1], r[j], r[j+1])
			adjacent := j == i+1 || (i == 0 && j == n-1)
			if rel == segDisjoint || (adjacent && rel != segOverlap) {
				continue
			}
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

func TestValidateSweepMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		n := 33 + rng.IntN(120)
		ring := make(orb.Ring, n, n+1)
		for i := range ring {
			// A coarse grid makes touching and collinear cases common.
			ring[i] = orb.Point{float64(rng.IntN(40)), float64(rng.IntN(40))}
		}
		ring = append(ring, ring[0])
		// Keep rings without repeated points so the brute force needs no renumbering.
		ok := true
		for i := 1; i < len(ring); i++ {
			if ring[i] == ring[i-1] {
				ok = false
			}
		}
		if !ok {
			continue
		}
		want := ovBruteSelfCrossings(ring)
		if len(want) >= maxIntersectionErrors {
			continue
		}
		var got [][2]int
		var es GeometryErrors
		errors.As(ValidatePlanar("", orb.Polygon{ring}, &ValidateOptions{SliverArea: -1, SliverWidth: -1}), &es)
		for _, e := range es {
			if e.Kind == ErrSelfIntersection {
				got = append(got, [2]int{e.Vertex, e.OtherVertex})
			}
		}
		slices.SortFunc(got, func(a, b [2]int) int {
			if a[0] != b[0] {
				return a[0] - b[0]
			}
			return a[1] - b[1]
		})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("trial %d, %d vertices: sweep and brute force differ (-brute +sweep):\n%s", trial, n, diff)
		}
	}
}
