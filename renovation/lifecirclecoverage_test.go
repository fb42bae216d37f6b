package renovation

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// squareDiscArea is the area of the square [x0, x0+s] × [y0, y0+s] within r of c, by the
// midpoint rule on 200,000 strips (error well under 1e-7 of the area): an independent check
// of the exact method.
func squareDiscArea(x0, y0, s float64, c orb.Point, r float64) float64 {
	const n = 200000
	h := s / n
	var sum float64
	for k := range n {
		x := x0 + (float64(k)+0.5)*h
		dx := x - c[0]
		if dx*dx >= r*r {
			continue
		}
		w := math.Sqrt(r*r - dx*dx)
		lo, hi := max(y0, c[1]-w), min(y0+s, c[1]+w)
		if hi > lo {
			sum += hi - lo
		}
	}
	return sum * h
}

// TestLifeCircleGrid puts kindergartens on a 1 km grid and 100 m compounds at known offsets
// from its nodes, so that the nearest kindergarten, its distance, coverage and area share are
// known.
func TestLifeCircleGrid(t *testing.T) {
	p := newPlan()
	d := &District{}
	for i := range 3 {
		for j := range 3 {
			d.Facilities = append(d.Facilities, Facility{ID: "k" + string(rune('0'+i)) + string(rune('0'+j)), Kind: Kindergarten, Location: p.pt(float64(i)*1000, float64(j)*1000)})
		}
	}
	type want struct {
		nearest float64
		share   float64
	}
	offsets := []struct{ dx, dy float64 }{
		{-50, -50},  // the kindergarten is inside: 0 m, all covered
		{100, 0},    // 100 m east: the disc reaches every corner? no: (200, 100) is 224 m off
		{120, 160},  // nearest corner 200 m away
		{250, -50},  // 250 m east, straddling
		{300, -50},  // 300 m in the plan, 299.999995 m on the ellipsoid: covered, no area
		{212, 212},  // corner 299.8 m away: a sliver of area
		{400, 400},  // beyond reach
		{-150, -50}, // the kindergarten is 50 m east of the compound, inside its reach
	}
	var wants []want
	for k, o := range offsets {
		i, j := k%3, k/3
		nx, ny := float64(i)*1000, float64(j)*1000
		x0, y0 := nx+o.dx, ny+o.dy
		d.Compounds = append(d.Compounds, Compound{ID: "c" + string(rune('0'+k)), Boundary: p.rect(x0, y0, x0+100, y0+100)})
		// The nearest point of the square [x0, x0+100] × [y0, y0+100] to the node.
		// The plan's own distances are off by up to 5e-8 this far from its centre (its scale
		// grows as 1 + x²/2R²); the geodesic distance between the two points is the reference.
		cx, cy := min(max(nx, x0), x0+100), min(max(ny, y0), y0+100)
		nearest := geo.Distance(p.pt(nx, ny), p.pt(cx, cy))
		wants = append(wants, want{nearest, squareDiscArea(x0, y0, 100, orb.Point{nx, ny}, 300) / 10000})
	}
	radii := RadiusTable{{Kind: Kindergarten, Tier: Tier5Min, Metres: 300}}
	r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: radii})
	if err != nil {
		t.Fatal(err)
	}
	for k, c := range r.Compounds {
		fr := c.Reach[0]
		w := wants[k]
		if fr.Nearest == nil || math.Abs(*fr.Nearest-w.nearest) > 1e-6 {
			t.Errorf("compound %d: nearest %v, want %.9f", k, deref(fr.Nearest), w.nearest)
			continue
		}
		if fr.Covered != (w.nearest <= 300+1e-6) {
			t.Errorf("compound %d: covered %v at %.6f m", k, fr.Covered, w.nearest)
		}
		if math.Abs(fr.AreaShare-w.share) > 2e-7 {
			t.Errorf("compound %d: area share %.9f, want %.9f", k, fr.AreaShare, w.share)
		}
	}
	// Spot values that the geometry fixes exactly.
	if s := r.Compounds[0].Reach[0]; *s.Nearest != 0 || s.AreaShare != 1 || s.NearestID != "k00" {
		t.Errorf("kindergarten inside: %+v", s)
	}
	if s := r.Compounds[6].Reach[0]; s.Covered || s.AreaShare != 0 {
		t.Errorf("beyond reach: %+v", s)
	}
	sum := r.Kinds[0]
	if sum.Compounds != 8 || sum.CompoundsCovered != 7 || sum.Facilities != 9 || len(sum.Gaps) != 1 || sum.Gaps[0].ID != "c6" {
		t.Errorf("summary %+v", sum)
	}
}

