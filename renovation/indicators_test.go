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

// plan builds fixtures in metres in a transverse Mercator centred on lon 121.5, lat 31.2 and
// converts them to lon/lat, so that the expected areas are those of the plan.
type plan struct{ tm *geo.TransverseMercator }

func newPlan() plan { return plan{geo.LocalTM(orb.Point{121.5, 31.2})} }

func (p plan) pt(x, y float64) orb.Point { return p.tm.Inverse(orb.Point{x, y}) }

// rect is the rectangle [x0, x1] × [y0, y1] in metres as a lon/lat polygon.
func (p plan) rect(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{p.ring(rectRing(x0, y0, x1, y1))}
}

func (p plan) ring(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, q := range r {
		out[i] = p.tm.Inverse(q)
	}
	return out
}

// siteArea100 is the geodesic area on WGS84 of the plan's 100 m × 100 m square
// [−50, 50] × [−50, 50], computed with GeographicLib's Planimeter (geographiclib-tools) from
// the square's corners as plan.pt gives them:
//
//	printf '31.199549032119727 121.49947536750322\n31.199549032119727 121.50052463249678\n31.200450965709532 121.50052463747384\n31.200450965709532 121.49947536252616\n' | Planimeter -p 15
//	4 399.9999999916 10000.00000
//
// The footprints' geodesic areas, likewise, are 400.00000 and 200.00000 m² for buildings 1
// and 2, so their hand areas stand to 1e-5 m².
const siteArea100 = 10000.00000

// handDistrict is a 100 m square compound with four buildings and three green spaces whose
// indicators are worked out by hand in TestIndicatorsHandComputed.
func handDistrict() *District {
	p := newPlan()
	return &District{
		Compounds: []Compound{{
			ID: "c1", Name: "手算小区", Boundary: p.rect(-50, -50, 50, 50),
			Buildings: []Building{
				// 10 × 40 m, 6 storeys: 400 m² inside, 2,400 m² of floor.
				{ID: "1", Footprint: p.rect(-40, 0, 0, 10), Storeys: 6, Units: units(2, 6)},
				// 10 × 20 m across the east edge, half outside; 5 storeys: 100 m² inside,
				// 1,000 m² of floor (it belongs to the compound whole).
				{ID: "2", Footprint: p.rect(40, -20, 60, -10), Storeys: 5, Synthetic: []string{"storeys"}},
				// 10 × 10 m with a surveyed floor area of 1,000 m²: 100 m² inside.
				{ID: "3", Footprint: p.rect(10, 20, 20, 30), Storeys: 3, FloorArea: 1000},
				// no storeys: its 100 m² count in the footprint, not in the floor area.
				{ID: "4", Footprint: p.rect(10, 35, 20, 45)},
			},
		}},
		GreenSpaces: []GreenSpace{
			{ID: "g1", Area: p.rect(-40, -40, -20, -20)},
			{ID: "g2", Area: p.rect(-30, -30, -10, -10)}, // overlaps g1 by 100 m²
			{ID: "g3", Area: p.rect(-10, -60, 10, -45)},  // 20 × 5 m inside
		},
	}
}

// units returns n stairwells of 2 households per floor on each of storeys floors, 2
// residents each.
func units(n, storeys int) []Unit {
	var us []Unit
	for u := range n {
		var hs []Household
		for f := 1; f <= storeys; f++ {
			for k := range 2 {
				hs = append(hs, Household{ID: string(rune('A'+f)) + string(rune('a'+k)), Floor: f, Area: 6000, Residents: 2})
			}
		}
		us = append(us, Unit{ID: string(rune('1' + u)), Households: hs})
	}
	return us
}

