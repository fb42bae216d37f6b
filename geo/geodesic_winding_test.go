package geo

import (
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// geodesicWound returns a ring of lat lat going turns times around the pole, a vertex every
// step degrees of longitude, eastwards for step > 0.
func geodesicWound(lat, step float64, turns int) orb.Ring {
	n := int(math.Round(360/math.Abs(step))) * turns
	r := make(orb.Ring, n)
	for k := range r {
		r[k] = orb.Point{math.Remainder(float64(k)*step, 360), lat}
	}
	return r
}

// Rings that circle a pole more than once count its cap once per turn, as in GeographicLib
// 2.x. Figures from GeographicLib 2.1.2's Planimeter -p 10 (WGS84 unless named), fed the
// rings' "lat lon" lines:
//
//	python3 -c 'for k in range(16): print(80, (k*45)%360)' | Planimeter -p 10
var geodesicWindingCases = []struct {
	name string
	r    orb.Ring
	e    Ellipsoid
	area float64 // m²
}{
	{"north 80°, once", geodesicWound(80, 45, 1), EllipsoidWGS84, 3526764054366.18750},
	{"north 80°, twice", geodesicWound(80, 45, 2), EllipsoidWGS84, 7053528108732.37500},
	{"north 80°, three times", geodesicWound(80, 45, 3), EllipsoidWGS84, 10580292163098.56250},
	{"north 80°, twice clockwise", geodesicWound(80, -45, 2), EllipsoidWGS84, 7053528108732.37500},
	{"south 80°, twice clockwise", geodesicWound(-80, -45, 2), EllipsoidWGS84, 7053528108732.37500},
	{"north 60°, three times", geodesicWound(60, 40, 3), EllipsoidWGS84, 96514267307278.68750},
	{"north 60°, three times CGCS2000", geodesicWound(60, 40, 3), EllipsoidCGCS2000, 96514267309640.93750},
}

func TestAreaRingCirclingPoleTwice(t *testing.T) {
	for _, tc := range geodesicWindingCases {
		for _, g := range []orb.Geometry{tc.r, geodesicClosed(tc.r), orb.Polygon{tc.r}} {
			got := AreaOn(g, tc.e)
			if math.Abs(got-tc.area) > 1e-9*tc.area {
				t.Errorf("%s (%T): area %.5f m², Planimeter %.5f, relative difference %.3g",
					tc.name, g, got, tc.area, (got-tc.area)/tc.area)
			}
		}
	}
}

// TestAreaWindingAgainstPlanimeter runs GeographicLib's Planimeter itself on rings wound one
// to four times around either pole, at several latitudes and steps.
func TestAreaWindingAgainstPlanimeter(t *testing.T) {
	planimeter := testtool.Command(t, "Planimeter", "geographiclib-tools")
	for _, lat := range []float64{-85, -70, 75, 89} {
		for _, step := range []float64{30, -45, 60.5} {
			for turns := 1; turns <= 4; turns++ {
				r := geodesicWound(lat, step, turns)
				var in strings.Builder
				for _, p := range r {
					fmt.Fprintf(&in, "%.17g %.17g\n", p[1], p[0])
				}
				cmd := exec.Command(planimeter, "-p", "10")
				cmd.Stdin = strings.NewReader(in.String())
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("Planimeter: %v", err)
				}
				f := strings.Fields(string(out))
				if len(f) != 3 {
					t.Fatalf("Planimeter printed %q", out)
				}
				want, err := strconv.ParseFloat(f[2], 64)
				if err != nil {
					t.Fatalf("Planimeter printed %q: %v", out, err)
				}
				if got := Area(r); math.Abs(got-math.Abs(want)) > 1e-9*math.Abs(want) {
					t.Errorf("lat %v, step %v, %d turns: area %.5f m², Planimeter %.5f", lat, step, turns, got, want)
				}
			}
		}
	}
}
