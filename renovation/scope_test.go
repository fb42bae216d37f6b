package renovation

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// TestScopeStraddling: a compound cut in two by the edge of the scope, with a building on each
// side, one across the edge and one without a footprint.
func TestScopeStraddling(t *testing.T) {
	p := newPlan()
	d := &District{
		Compounds: []Compound{{ID: "c", Name: "跨界小区", Community: "东社区", Boundary: p.rect(0, 0, 100, 100), Buildings: []Building{
			{ID: "in", Footprint: p.rect(10, 10, 30, 30), Units: units(1, 2)},     // 4 households
			{ID: "across", Footprint: p.rect(45, 40, 65, 50), Units: units(1, 3)}, // 6, centroid at x = 55: in
			{ID: "out", Footprint: p.rect(70, 70, 90, 90), Units: units(1, 1)},    // 2
			{ID: "nomap", Units: units(1, 4)},                                     // 8, undetermined
		}}},
		Zones: []Zone{{ID: "z", Kind: ZoneScope, FieldOffice: "西片区", Boundary: p.denseRect(-1000, -1000, 60, 1000)}},
	}
	r, err := Scope(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Compounds[0]
	want := CompoundScope{
		ID: "c", Name: "跨界小区", Community: "东社区", FieldOffice: "西片区", Mapped: true,
		SiteArea: siteAreaOf(d, 0), AreaInScope: siteAreaOf(d, 0) * 0.6, Share: 0.6, Status: ScopePartial,
		Buildings: 4, BuildingsInScope: 2, BuildingEquivalents: 1.75,
		Households: 20, HouseholdsInScope: 10, HouseholdsUndetermined: 8, ResidentsInScope: 20,
		BuildingDetail: []BuildingScope{
			{ID: "in", Share: 1, Located: true, InScope: true, Households: 4},
			{ID: "across", Share: 0.75, Located: true, InScope: true, Households: 6},
			{ID: "out", Located: true, Households: 2},
			{ID: "nomap", Households: 8},
		},
	}
	if diff := cmp.Diff(want, c, cmpopts.EquateApprox(1e-7, 1e-7)); diff != "" {
		t.Errorf("straddling compound (-want +got):\n%s", diff)
	}
	wantGroup := ScopeGroup{Name: "西片区", Compounds: 1, CompoundsPartial: 1, AreaInScope: c.AreaInScope, BuildingsInScope: 2, HouseholdsInScope: 10, HouseholdsUndetermined: 8, ResidentsInScope: 20}
	if diff := cmp.Diff([]ScopeGroup{wantGroup}, r.ByFieldOffice); diff != "" {
		t.Errorf("by field office (-want +got):\n%s", diff)
	}
	wantGroup.Name = "东社区"
	if diff := cmp.Diff([]ScopeGroup{wantGroup}, r.ByCommunity); diff != "" {
		t.Errorf("by community (-want +got):\n%s", diff)
	}
}

func siteAreaOf(d *District, i int) float64 { return geo.Area(d.Compounds[i].Boundary) }

// TestScopeHoleAndExclusion: a compound with a school cut out of it, half in scope; and a
// compound in scope but partly in an exclusion zone (central heating already there).
func TestScopeHoleAndExclusion(t *testing.T) {
	p := newPlan()
	holed := orb.Polygon{p.ring(rectRing(-100, -100, 100, 100)), p.ring(reverseRing(rectRing(-30, -30, 30, 30)))}
	d := &District{
		Compounds: []Compound{
			{ID: "holed", Boundary: holed},
			{ID: "heated", Boundary: p.rect(1000, 0, 1100, 100), Buildings: []Building{
				{ID: "cold", Footprint: p.rect(1010, 10, 1030, 30), Units: units(1, 2)},
				{ID: "warm", Footprint: p.rect(1080, 10, 1095, 30), Units: units(1, 5)},
			}},
			{ID: "whole", FieldOffice: "自报片区", Boundary: p.rect(500, 500, 600, 600), Buildings: []Building{{ID: "nomap", Units: units(1, 1)}}},
		},
		Zones: []Zone{
			{ID: "west", Kind: ZoneScope, FieldOffice: "西", Boundary: p.denseRect(-2000, -2000, 0, 2000)},
			{ID: "east", Kind: ZoneScope, FieldOffice: "东", Boundary: p.denseRect(0, -2000, 2000, 2000)},
			{ID: "heat", Kind: ZoneExclusion, Boundary: p.denseRect(1070, -50, 1200, 150)},
		},
	}
	r, err := Scope(context.Background(), d, &ScopeOptions{RunOptions{Workers: 1}})
	if err != nil {
		t.Fatal(err)
	}
	// Across two scope zones that meet: all of it, the hole left out.
	if c := r.Compounds[0]; c.Share != 1 || c.Status != ScopeInside || math.Abs(c.SiteArea-36400) > 1e-4 || c.FieldOffice != "西" {
		t.Errorf("holed compound: %+v", c)
	}
	c := r.Compounds[1]
	if math.Abs(c.Share-0.7) > 1e-7 || c.HouseholdsInScope != 4 || c.HouseholdsExcluded != 10 || !c.BuildingDetail[1].Excluded || c.BuildingDetail[1].Share != 0 {
		t.Errorf("compound partly excluded: %+v", c)
	}
	if c := r.Compounds[2]; c.Share != 1 || c.HouseholdsInScope != 2 || c.HouseholdsUndetermined != 0 || c.FieldOffice != "自报片区" {
		t.Errorf("compound wholly in scope: %+v", c)
	}
	if r.Totals.Compounds != 3 || r.Totals.CompoundsWhole != 2 || r.Totals.HouseholdsExcluded != 10 {
		t.Errorf("totals %+v", r.Totals)
	}

	// Half of a compound with a hole: the scope's edge runs through the hole's middle.
	d.Zones = []Zone{{ID: "half", Kind: ZoneScope, Boundary: p.denseRect(-2000, -2000, 0, 2000)}}
	r, err = Scope(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Compounds[0]; math.Abs(c.Share-0.5) > 1e-9 || c.Status != ScopePartial {
		t.Errorf("compound with a hole, half in scope: %+v", c)
	}
	if c := r.Compounds[1]; c.Share != 0 || c.Status != ScopeOutside || c.HouseholdsInScope != 0 {
		t.Errorf("compound outside: %+v", c)
	}
}

func TestScopeErrors(t *testing.T) {
	p := newPlan()
	d := handDistrict()
	d.Zones = []Zone{
		{ID: "bow", Kind: ZoneScope, Boundary: orb.Polygon{{p.pt(0, 0), p.pt(100, 100), p.pt(100, 0), p.pt(0, 100), p.pt(0, 0)}}},
		{ID: "odd", Kind: "maybe", Boundary: p.rect(0, 0, 1, 1)},
	}
	_, err := Scope(context.Background(), d, nil)
	var me MeasureErrors
	if !errors.As(err, &me) || len(me) != 2 || !errors.Is(err, geo.ErrSelfIntersection) || me[0].What != "zone bow" {
		t.Errorf("bad zones: %v", err)
	}
}

// TestScopeProperties: shares in [0, 1], households conserved, and the report the same
// whatever the number of workers.
func TestScopeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	d := gridDistrict(rng, 6, 6)
	p := newPlan()
	d.Zones = []Zone{
		{ID: "s", Kind: ZoneScope, FieldOffice: "一", Boundary: orb.Polygon{p.ring(randomStar(rng, orb.Point{450, 450}, 500, 30))}},
		{ID: "x", Kind: ZoneExclusion, Boundary: p.rect(300, 300, 520, 480)},
	}
	var first []byte
	for _, w := range []int{1, 4} {
		r, err := Scope(context.Background(), d, &ScopeOptions{RunOptions{Workers: w}})
		if err != nil {
			t.Fatal(err)
		}
		partial := 0
		for _, c := range r.Compounds {
			if c.Share < 0 || c.Share > 1 || c.HouseholdsInScope+c.HouseholdsExcluded+c.HouseholdsUndetermined > c.Households {
				t.Errorf("%s: %+v", c.ID, c)
			}
			if c.Status == ScopePartial {
				partial++
			}
			for _, b := range c.BuildingDetail {
				if b.Share < 0 || b.Share > 1 || (b.InScope && b.Excluded) {
					t.Errorf("%s/%s: %+v", c.ID, b.ID, b)
				}
			}
		}
		if partial == 0 {
			t.Error("no compound straddles the scope")
		}
		b, _ := json.Marshal(r)
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Fatal("the report depends on the number of workers")
		}
	}
}

// denseRect is plan.rect with a vertex every 10 m, so that its edges, straight in the plan,
// are straight in longitude and latitude too (to a few micrometres): a 2 km edge with
// vertices only at its ends would bow by 5 cm between the two.
func (p plan) denseRect(x0, y0, x1, y1 float64) orb.Polygon {
	var r orb.Ring
	side := func(ax, ay, bx, by float64) {
		n := int(math.Ceil(math.Hypot(bx-ax, by-ay) / 10))
		for k := range n {
			t := float64(k) / float64(n)
			r = append(r, p.pt(ax+t*(bx-ax), ay+t*(by-ay)))
		}
	}
	side(x0, y0, x1, y0)
	side(x1, y0, x1, y1)
	side(x1, y1, x0, y1)
	side(x0, y1, x0, y0)
	return orb.Polygon{append(r, r[0])}
}