// TestLifeCircleHalfCovered: a facility 200 m west of a 100 m square with a 300 m radius
// covers it up to an arc that just reaches the middle of its far edge.
func TestLifeCircleHalfCovered(t *testing.T) {
	p := newPlan()
	d := &District{
		Compounds:  []Compound{{ID: "c", Boundary: p.rect(0, 0, 100, 100)}},
		Facilities: []Facility{{ID: "m", Kind: Market, Location: p.pt(-200, 50)}},
	}
	r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: RadiusTable{{Kind: Market, Tier: Tier10Min, Metres: 300}}})
	if err != nil {
		t.Fatal(err)
	}
	want := squareDiscArea(0, 0, 100, orb.Point{-200, 50}, 300) / 10000
	fr := r.Compounds[0].Reach[0]
	if math.Abs(*fr.Nearest-200) > 1e-6 || !fr.Covered || math.Abs(fr.AreaShare-want) > 1e-7 || want < 0.9 || want > 0.99 {
		t.Errorf("got %+v (nearest %v), want share %.9f", fr, *fr.Nearest, want)
	}
}

// TestLifeCircleTiers: each entry of the table is checked on its own kind; a middle school
// next door does nothing for the kindergarten entry, and a kind listed at two tiers is
// measured against each radius.
func TestLifeCircleTiers(t *testing.T) {
	p := newPlan()
	d := &District{
		Compounds: []Compound{{ID: "c", Boundary: p.rect(0, 0, 100, 100)}},
		Facilities: []Facility{
			{ID: "ms", Kind: MiddleSchool, Location: p.pt(150, 50)},
			{ID: "cl", Kind: Clinic, Location: p.pt(500, 50)},
			{ID: "bus", Kind: BusStop, Location: p.pt(110, 50)},
		},
	}
	radii := RadiusTable{
		{Kind: Kindergarten, Tier: Tier5Min, Metres: 300},
		{Kind: MiddleSchool, Tier: Tier15Min, Metres: 1000},
		{Kind: Clinic, Tier: Tier5Min, Metres: 300},
		{Kind: Clinic, Tier: Tier15Min, Metres: 1000},
	}
	r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: radii})
	if err != nil {
		t.Fatal(err)
	}
	got := r.Compounds[0].Reach
	if got[0].Nearest != nil || got[0].Covered || got[0].AreaShare != 0 {
		t.Errorf("no kindergarten in the district: %+v", got[0])
	}
	if !got[1].Covered || got[1].AreaShare != 1 {
		t.Errorf("middle school: %+v", got[1])
	}
	if got[2].Covered || math.Abs(*got[2].Nearest-400) > 1e-6 || !got[3].Covered {
		t.Errorf("clinic at two tiers: %+v / %+v", got[2], got[3])
	}
	if diff := cmp.Diff([]KindCount{{Kind: BusStop, Count: 1}}, r.Unused); diff != "" {
		t.Errorf("unused kinds (-want +got):\n%s", diff)
	}
}

// TestLifeCircleHouseholds counts households building by building, and pro rata for a
// building without a footprint.
func TestLifeCircleHouseholds(t *testing.T) {
	p := newPlan()
	d := &District{
		Compounds: []Compound{{ID: "c", Boundary: p.rect(0, 0, 400, 100), Buildings: []Building{
			{ID: "near", Footprint: p.rect(10, 40, 30, 60), Units: units(1, 3)},  // 6 households
			{ID: "far", Footprint: p.rect(350, 40, 390, 60), Units: units(2, 4)}, // 16
			{ID: "nomap", Units: units(1, 5)},                                    // 10, pro rata
		}}},
		Facilities: []Facility{{ID: "e", Kind: ElderlyCare, Location: p.pt(-100, 50)}},
	}
	r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: RadiusTable{{Kind: ElderlyCare, Tier: Tier5Min, Metres: 300}}})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Compounds[0]
	fr := c.Reach[0]
	share := squareDiscArea(0, 0, 100, orb.Point{-100, 50}, 300)
	share += squareDiscArea(100, 0, 100, orb.Point{-100, 50}, 300)
	share /= 40000
	if c.Households != 32 || c.HouseholdsUnlocated != 10 || math.Abs(fr.AreaShare-share) > 1e-7 || math.Abs(fr.HouseholdsCovered-(6+10*fr.AreaShare)) > 1e-9 {
		t.Errorf("households: %+v, reach %+v, want share %.9f", c, fr, share)
	}
	if s := r.Kinds[0]; s.Households != 32 || math.Abs(s.HouseholdRate-fr.HouseholdsCovered/32) > 1e-12 {
		t.Errorf("summary %+v", s)
	}
}

