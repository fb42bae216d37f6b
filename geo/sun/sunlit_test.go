package sun

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// box is a rectangle prism [x0, x1] × [y0, y1] of height h.
func box(x0, y0, x1, y1, h float64) Prism {
	return Prism{Ring: []orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, Height: h}
}

// TestWallDueSouth: a wall of height h due south of a point at solar altitude α shades it
// exactly when the point is within h / tan α of the wall.
func TestWallDueSouth(t *testing.T) {
	for _, h := range []float64{3, 18, 54.5} {
		for _, alt := range []float64{5, 16.3, 26.6, 45, 70} {
			reach := h / math.Tan(alt*rad)
			pos := Position{Altitude: alt, Azimuth: 180}
			for _, c := range []struct {
				d     float64
				shade bool
			}{{reach * (1 - 1e-9), true}, {reach * (1 + 1e-9), false}, {reach / 2, true}, {reach * 2, false}} {
				wall := box(-500, -c.d-0.24, 500, -c.d, h)
				r := Receiver{At: orb.Point{0, 0}, Facing: 180}
				if got := Blocks(pos, r, []Prism{wall}); got != c.shade {
					t.Errorf("h %v m, altitude %v°, wall %.9f m south (reach %.9f m): shaded %v, want %v", h, alt, c.d, reach, got, c.shade)
				}
			}
			// A point raised by z sees the wall as h − z high.
			r := Receiver{At: orb.Point{0, 0}, Height: 1, Facing: 180}
			d := (h - 1) / math.Tan(alt*rad)
			if !Blocks(pos, r, []Prism{box(-500, -d*(1-1e-9)-1, 500, -d*(1-1e-9), h)}) ||
				Blocks(pos, r, []Prism{box(-500, -d*(1+1e-9)-1, 500, -d*(1+1e-9), h)}) {
				t.Errorf("h %v m, altitude %v°: a point 1 m up is not shaded exactly within (h−1)/tan α", h, alt)
			}
		}
	}
}

// TestSlabsTwoHours: two parallel east–west slabs in Beijing on 大寒; the spacing at which the
// south slab's shadow leaves the north slab's lowest sill at 11:00 apparent solar time gives
// exactly 2 h of sun (11:00–13:00), and a centimetre closer gives less.
func TestSlabsTwoHours(t *testing.T) {
	const lat, lon, h = 39.9042, 116.4074, 18.0
	day := TermDay(2026, GreatCold)
	tr, err := NewTrack(day, lat, lon, 480, 960, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Profile angle at 11:00: the ray rises tanα per metre and crosses the slab's plane after
	// d / cos(A − 180°) metres, so the slab just stops blocking when d = h·cos(A−180°)/tanα.
	p := tr.Position(660)
	spacing := h * math.Cos((p.Azimuth-180)*rad) / math.Tan(p.Altitude*rad)
	sunlit := func(d float64) Intervals {
		south := box(-2000, -d-12, 2000, -d, h)
		north := box(-2000, 0.05, 2000, 12.05, h)
		return tr.Sunlit(Receiver{At: orb.Point{0, 0}, Facing: 180}, []Prism{south, north})
	}
	got := sunlit(spacing)
	if len(got) != 1 || math.Abs(got[0].From-660) > 0.01 || math.Abs(got[0].To-780) > 0.01 {
		t.Fatalf("spacing %.3f m: sunlit %v, want [660 780]", spacing, got)
	}
	if total := got.Total(0); math.Abs(total-120) > 0.01 {
		t.Errorf("spacing %.3f m: %.4f min of sun, want 120", spacing, total)
	}
	closer := sunlit(spacing - 0.01).Total(0)
	if !(closer < 120-0.05) {
		t.Errorf("spacing %.3f m (1 cm closer): %.4f min of sun, want less than 120", spacing-0.01, closer)
	}
	t.Logf("spacing %.3f m: %.4f min; 1 cm closer: %.4f min", spacing, got.Total(0), closer)
}

func TestSunlitFacing(t *testing.T) {
	tr, err := NewTrack(TermDay(2026, WinterSolstice), 31.23, 121.47, 480, 960, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing in the way: a south façade has the whole window, a north one none, an east one
	// the morning until the sun crosses its plane (due south at noon).
	open := func(facing float64) Intervals { return tr.Sunlit(Receiver{Facing: facing}, nil) }
	if got := open(180); !cmp.Equal(got, Intervals{{480, 960}}) {
		t.Errorf("south façade: %v", got)
	}
	if got := open(0); len(got) != 0 {
		t.Errorf("north façade: %v", got)
	}
	if got := open(90); len(got) != 1 || got[0].From != 480 || math.Abs(got[0].To-720) > 0.01 {
		t.Errorf("east façade: %v", got)
	}
}

func TestIntervalsMinus(t *testing.T) {
	for _, c := range []struct{ a, b, want Intervals }{
		{Intervals{{0, 10}}, nil, Intervals{{0, 10}}},
		{Intervals{{0, 10}}, Intervals{{2, 3}}, Intervals{{0, 2}, {3, 10}}},
		{Intervals{{0, 10}, {20, 30}}, Intervals{{5, 25}}, Intervals{{0, 5}, {25, 30}}},
		{Intervals{{0, 10}}, Intervals{{-5, 15}}, nil},
		{Intervals{{0, 10}, {20, 30}}, Intervals{{1, 2}, {3, 4}, {29, 40}}, Intervals{{0, 1}, {2, 3}, {4, 10}, {20, 29}}},
	} {
		if got := c.a.Minus(c.b); !cmp.Equal(got, c.want) {
			t.Errorf("%v − %v = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if got := (Intervals{{0, 4}, {10, 20}}).Total(5); got != 10 {
		t.Errorf("Total(5) = %v", got)
	}
}

// TestShadowArea: a box's shadow with the sun due south at 45° is the footprint stretched
// north by its height.
func TestShadowArea(t *testing.T) {
	g, err := Shadow(box(0, 0, 10, 4, 6), Position{Altitude: 45, Azimuth: 180})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := geo.UnionManyAreaPlanar([]orb.Geometry{g}); err != nil || math.Abs(a-10*(4+6)) > 1e-6 {
		t.Errorf("shadow area %v (%v), want 100 m²", a, err)
	}
}

// TestSunlitProperty: adding a prism never adds sun, and Blocked is what it takes away.
func TestSunlitProperty(t *testing.T) {
	tr, err := NewTrack(TermDay(2026, GreatCold), 39.9, 116.4, 480, 960, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := Receiver{At: orb.Point{0, 0}, Height: 0.9, Facing: 170}
	base := []Prism{box(-40, -35, 20, -25, 18)}
	for i := range 50 {
		x := float64(i*7%60) - 30
		y := -float64(i*11%40) - 3
		extra := box(x, y, x+2.6, y+3.9, float64(6+i%20))
		before := tr.Sunlit(r, base)
		after := tr.Sunlit(r, append(base[:1:1], extra))
		diff := before.Minus(tr.Blocked(r, []Prism{extra}))
		if after.Total(0) > before.Total(0)+1e-9 {
			t.Fatalf("prism %d added sun: %v → %v", i, before, after)
		}
		if math.Abs(after.Total(0)-diff.Total(0)) > 0.01 {
			t.Errorf("prism %d: sunlit with it %.4f min, sunlit minus blocked %.4f min", i, after.Total(0), diff.Total(0))
		}
	}
}
