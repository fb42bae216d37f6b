package renovation_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/sun"
	"github.com/xiaoqu/xiaoqu/internal/benchcpu"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
	"github.com/xiaoqu/xiaoqu/survey"
)

// site lays out buildings in metres around a point of Shanghai.
type site struct{ tm *geo.TransverseMercator }

func newSite() site { return site{geo.LocalTM(orb.Point{121.5, 31.2})} }

func (s site) rect(x0, y0, x1, y1 float64) orb.Polygon {
	r := orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	for i, p := range r {
		r[i] = s.tm.Inverse(p)
	}
	return orb.Polygon{r}
}

// slab is a building of storeys floors and units units, two households a floor.
func slab(id string, fp orb.Polygon, storeys, units int) renovation.Building {
	b := renovation.Building{ID: id, Footprint: fp, Storeys: storeys}
	for u := 1; u <= units; u++ {
		unit := renovation.Unit{ID: string(rune('0' + u))}
		for f := 1; f <= storeys; f++ {
			for k := 1; k <= 2; k++ {
				unit.Households = append(unit.Households, renovation.Household{ID: string(rune('0'+f)) + "0" + string(rune('0'+k)), Floor: f, Area: 6000, Status: survey.Sold, OwnerID: id + string(rune('a'+u)) + string(rune('0'+f)) + string(rune('0'+k))})
			}
		}
		b.Units = append(b.Units, unit)
	}
	return b
}

// twoSlabs: building S (60 × 12 m, 6 storeys, 3 units) with its north façade at y = 0, and
// building N (same) whose south façade is gap metres north of it.
func twoSlabs(gap float64) *renovation.District {
	s := newSite()
	south := slab("S", s.rect(-30, -12, 30, 0), 6, 3)
	north := slab("N", s.rect(-30, gap, 30, gap+12), 6, 3)
	north.HasElevator = true // only S is a candidate
	return &renovation.District{Compounds: []renovation.Compound{{ID: "c", Name: "测试小区", Boundary: s.rect(-60, -60, 60, gap+60),
		Buildings: []renovation.Building{south, north}}}}
}

func TestShaftPlacement(t *testing.T) {
	d := twoSlabs(30)
	rep, err := renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Shafts) != 3 {
		t.Fatalf("%d shafts, want 3", len(rep.Shafts))
	}
	tm := newSite().tm
	for i, sh := range rep.Shafts {
		// Unit i+1 of 3 is centred at x = −20, 0, 20 on the north façade (y = 0); the
		// footprint is 2.6 m wide and 1.5 + 2.4 m deep.
		cx := -20 + 20*float64(i)
		var minX, maxX, minY, maxY = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, p := range sh.Footprint[0] {
			q := tm.Forward(p)
			minX, maxX, minY, maxY = math.Min(minX, q[0]), math.Max(maxX, q[0]), math.Min(minY, q[1]), math.Max(maxY, q[1])
		}
		got := []float64{minX, maxX, minY, maxY}
		want := []float64{cx - 1.3, cx + 1.3, 0, 3.9}
		if !cmp.Equal(got, want, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 0.005 })) {
			t.Errorf("shaft %d: footprint x %.3f–%.3f y %.3f–%.3f, want %v", i+1, minX, maxX, minY, maxY, want)
		}
		if math.Abs(sh.Height-(6*2.9+1.5)) > 1e-9 {
			t.Errorf("shaft %d: height %v, want 18.9", i+1, sh.Height)
		}
	}
	// Units numbered from the east: unit 1 is at x = +20.
	rep, err = renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{UnitsFromEast: true})
	if err != nil {
		t.Fatal(err)
	}
	if q := tm.Forward(rep.Shafts[0].Footprint[0][0]); math.Abs(q[0]-(20-1.3)) > 0.005 && math.Abs(q[0]-(20+1.3)) > 0.005 {
		t.Errorf("units from the east: unit 1's shaft starts at x = %.3f", q[0])
	}
}