func TestIndicatorsHandComputed(t *testing.T) {
	r, err := Indicators(context.Background(), handDistrict(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Compounds[0]
	const footprint = 400 + 100 + 100 + 100
	const floor = 2400 + 1000 + 1000
	const green = 700 + 100
	want := CompoundIndicators{
		ID: "c1", Name: "手算小区", Mapped: true,
		SiteArea: siteArea100, RatioBasis: SiteAreaGeodesic, RatioArea: siteArea100,
		FootprintArea: footprint, FootprintOutside: 100, BuildingCoverage: footprint / siteArea100,
		FloorArea: floor, FAR: floor / siteArea100,
		GreenArea: green, GreenRatio: green / siteArea100,
		Buildings: 4, BuildingsMapped: 4, BuildingsCrossing: 1,
		FloorAreaSurveyed: 1, FloorAreaDerived: 2, StoreysSynthetic: 1, FloorAreaUnknown: 1,
		Households: 24, Residents: 48, HouseholdsPerHectare: 24 / (siteArea100 / 10000),
		ElevatorCandidates: 2, ElevatorCandidateHouseholds: 24,
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-9, 1e-9)); diff != "" {
		t.Errorf("indicators (-want +got):\n%s", diff)
	}
	if r.Totals.FAR != got.FAR || r.Totals.Households != 24 {
		t.Errorf("totals %+v do not repeat the one compound", r.Totals)
	}
}

func TestIndicatorsSurveyedSiteArea(t *testing.T) {
	d := handDistrict()
	d.Compounds[0].SiteArea = 12500
	r, err := Indicators(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Compounds[0]
	if c.RatioBasis != SiteAreaSurveyed || c.RatioArea != 12500 || math.Abs(c.FAR-4400.0/12500) > 1e-9 || math.Abs(c.SiteArea-siteArea100) > 1e-5 {
		t.Errorf("surveyed basis: %+v", c)
	}
	r, err = Indicators(context.Background(), d, &IndicatorOptions{Basis: SiteAreaGeodesic})
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Compounds[0]; c.RatioBasis != SiteAreaGeodesic || math.Abs(c.FAR-4400/siteArea100) > 1e-9 {
		t.Errorf("geodesic basis: %+v", c)
	}
	if _, err := Indicators(context.Background(), d, &IndicatorOptions{Basis: "cadastral"}); err == nil {
		t.Error("unknown basis accepted")
	}
}

// TestIndicatorsHole: a compound with a school in it (a hole) has the school's area taken
// from its site, and a building mapped inside the school counts nothing inside the compound.
func TestIndicatorsHole(t *testing.T) {
	p := newPlan()
	d := &District{Compounds: []Compound{{
		ID: "c", Boundary: orb.Polygon{p.ring(rectRing(-50, -50, 50, 50)), p.ring(reverseRing(rectRing(-20, -20, 20, 20)))},
		Buildings: []Building{
			{ID: "in", Footprint: p.rect(30, 30, 40, 40), Storeys: 6},
			{ID: "school", Footprint: p.rect(-10, -10, 10, 10), Storeys: 3},
		},
	}}}
	r, err := Indicators(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Compounds[0]
	if math.Abs(c.SiteArea-8400) > 1e-5 || math.Abs(c.FootprintArea-100) > 1e-7 || math.Abs(c.FootprintOutside-400) > 1e-7 || c.BuildingsCrossing != 1 {
		t.Errorf("compound with a hole: %+v", c)
	}
}

func TestIndicatorsErrors(t *testing.T) {
	p := newPlan()
	bow := orb.Polygon{{p.pt(0, 0), p.pt(100, 100), p.pt(100, 0), p.pt(0, 100), p.pt(0, 0)}}
	d := &District{Compounds: []Compound{
		{ID: "ok", Boundary: p.rect(0, 0, 10, 10)},
		{ID: "bow", Name: "蝴蝶小区", Boundary: bow},
		{ID: "fp", Boundary: p.rect(0, 0, 100, 100), Buildings: []Building{{ID: "7", Footprint: bow}}},
	}}
	_, err := Indicators(context.Background(), d, nil)
	var me MeasureErrors
	if !errors.As(err, &me) || len(me) != 2 {
		t.Fatalf("want 2 measure errors, got %v", err)
	}
	if !errors.Is(err, geo.ErrSelfIntersection) {
		t.Errorf("error does not wrap geo.ErrSelfIntersection: %v", err)
	}
	if me[0].CompoundID != "bow" || me[0].What != "boundary" || me[1].CompoundID != "fp" || me[1].What != "building 7 footprint" {
		t.Errorf("errors name %+v and %+v", me[0], me[1])
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Indicators(ctx, handDistrict(), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestIndicatorsDeterministic: the report does not depend on the number of workers, and each
// compound's indicators do not depend on the order of the compounds.
func TestIndicatorsDeterministic(t *testing.T) {
	d := gridDistrict(rand.New(rand.NewPCG(3, 4)), 6, 6)
	var first []byte
	for _, w := range []int{1, 2, 5} {
		r, err := Indicators(context.Background(), d, &IndicatorOptions{RunOptions: RunOptions{Workers: w}})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(r)
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Fatalf("workers %d changed the report", w)
		}
	}
	var base IndicatorReport
	_ = json.Unmarshal(first, &base)
	byID := map[string]CompoundIndicators{}
	for _, c := range base.Compounds {
		byID[c.ID] = c
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3 {
		shuffled := *d
		shuffled.Compounds = append([]Compound(nil), d.Compounds...)
		rng.Shuffle(len(shuffled.Compounds), func(i, j int) {
			shuffled.Compounds[i], shuffled.Compounds[j] = shuffled.Compounds[j], shuffled.Compounds[i]
		})
		r, err := Indicators(context.Background(), &shuffled, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range r.Compounds {
			if c.ID != shuffled.Compounds[i].ID {
				t.Fatalf("report out of model order at %d", i)
			}
			if diff := cmp.Diff(byID[c.ID], c); diff != "" {
				t.Fatalf("compound %s changed with the order (-before +after):\n%s", c.ID, diff)
			}
		}
	}
}

// gridDistrict is nx × ny compounds of 100 m squares 150 m apart, each with a few buildings,
// a green space and households, and facilities of the default kinds scattered among them.
func gridDistrict(rng *rand.Rand, nx, ny int) *District {
	p := newPlan()
	d := &District{ID: "grid"}
	for i := range nx {
		for j := range ny {
			x, y := float64(i)*150, float64(j)*150
			c := Compound{ID: string(rune('A'+i)) + string(rune('a'+j)), Boundary: p.rect(x, y, x+100, y+100)}
			for k := range 3 {
				bx := x + 10 + float64(k)*30 + rng.Float64()*5
				by := y + 10 + rng.Float64()*70
				if k == 2 && rng.IntN(2) == 0 {
					by = y + 95 // across the north edge
				}
				c.Buildings = append(c.Buildings, Building{ID: string(rune('1' + k)), Footprint: p.rect(bx, by, bx+15, by+12), Storeys: 3 + rng.IntN(10), Units: units(1+rng.IntN(2), 2)})
			}
			d.Compounds = append(d.Compounds, c)
			d.GreenSpaces = append(d.GreenSpaces, GreenSpace{ID: c.ID + "g", Area: p.rect(x+40, y+40, x+60+rng.Float64()*50, y+60)})
		}
	}
	kinds := DefaultRadii()
	for k := range 3 * nx * ny {
		pt := p.pt(rng.Float64()*150*float64(nx), rng.Float64()*150*float64(ny))
		d.Facilities = append(d.Facilities, Facility{ID: "f" + string(rune('0'+k%10)) + string(rune('a'+k/10%26)) + string(rune('a'+k/260)), Kind: kinds[k%len(kinds)].Kind, Location: pt})
	}
	return d
}
