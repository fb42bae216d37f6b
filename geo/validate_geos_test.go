package geo

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/geo/wkt"
)

// TestValidateGEOSCases runs multipolygon cases of GEOS tests/xmltester/tests/general/TestValid.xml
// (numbered from 1 in file order) with their WKT as published, plus neighbours of ours. GEOS does
// not test winding and its rings wind either way, so ErrWrongWinding is left out of the
// comparison; every other problem must match, and a case GEOS calls valid must have none.
func TestValidateGEOSCases(t *testing.T) {
	tests := []struct {
		name string
		wkt  string
		want []ovProblem
	}{
		{"GEOS 30: shell inside hole, no touch (valid)",
			`MULTIPOLYGON (((60 320, 60 80, 300 80, 60 320), (80 280, 80 100, 260 100, 80 280)), ((120 160, 140 160, 140 140, 120 160)))`, nil},
		{"GEOS 31: shell inside hole, all shell vertices touch (valid)",
			`MULTIPOLYGON (((20 380, 420 380, 420 20, 20 20, 20 380), (220 340, 180 240, 60 200, 180 160, 340 60, 240 220, 220 340)), ((180 240, 180 160, 240 220, 180 240)))`, nil},
		{"GEOS 34: shell touches other shell at all vertices (valid)",
			`MULTIPOLYGON (((180 60, 240 160, 300 60, 180 60)), ((80 80, 180 60, 160 140, 240 160, 360 140, 300 60, 420 100, 320 280, 120 260, 80 80)))`, nil},
		{"GEOS 35: shell is inside hole (valid)",
			`MULTIPOLYGON (((0 0, 0 8, 8 8, 8 0, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3), (1 1, 2 1, 2 2, 1 2, 1 1)), ((4 4, 4 6, 6 6, 6 4, 4 4)))`, nil},
		{"GEOS 85: shell inside shell, all vertices touch (invalid)",
			`MULTIPOLYGON (((10 10, 20 30, 10 90, 90 90, 80 30, 90 10, 50 20, 10 10)), ((80 30, 20 30, 50 20, 80 30)))`,
			[]ovProblem{ovWant(ErrPolygonsOverlap, 1, 0, 0)}},
		// The triangle's vertices are vertices of the non-convex hole and no edges cross, but
		// the hole's reflex vertex (180 240) lies inside the triangle: between the triangle's
		// closing edge 220 340 → 60 200 and the hole the two members overlap.
		{"GEOS 86: shell inside shell, hole overlapped, all vertices touch hole (invalid)",
			`MULTIPOLYGON (((20 380, 420 380, 420 20, 20 20, 20 380), (220 340, 180 240, 60 200, 140 100, 340 60, 300 240, 220 340)), ((60 200, 340 60, 220 340, 60 200)))`,
			[]ovProblem{ovWant(ErrPolygonsOverlap, 1, 0, 2)}},
		{"GEOS 87: shell inside shell, all vertices touch hole (invalid)",
			`MULTIPOLYGON (((20 380, 420 380, 420 20, 20 20, 20 380), (220 340, 180 240, 60 200, 200 180, 340 60, 240 220, 220 340)), ((60 200, 340 60, 220 340, 60 200)))`,
			[]ovProblem{ovWant(ErrPolygonsOverlap, 1, 0, 0)}},
		{"GEOS 67: hole outside, all vertices touch (invalid)",
			`POLYGON ((10 10, 30 10, 30 50, 70 50, 70 10, 90 10, 90 90, 10 90, 10 10), (50 50, 30 10, 70 10, 50 50))`,
			[]ovProblem{ovWant(ErrInteriorDisconnected, -1, 1, -1), ovWant(ErrHoleOutsideShell, -1, 1, 0)}},
		// Ours (GEOS: invalid, self-intersection at 2 2): the island's vertices all lie on the
		// hole's boundary and its edge 0 → 1 passes through the hole's vertex (4 2) at its
		// midpoint; either side of that point the edge runs through the other member's
		// interior, below the hole's zigzag 6 2, 5 3, 4 2, 3 3, 2 2.
		{"island edge touching the hole at its midpoint (invalid)",
			`MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 6 2, 5 3, 4 2, 3 3, 2 2)), ((2 2, 6 2, 5 8, 2 2)))`,
			[]ovProblem{ovWant(ErrPolygonsOverlap, 1, 0, 0)}},
		{"island in a non-convex hole touching it at one vertex (valid)",
			`MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 5 4, 2 2)), ((5 4, 6 6, 4 6, 5 4)))`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, _, err := wkt.Unmarshal(tc.wkt)
			if err != nil {
				t.Fatalf("wkt: %v", err)
			}
			err = ValidatePlanar("geos", g, &ValidateOptions{SliverArea: -1, SliverWidth: -1})
			var got []ovProblem
			for _, p := range ovProblemsOf(t, err) {
				if p.Kind != ErrWrongWinding.Error() {
					got = append(got, p)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ValidatePlanar problems (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}