func TestShaftClearances(t *testing.T) {
	// 10 m between the slabs: the shaft's outer face is 6.1 m from N; 8 m: 4.1 m, too close.
	for _, c := range []struct {
		gap      float64
		fits     bool
		measured float64
	}{{10, true, 6.1}, {8, false, 4.1}} {
		rep, err := renovation.AssessShafts(context.Background(), twoSlabs(c.gap), renovation.ShaftOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sh := rep.Shafts[1]
		if sh.Fit.Fits != c.fits {
			t.Errorf("gap %v m: fits %v, want %v: %v", c.gap, sh.Fit.Fits, c.fits, sh.Fit.Reasons)
		}
		if sh.Clearances[0].Rule != "building" || sh.Clearances[0].Feature != "N" || math.Abs(sh.Clearances[0].Measured-c.measured) > 0.01 {
			t.Errorf("gap %v m: first clearance %+v, want building N at %.2f m", c.gap, sh.Clearances[0], c.measured)
		}
		if !strings.Contains(sh.Fit.Reasons[0], "m from building N (needs 6.00 m [UNVERIFIED])") {
			t.Errorf("gap %v m: reason %q", c.gap, sh.Fit.Reasons[0])
		}
	}
	// A fire lane 4 m wide whose centre line runs 1 m north of the shafts' outer face is left
	// 3 m clear; a plain road 3 m away keeps its carriageway.
	s := newSite()
	line := func(y float64) orb.LineString {
		return orb.LineString{s.tm.Inverse(orb.Point{-100, y}), s.tm.Inverse(orb.Point{100, y})}
	}
	rep, err := renovation.AssessShafts(context.Background(), twoSlabs(30), renovation.ShaftOptions{Roads: []renovation.Road{
		{ID: "lane", Line: line(4.9), Width: 4, FireLane: true}, {ID: "road", Line: line(8.9), Width: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rep.Shafts[0].Clearances {
		if c.Rule == "fire_lane" || c.Rule == "road" {
			got = append(got, c.Rule+" "+c.Feature+" "+strings.TrimRight(strings.TrimRight(jsonNum(c.Measured), "0"), "."))
			if c.Rule == "fire_lane" && c.OK {
				t.Errorf("fire lane left 3 m clear passes: %+v", c)
			}
		}
	}
	if want := []string{"fire_lane lane 3", "road road 3"}; !cmp.Equal(got, want) {
		t.Errorf("road checks %v, want %v", got, want)
	}
	if rep.Shafts[0].Fit.Fits {
		t.Error("a shaft narrowing a fire lane to 3 m fits")
	}
	// Shafts placed on top of each other.
	d := twoSlabs(30)
	fp := s.rect(-1, 0, 1, 3)
	_, err = renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{Footprints: map[renovation.StairwellKey]orb.Polygon{{CompoundID: "c", BuildingID: "X", UnitID: "1"}: fp}})
	if !errors.Is(err, renovation.ErrUnknownStairwell) {
		t.Errorf("footprint for no candidate: %v", err)
	}
	rep, err = renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{Footprints: map[renovation.StairwellKey]orb.Polygon{
		{CompoundID: "c", BuildingID: "S", UnitID: "1"}: fp}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Shafts[0].Fit.Fits || !rep.Shafts[0].Planned || !strings.Contains(strings.Join(rep.Shafts[0].Fit.Reasons, "\n"), "does not fit: 0.00 m from the shaft of stairwell S/2") {
		t.Errorf("overlapping shafts: %+v", rep.Shafts[0].Fit)
	}
}

func jsonNum(x float64) string { b, _ := json.Marshal(x); return string(b) + ".0" }

// TestShaftSunlight: the shafts on S's north face shade N's south façade, most at the lowest
// floors, and never add sun; N's households are listed with before ≥ after.
func TestShaftSunlight(t *testing.T) {
	rep, err := renovation.AssessShafts(context.Background(), twoSlabs(20), renovation.ShaftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range rep.Shafts {
		if len(sh.Sunlight) == 0 {
			t.Fatalf("shaft %s takes no sunlight from N 20 m north", sh.Stairwell)
		}
		for _, l := range sh.Sunlight {
			if l.Building != "N" || l.MinutesAfter >= l.MinutesBefore || l.StandardMinutes != 120 || l.BelowStandard != (l.MinutesAfter < 120) {
				t.Errorf("shaft %s: %+v", sh.Stairwell, l)
			}
		}
	}
	// Far away, nothing is shaded.
	rep, err = renovation.AssessShafts(context.Background(), twoSlabs(200), renovation.ShaftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range rep.Shafts {
		if len(sh.Sunlight) != 0 {
			t.Errorf("shaft %s shades N 200 m away: %+v", sh.Stairwell, sh.Sunlight)
		}
	}
}

// TestShaftPlans: the compensation owed to neighbours taken below the standard is added to
// the stairwell's cost and the neighbours are visited.
func TestShaftPlans(t *testing.T) {
	d := twoSlabs(22)
	scheme := budget.Scheme{Name: "t", Total: 50000000, Rounding: budget.RoundFen, Compensation: budget.Compensation{Floors: []int{1}, PerHousehold: 100000}}
	plans, err := renovation.PlanElevators(context.Background(), d, renovation.ElevatorPlanOptions{Scheme: scheme, Shafts: &renovation.ShaftOptions{
		// A standard no window here meets, so that every loss is below it.
		Standard: renovation.SunlightStandard{Name: "test", Term: sun.GreatCold, TermZh: "大寒日", From: 480, To: 960, Minutes: 400}}})
	if err != nil {
		t.Fatal(err)
	}
	all := 0
	for _, p := range plans.Plans {
		below := 0
		for _, l := range p.Sunlight {
			if l.BelowStandard {
				below++
				if l.Compensation != 100000 {
					t.Errorf("%s: household %s/%s compensation %s, want 1000.00", p.Stairwell.Key(), l.Building, l.Household, l.Compensation)
				}
			}
		}
		if len(p.Sunlight) > 0 {
			t.Logf("first loss: %+v", p.Sunlight[0])
		}
		if p.Cost.NeighbourCompensation != budget.Money(below*100000) || p.Cost.Total != 50000000+p.Cost.NeighbourCompensation {
			t.Errorf("%s: %d below standard, compensation %s, total %s", p.Stairwell.Key(), below, p.Cost.NeighbourCompensation, p.Cost.Total)
		}
		t.Logf("%s: %d neighbours lose sun, %d below the standard, compensation %s", p.Stairwell.Key(), len(p.Sunlight), below, p.Cost.NeighbourCompensation)
		all += below
		if below > 0 && len(p.Visit) < below {
			t.Errorf("%s: %d neighbours below standard, %d visits", p.Stairwell.Key(), below, len(p.Visit))
		}
	}
	if all == 0 || plans.Summary.BelowStandard != all {
		t.Errorf("%d neighbours below the standard, summary %d; want some", all, plans.Summary.BelowStandard)
	}
	b, err := json.Marshal(plans.Plans[0])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var sl []map[string]json.RawMessage
	if err := json.Unmarshal(m["sunlight"], &sl); err != nil || len(sl) == 0 {
		t.Fatalf("sunlight %s: %v", m["sunlight"], err)
	}
	var keys []string
	for k := range sl[0] {
		keys = append(keys, k)
	}
	if want := []string{"building", "household", "minutes_after", "minutes_before", "standard_minutes"}; !cmp.Equal(keys, want, cmpSorted) {
		t.Errorf("sunlight keys %v, want %v", keys, want)
	}
	var shaft map[string]json.RawMessage
	if err := json.Unmarshal(m["shaft"], &shaft); err != nil || len(shaft) != 2 || shaft["fits"] == nil || shaft["reasons"] == nil {
		t.Errorf("shaft %s: %v", m["shaft"], err)
	}
}

var cmpSorted = cmp.Transformer("sort", func(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

// TestAssessShaftsSamples evaluates every candidate stairwell of both samples, and gets the
// same bytes with one worker and with four.
func TestAssessShaftsSamples(t *testing.T) {
	for _, name := range sample.Names() {
		d, err := sample.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		var outs [][]byte
		for _, workers := range []int{1, 4} {
			rep, err := renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(rep.Shafts), len(renovation.ElevatorCandidates(d)); got != want {
				t.Fatalf("%s: %d shafts for %d candidates", name, got, want)
			}
			b, err := json.Marshal(rep)
			if err != nil {
				t.Fatal(err)
			}
			outs = append(outs, b)
			if workers == 1 {
				fits, losses, below := 0, 0, 0
				for _, s := range rep.Shafts {
					if s.Fit.Fits {
						fits++
					}
					losses += len(s.Sunlight)
					for _, l := range s.Sunlight {
						if l.MinutesAfter >= l.MinutesBefore || l.MinutesBefore > rep.Standard.To-rep.Standard.From {
							t.Errorf("%s %s: %+v", name, s.Stairwell, l)
						}
						if l.BelowStandard {
							below++
						}
					}
				}
				t.Logf("%s: %d shafts, %d fit; %d households lose sun, %d of them below the standard (%s)", name, len(rep.Shafts), fits, losses, below, rep.Day)
			}
		}
		if !bytes.Equal(outs[0], outs[1]) {
			t.Errorf("%s: one worker and four give different results", name)
		}
	}
}

// BenchmarkAssessShaftsLujiazui assesses all 545 candidate stairwells of the Lujiazui sample:
// placement, clearances, and every affected neighbour's window sampled each minute of the
// standard's window (8–16 h), before and after the shaft.
func BenchmarkAssessShaftsLujiazui(b *testing.B) {
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := benchcpu.Start()
	n := 0
	for b.Loop() {
		rep, err := renovation.AssessShafts(context.Background(), d, renovation.ShaftOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			windows := 0
			for _, s := range rep.Shafts {
				windows += len(s.Sunlight)
			}
			b.ReportMetric(float64(len(rep.Shafts)), "stairwells")
			b.ReportMetric(float64(windows), "losses")
		}
		n++
	}
	cpu.Report(b)
}
