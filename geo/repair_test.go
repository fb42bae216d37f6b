package geo

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

func TestRepairTable(t *testing.T) {
	holeCCW := ovReversed(ovHole)
	tests := []struct {
		name      string
		g         orb.Geometry
		want      orb.Geometry
		wantFixed []ovProblem
		wantErr   []ovProblem
	}{
		{"valid input comes back as it is", orb.Polygon{ovSquare, ovHole}, orb.Polygon{ovSquare, ovHole}, nil, nil},
		{"close", orb.Polygon{ovUnclosed}, orb.Polygon{ovSquare}, []ovProblem{ovWant(ErrUnclosedRing, -1, 0, 3)}, nil},
		{"dedupe", orb.Polygon{ovRepeated}, orb.Polygon{ovSquare}, []ovProblem{ovWant(ErrRepeatedPoint, -1, 0, 2)}, nil},
		{"rewind shell", orb.Polygon{ovCW}, orb.Polygon{ovSquare}, []ovProblem{ovWant(ErrWrongWinding, -1, 0, -1)}, nil},
		{"rewind hole", orb.Polygon{ovSquare, holeCCW}, orb.Polygon{ovSquare, ovHole}, []ovProblem{ovWant(ErrWrongWinding, -1, 1, -1)}, nil},
		{"ring", ovCW, ovSquare, []ovProblem{ovWant(ErrWrongWinding, -1, 0, -1)}, nil},
		{"all three in a multipolygon",
			orb.MultiPolygon{{ovCW[:4]}, {append(slices.Clone(ovFar), ovFar[4])}},
			orb.MultiPolygon{{ovSquare}, {ovFar}},
			[]ovProblem{ovWant(ErrWrongWinding, 0, 0, -1), ovWant(ErrUnclosedRing, 0, 0, 3), ovWant(ErrRepeatedPoint, 1, 0, 5)}, nil},
		{"unclosed and repeated at the end", orb.Polygon{ovLLRing(0, 0, 10, 0, 10, 10, 0, 10, 0, 10)}, orb.Polygon{ovSquare},
			[]ovProblem{ovWant(ErrRepeatedPoint, -1, 0, 4), ovWant(ErrUnclosedRing, -1, 0, 4)}, nil},
		{"bow-tie is not repaired", orb.Polygon{ovBowtie}, nil, nil, []ovProblem{ovWant(ErrSelfIntersection, -1, 0, 0)}},
		{"swap is suggested, not made", orb.Polygon{ovSwapped}, nil, nil, []ovProblem{ovWant(ErrSwappedLonLat, -1, 0, 0)}},
		{"fixable and unfixable: only the unfixable are reported", orb.MultiPolygon{{ovCW}, {ovLLRing(20, 0, 30, 10, 30, 0, 20, 10, 20, 0)}}, nil, nil,
			[]ovProblem{ovWant(ErrSelfIntersection, 1, 0, 0)}},
		{"repeats leaving too few points", orb.Polygon{ovLLRing(0, 0, 1, 0, 1, 0, 0, 0)}, nil, nil, []ovProblem{ovWant(ErrTooFewPoints, -1, 0, -1)}},
		{"nil", nil, nil, nil, []ovProblem{ovWant(ErrEmpty, -1, -1, -1)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, fixed, err := Repair("f", tc.g, nil)
			if diff := cmp.Diff(tc.wantErr, ovProblemsOf(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s\n%v", diff, err)
			}
			var fixedAsErr error
			if len(fixed) > 0 {
				fixedAsErr = fixed
			}
			if diff := cmp.Diff(tc.wantFixed, ovProblemsOf(t, fixedAsErr)); diff != "" {
				t.Errorf("fixed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("geometry (-want +got):\n%s", diff)
			}
			if err == nil {
				if verr := Validate("f", got, nil); verr != nil {
					t.Errorf("repaired geometry does not validate: %v", verr)
				}
			}
		})
	}
}

func TestRepairDoesNotModifyInput(t *testing.T) {
	in := orb.Polygon{slices.Clone(ovCW)}
	if _, _, err := Repair("", in, nil); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(orb.Polygon{ovCW}, in); diff != "" {
		t.Errorf("input changed:\n%s", diff)
	}
}

// fuzzRingsOf decodes bytes into up to three rings of up to 64 points. Coordinates come from a
// small grid (so that repeats, touches and collinear edges are common), with a few bytes giving
// NaN, ±Inf and huge values.
func ovFuzzRings(data []byte) orb.Polygon {
	var poly orb.Polygon
	var ring orb.Ring
	for len(data) >= 2 && len(poly) < 3 {
		b0, b1 := data[0], data[1]
		data = data[2:]
		if b0 == 0xFF {
			// End of ring; the low bits of b1 say whether to close it.
			if b1&1 == 1 && len(ring) > 0 {
				ring = append(ring, ring[0])
			}
			poly = append(poly, ring)
			ring = nil
			continue
		}
		coord := func(b byte) float64 {
			switch b {
			case 0xF0:
				return math.NaN()
			case 0xF1:
				return math.Inf(1)
			case 0xF2:
				return -1e300
			case 0xF3:
				return 1e300
			case 0xF4:
				return MaxPlanarCoordinate
			case 0xF5:
				return -7e11
			}
			return float64(b%32) / 4
		}
		if len(ring) < 64 {
			ring = append(ring, orb.Point{coord(b0), coord(b1)})
		}
	}
	if len(ring) > 0 || len(poly) == 0 {
		poly = append(poly, ring)
	}
	return poly
}

func FuzzValidateRepair(f *testing.F) {
	seeds := [][]byte{
		{},
		{0, 0, 8, 0, 8, 8, 0, 8, 0xFF, 1},       // square, closed
		{0, 0, 8, 0, 8, 8, 0, 8},                // unclosed
		{0, 0, 0, 8, 8, 8, 8, 0, 0xFF, 1},       // clockwise
		{0, 0, 8, 8, 8, 0, 0, 8, 0xFF, 1},       // bow-tie
		{0, 0, 8, 0, 8, 0, 8, 8, 0, 8, 0xFF, 1}, // repeated
		{0, 0, 16, 0, 16, 16, 0, 16, 0xFF, 1, 4, 4, 4, 8, 8, 8, 8, 4, 0xFF, 1}, // with hole
		{0, 0, 0xF0, 0, 8, 8, 0xFF, 1},                                         // NaN
		{0, 0, 0xF3, 0, 0xF3, 0xF3, 0xFF, 1},                                   // huge
		{0, 0, 8, 0, 0xFF, 1},                                                  // too few
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		poly := ovFuzzRings(data)
		err := ValidatePlanar("fuzz", poly, nil)
		var es GeometryErrors
		if err != nil && !errors.As(err, &es) {
			t.Fatalf("Validate returned %T, not GeometryErrors", err)
		}
		out, _, rerr := RepairPlanar("fuzz", poly, nil)
		if rerr != nil {
			if out != nil {
				t.Fatalf("Repair returned a geometry with an error")
			}
			return
		}
		if verr := ValidatePlanar("fuzz", out, nil); verr != nil {
			t.Fatalf("Repair's output does not validate: %v\ninput %v\noutput %v", verr, poly, out)
		}
		if err == nil && !cmp.Equal(orb.Geometry(poly), out) {
			t.Fatalf("Repair changed a valid polygon")
		}
		// Repaired output must be usable by the overlay: its area equals itself, to the
		// rounding of a shoelace sum over coordinates of magnitude M (n·ε·M², which only
		// matters for the fuzzer's 1e12 m coordinates).
		if a, err := IntersectionAreaPlanar(out, out); err != nil {
			t.Fatalf("overlay of repaired output: %v", err)
		} else if want := (&flatShape{}); want.load(out, false, nil) == nil {
			m := math.Max(math.Max(math.Abs(want.bound.Min[0]), math.Abs(want.bound.Max[0])), math.Max(math.Abs(want.bound.Min[1]), math.Abs(want.bound.Max[1])))
			tol := 1e-9*math.Max(1, want.planarArea()) + 64*0x1p-52*float64(len(want.pts))*m*m
			if w := want.planarArea(); math.Abs(a-w) > tol {
				t.Fatalf("area of A∩A = %v, area of A = %v", a, w)
			}
		}
	})
}

func TestFuzzRingsDecoder(t *testing.T) {
	got := ovFuzzRings([]byte{0, 0, 8, 0, 8, 8, 0xFF, 1, 4, 4})
	want := orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 0}}, {{1, 1}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}