// TestLifeCircleHole: a school in a hole of the compound is as far from it as the hole's edge,
// and a polygon facility holding a compound reaches all of it.
func TestLifeCircleHole(t *testing.T) {
	p := newPlan()
	d := &District{
		Compounds: []Compound{
			{ID: "holed", Boundary: orb.Polygon{p.ring(rectRing(-100, -100, 100, 100)), p.ring(reverseRing(rectRing(-30, -30, 30, 30)))}},
			{ID: "inpark", Boundary: p.rect(1000, 0, 1050, 50)},
		},
		Facilities: []Facility{
			{ID: "school", Kind: PrimarySchool, Location: p.pt(0, 10)},
			{ID: "park", Kind: Park, Location: p.rect(900, -100, 1200, 200)},
		},
	}
	radii := RadiusTable{{Kind: PrimarySchool, Tier: Tier10Min, Metres: 500}, {Kind: Park, Tier: Tier10Min, Metres: 100}}
	r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: radii})
	if err != nil {
		t.Fatal(err)
	}
	if fr := r.Compounds[0].Reach[0]; math.Abs(*fr.Nearest-20) > 1e-6 || fr.AreaShare != 1 {
		t.Errorf("school in the hole: nearest %v, %+v", *fr.Nearest, fr)
	}
	if fr := r.Compounds[1].Reach[1]; *fr.Nearest != 0 || math.Abs(fr.AreaShare-1) > 1e-12 {
		t.Errorf("compound inside a park: nearest %v, %+v", *fr.Nearest, fr)
	}
}

// TestLifeCircleGaps ranks the compounds lacking a kind by households, then by ID.
func TestLifeCircleGaps(t *testing.T) {
	p := newPlan()
	d := &District{Facilities: []Facility{{ID: "n", Kind: Nursery, Location: p.pt(-5000, 0)}}}
	for k, hh := range []int{2, 5, 2, 0, 5} {
		x := float64(k) * 200
		d.Compounds = append(d.Compounds, Compound{ID: string(rune('e' - k)), Boundary: p.rect(x, 0, x+100, 100),
			Buildings: []Building{{ID: "1", Units: []Unit{{ID: "1", Households: make([]Household, hh)}}}}})
	}
	r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: RadiusTable{{Kind: Nursery, Tier: Tier5Min, Metres: 300}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, g := range r.Kinds[0].Gaps {
		ids = append(ids, g.ID)
	}
	if diff := cmp.Diff([]string{"a", "d", "c", "e", "b"}, ids); diff != "" {
		t.Errorf("gap order (-want +got):\n%s", diff)
	}
}

func TestLifeCircleOptions(t *testing.T) {
	d := handDistrict()
	if _, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Metric: "walking"}); !errors.Is(err, ErrMetric) {
		t.Errorf("walking metric: %v", err)
	}
	if _, err := LifeCircle(context.Background(), d, &LifeCircleOptions{Radii: RadiusTable{{Kind: Clinic, Tier: "1min", Metres: 100}}}); err == nil {
		t.Error("invalid radius table accepted")
	}
	d.Facilities = []Facility{{ID: "bad", Kind: Clinic, Location: orb.Point{200, 31}}}
	_, err := LifeCircle(context.Background(), d, nil)
	var me MeasureErrors
	if !errors.As(err, &me) || me[0].What != "facility bad location" {
		t.Errorf("facility out of range: %v", err)
	}
	r, err := LifeCircle(context.Background(), &District{Compounds: []Compound{{ID: "x"}}}, nil)
	if err != nil || len(r.Unmapped) != 1 || r.Kinds[0].Compounds != 0 || r.Kinds[0].CompoundRate != 0 {
		t.Errorf("unmapped compound: %v %+v", err, r)
	}
}

// TestLifeCircleProperties checks the invariants on a random district: every area share in
// [0, 1]; covered exactly when the nearest is within the radius; area only when covered; the
// report the same whatever the number of workers.
func TestLifeCircleProperties(t *testing.T) {
	d := gridDistrict(rand.New(rand.NewPCG(8, 9)), 8, 8)
	var first []byte
	for _, w := range []int{1, 3} {
		r, err := LifeCircle(context.Background(), d, &LifeCircleOptions{RunOptions: RunOptions{Workers: w}})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Compounds {
			for _, fr := range c.Reach {
				if fr.AreaShare < 0 || fr.AreaShare > 1 {
					t.Errorf("%s %s: area share %v", c.ID, fr.Kind, fr.AreaShare)
				}
				if fr.Nearest == nil || fr.Covered != (*fr.Nearest <= fr.Radius) {
					t.Errorf("%s %s: covered %v, nearest %v of %v", c.ID, fr.Kind, fr.Covered, fr.Nearest, fr.Radius)
				}
				if fr.AreaShare > 0 && !fr.Covered {
					t.Errorf("%s %s: area %v within reach but not covered", c.ID, fr.Kind, fr.AreaShare)
				}
				if fr.HouseholdsCovered < 0 || fr.HouseholdsCovered > float64(c.Households) {
					t.Errorf("%s %s: %v of %d households", c.ID, fr.Kind, fr.HouseholdsCovered, c.Households)
				}
			}
		}
		b, _ := json.Marshal(r)
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Fatal("the report depends on the number of workers")
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
