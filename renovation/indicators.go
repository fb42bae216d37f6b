package renovation

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// SiteAreaBasis says which site area a compound's ratios divide by.
type SiteAreaBasis string

const (
	// SiteAreaSurveyed divides by the surveyed site area (用地面积, Compound.SiteArea) when it
	// is given, and by the geodesic area of the boundary otherwise: the model's rule, since a
	// surveyed figure is what the planning permit and the programme's ledgers use. The default.
	SiteAreaSurveyed SiteAreaBasis = "surveyed"
	// SiteAreaGeodesic always divides by the geodesic area of the boundary, so that every
	// ratio compares the map with the map (the footprints and green spaces are clipped to that
	// boundary).
	SiteAreaGeodesic SiteAreaBasis = "geodesic"
)

// IndicatorOptions are the options of Indicators. The zero value divides by the surveyed site
// area where given and runs on every CPU.
type IndicatorOptions struct {
	RunOptions
	// Basis chooses the site area the ratios divide by; "" means SiteAreaSurveyed.
	Basis SiteAreaBasis
}

// CompoundIndicators are the density and intensity indicators of one compound, with the
// counts behind them. Areas are m², ratios are dimensionless (0–1 for coverage and green
// ratio; FAR is usually 0.5–3). The definitions are the usual ones (domain notes §4.3; GB
// 50180-2018 Table 4.0.2 sets limits on them):
//
//	building coverage 建筑密度 = building footprint (基底面积) ÷ site area
//	floor-area ratio  容积率   = total floor area ÷ site area
//	green ratio       绿地率   = green area ÷ site area
//
// Footprints and green spaces are clipped to the compound's boundary; the floor area counts
// every building of the compound whole (a building belongs to one compound). Ratios divide by
// RatioArea, the area RatioBasis names, and are 0 when it is 0.
type CompoundIndicators struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Mapped reports that the compound has a boundary; without one, SiteArea, the clipped
	// footprint and the green area are 0 and the footprints count whole.
	Mapped bool `json:"mapped"`
	// SiteArea is the geodesic area of the boundary on the WGS84 ellipsoid (geo.Area).
	SiteArea float64 `json:"site_area_m2"`
	// SurveyedSiteArea is Compound.SiteArea, 0 when not surveyed.
	SurveyedSiteArea float64 `json:"surveyed_site_area_m2,omitempty"`
	// RatioBasis is the site area the ratios divide by, "surveyed" or "geodesic" ("" when
	// the compound has neither), and RatioArea its value.
	RatioBasis SiteAreaBasis `json:"ratio_basis"`
	RatioArea  float64       `json:"ratio_area_m2"`

	// FootprintArea is the area of the buildings' footprints inside the boundary, planar in
	// the compound's frame (see Analyzer); FootprintOutside is the rest of those footprints.
	FootprintArea    float64 `json:"footprint_area_m2"`
	FootprintOutside float64 `json:"footprint_outside_m2"`
	// BuildingCoverage is FootprintArea ÷ RatioArea (建筑密度), 0–1.
	BuildingCoverage float64 `json:"building_coverage"`

	// FloorArea is the total floor area (总建筑面积): each building's surveyed FloorArea, else
	// its footprint's area × storeys, as Building.GrossFloorArea defines it. The footprint's
	// area is taken planar in the compound's frame, which equals its geodesic area to better
	// than 1e-9 and is more exact than geo.Area on so small a polygon (whose rounding is about
	// 1e-6 m², 7e-9 of a 200 m² footprint).
	FloorArea float64 `json:"floor_area_m2"`
	// FAR is FloorArea ÷ RatioArea (容积率).
	FAR float64 `json:"far"`

	// GreenArea is the area of the district's green spaces inside the boundary, overlapping
	// green spaces counted once; GreenRatio is GreenArea ÷ RatioArea (绿地率), 0–1.
	GreenArea  float64 `json:"green_area_m2"`
	GreenRatio float64 `json:"green_ratio"`

	// Buildings counts the compound's buildings; BuildingsMapped those with a footprint, and
	// BuildingsCrossing those whose footprint crosses the boundary.
	Buildings         int `json:"buildings"`
	BuildingsMapped   int `json:"buildings_mapped"`
	BuildingsCrossing int `json:"buildings_crossing"`
	// FloorAreaSurveyed counts buildings whose floor area was given, FloorAreaDerived those
	// whose floor area is footprint × storeys, of which StoreysSynthetic have generated storeys
	// (Building.IsSynthetic("storeys")), and FloorAreaUnknown those with neither a floor area
	// nor both a footprint and storeys, which add nothing to FloorArea.
	FloorAreaSurveyed int `json:"floor_area_surveyed"`
	FloorAreaDerived  int `json:"floor_area_derived"`
	StoreysSynthetic  int `json:"storeys_synthetic"`
	FloorAreaUnknown  int `json:"floor_area_unknown"`

	// Households and Residents come from the roster (the compound's units).
	Households int `json:"households"`
	Residents  int `json:"residents"`
	// HouseholdsPerHectare is Households ÷ (RatioArea / 10,000 m²).
	HouseholdsPerHectare float64 `json:"households_per_ha"`

	// ElevatorCandidates counts buildings of MinElevatorStoreys or more storeys without an
	// elevator (加装电梯 candidates, as ElevatorCandidates lists them stairwell by stairwell),
	// and ElevatorCandidateHouseholds the households of their stairwells without one.
	ElevatorCandidates          int `json:"elevator_candidates"`
	ElevatorCandidateHouseholds int `json:"elevator_candidate_households"`
}

// IndicatorTotals adds up the indicators over a district. Its ratios are ratios of the sums
// (Σ footprint ÷ Σ ratio area, …), not means of the compounds' ratios.
type IndicatorTotals struct {
	Compounds                   int     `json:"compounds"`
	Mapped                      int     `json:"mapped"`
	SiteArea                    float64 `json:"site_area_m2"`
	RatioArea                   float64 `json:"ratio_area_m2"`
	FootprintArea               float64 `json:"footprint_area_m2"`
	BuildingCoverage            float64 `json:"building_coverage"`
	FloorArea                   float64 `json:"floor_area_m2"`
	FAR                         float64 `json:"far"`
	GreenArea                   float64 `json:"green_area_m2"`
	GreenRatio                  float64 `json:"green_ratio"`
	Buildings                   int     `json:"buildings"`
	BuildingsCrossing           int     `json:"buildings_crossing"`
	FloorAreaDerived            int     `json:"floor_area_derived"`
	StoreysSynthetic            int     `json:"storeys_synthetic"`
	FloorAreaUnknown            int     `json:"floor_area_unknown"`
	Households                  int     `json:"households"`
	Residents                   int     `json:"residents"`
	HouseholdsPerHectare        float64 `json:"households_per_ha"`
	ElevatorCandidates          int     `json:"elevator_candidates"`
	ElevatorCandidateHouseholds int     `json:"elevator_candidate_households"`
}

// IndicatorReport holds the indicators of every compound of a district, in the district's
// order, and their totals.
type IndicatorReport struct {
	Basis     SiteAreaBasis        `json:"basis"`
	Compounds []CompoundIndicators `json:"compounds"`
	Totals    IndicatorTotals      `json:"totals"`
}

// Indicators computes the indicators of every compound of d; see Analyzer.Indicators.
func Indicators(ctx context.Context, d *District, opts *IndicatorOptions) (*IndicatorReport, error) {
	return NewAnalyzer(d).Indicators(ctx, opts)
}

// Indicators computes the density and intensity indicators of every compound (see
// CompoundIndicators) and their district totals. Compounds are measured in parallel; the
// report is in the district's order and the same whatever the number of workers.
//
// Errors: ctx's error if it is cancelled (checked between compounds); MeasureErrors naming
// every boundary, footprint or green space that cannot be measured (not a valid polygon, a
// coordinate out of range); an unknown Basis.
func (a *Analyzer) Indicators(ctx context.Context, opts *IndicatorOptions) (*IndicatorReport, error) {
	var o IndicatorOptions
	if opts != nil {
		o = *opts
	}
	switch o.Basis {
	case "":
		o.Basis = SiteAreaSurveyed
	case SiteAreaSurveyed, SiteAreaGeodesic:
	default:
		return nil, fmt.Errorf("indicators: site area basis %q is neither %q nor %q", o.Basis, SiteAreaSurveyed, SiteAreaGeodesic)
	}
	frames, frameErrs, err := a.prepared(ctx, o.RunOptions)
	if err != nil {
		return nil, err
	}
	greens, greenErr := a.greenIndex()
	cs := a.d.Compounds
	out := make([]CompoundIndicators, len(cs))
	errs, err := forEach(ctx, len(cs), o.RunOptions, "indicators", func(_, i int) error {
		if frames[i] == nil {
			return frameErrs[i]
		}
		var err error
		out[i], err = a.compoundIndicators(&cs[i], frames[i], greens, o.Basis)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := collect(append(errs, greenErr)); err != nil {
		return nil, err
	}
	r := &IndicatorReport{Basis: o.Basis, Compounds: out}
	t := &r.Totals
	for i := range out {
		c := &out[i]
		t.Compounds++
		if c.Mapped {
			t.Mapped++
		}
		t.SiteArea += c.SiteArea
		t.RatioArea += c.RatioArea
		t.FootprintArea += c.FootprintArea
		t.FloorArea += c.FloorArea
		t.GreenArea += c.GreenArea
		t.Buildings += c.Buildings
		t.BuildingsCrossing += c.BuildingsCrossing
		t.FloorAreaDerived += c.FloorAreaDerived
		t.StoreysSynthetic += c.StoreysSynthetic
		t.FloorAreaUnknown += c.FloorAreaUnknown
		t.Households += c.Households
		t.Residents += c.Residents
		t.ElevatorCandidates += c.ElevatorCandidates
		t.ElevatorCandidateHouseholds += c.ElevatorCandidateHouseholds
	}
	if t.RatioArea > 0 {
		t.BuildingCoverage = t.FootprintArea / t.RatioArea
		t.FAR = t.FloorArea / t.RatioArea
		t.GreenRatio = t.GreenArea / t.RatioArea
		t.HouseholdsPerHectare = float64(t.Households) / (t.RatioArea / 10000)
	}
	return r, nil
}

func (a *Analyzer) compoundIndicators(c *Compound, f *compoundFrame, greens *geo.Index[int32], basis SiteAreaBasis) (CompoundIndicators, error) {
	ci := CompoundIndicators{ID: c.ID, Name: c.Name, Mapped: f.mapped, SiteArea: f.geodesicArea, SurveyedSiteArea: c.SiteArea, Buildings: len(c.Buildings)}
	switch {
	case basis == SiteAreaSurveyed && c.SiteArea > 0:
		ci.RatioBasis, ci.RatioArea = SiteAreaSurveyed, c.SiteArea
	case f.mapped:
		ci.RatioBasis, ci.RatioArea = SiteAreaGeodesic, f.geodesicArea
	}
	var errs MeasureErrors
	fail := func(what string, err error) {
		errs = append(errs, &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: what, Err: err})
	}
	for i := range c.Buildings {
		b := &c.Buildings[i]
		if fp := f.footprints[i]; fp != nil {
			ci.BuildingsMapped++
			whole := ringsAreaOf(fp)
			if !f.mapped {
				ci.FootprintArea += whole
			} else if in, err := f.prep.IntersectionArea(fp); err != nil {
				fail("building "+b.ID+" footprint", err)
			} else {
				ci.FootprintArea += in
				if out := whole - in; out > 1e-9*whole {
					ci.FootprintOutside += out
					ci.BuildingsCrossing++
				}
			}
		}
		switch {
		case b.FloorArea > 0:
			ci.FloorAreaSurveyed++
			ci.FloorArea += b.FloorArea
		case b.Storeys > 0 && f.footprints[i] != nil:
			ci.FloorAreaDerived++
			if b.IsSynthetic("storeys") {
				ci.StoreysSynthetic++
			}
			ci.FloorArea += ringsAreaOf(f.footprints[i]) * float64(b.Storeys)
		default:
			ci.FloorAreaUnknown++
		}
		candidate := b.ElevatorCandidate()
		lacking := len(b.Units) == 0
		for j := range b.Units {
			u := &b.Units[j]
			ci.Households += len(u.Households)
			for k := range u.Households {
				ci.Residents += u.Households[k].Residents
			}
			if candidate && !u.HasElevator {
				lacking = true
				ci.ElevatorCandidateHouseholds += len(u.Households)
			}
		}
		if candidate && lacking {
			ci.ElevatorCandidates++
		}
	}
	if f.mapped {
		g, err := a.greenArea(f, greens)
		if err != nil {
			for _, e := range err {
				fail(e.What, e.Err)
			}
		}
		ci.GreenArea = g
	}
	if len(errs) > 0 {
		return ci, errs
	}
	if ci.RatioArea > 0 {
		ci.BuildingCoverage = ci.FootprintArea / ci.RatioArea
		ci.FAR = ci.FloorArea / ci.RatioArea
		ci.GreenRatio = ci.GreenArea / ci.RatioArea
		ci.HouseholdsPerHectare = float64(ci.Households) / (ci.RatioArea / 10000)
	}
	return ci, nil
}

// ringsAreaOf is the planar area of a projected, oriented polygon or multipolygon.
func ringsAreaOf(g orb.Geometry) float64 {
	switch v := g.(type) {
	case orb.Polygon:
		var s float64
		for _, r := range v {
			s += signedArea(r)
		}
		return s
	case orb.MultiPolygon:
		var s float64
		for _, p := range v {
			s += ringsAreaOf(p)
		}
		return s
	}
	return 0
}

// greenIndex returns the district's green spaces indexed by lon/lat bound, built on first
// use, or MeasureErrors naming those that are not polygons in range.
func (a *Analyzer) greenIndex() (*geo.Index[int32], error) {
	a.greenOnce.Do(func() {
		ix := &geo.Index[int32]{}
		var errs MeasureErrors
		for i := range a.d.GreenSpaces {
			g := &a.d.GreenSpaces[i]
			what := "green space " + labelOr(g.ID, g.Name, fmt.Sprint(i+1))
			if g.Area == nil {
				errs = append(errs, &MeasureError{What: what, Err: fmt.Errorf("green space has no area")})
				continue
			}
			if err := checkLonLat(g.ID, g.Area, false); err != nil {
				errs = append(errs, &MeasureError{What: what, Err: err})
				continue
			}
			if err := ix.Insert(g.Area.Bound(), int32(i)); err != nil {
				errs = append(errs, &MeasureError{What: what, Err: err})
			}
		}
		a.greens = ix
		if len(errs) > 0 {
			a.greenErr = errs
		}
	})
	return a.greens, a.greenErr
}

// greenArea returns the area of the green spaces inside the compound, in its frame. Green
// spaces whose bounds overlap are unioned first, so that an overlap counts once; the others
// are clipped one by one, which is exact and needs no overlay.
func (a *Analyzer) greenArea(f *compoundFrame, greens *geo.Index[int32]) (float64, MeasureErrors) {
	type cand struct {
		i     int32
		g     orb.Geometry
		bound orb.Bound
		group int
	}
	var cs []cand
	var errs MeasureErrors
	greens.Search(f.boundary, func(_ orb.Bound, i int32) bool {
		g, _ := projectAreal(f.tm, a.d.GreenSpaces[i].Area)
		cs = append(cs, cand{i: i, g: g, bound: g.Bound(), group: len(cs)})
		return true
	})
	// Group candidates whose bounds meet (a union-find over a handful of items).
	var root func(k int) int
	root = func(k int) int {
		for cs[k].group != k {
			k = cs[k].group
		}
		return k
	}
	for x := range cs {
		for y := x + 1; y < len(cs); y++ {
			if boundsMeet(cs[x].bound, cs[y].bound) {
				rx, ry := root(x), root(y)
				if rx != ry {
					cs[max(rx, ry)].group = min(rx, ry)
				}
			}
		}
	}
	var total float64
	for k := range cs {
		if root(k) != k {
			continue
		}
		g := cs[k].g
		var members []orb.Geometry
		for m := range cs {
			if root(m) == k {
				members = append(members, cs[m].g)
			}
		}
		what := "green space " + greenLabel(a.d, cs[k].i)
		if len(members) > 1 {
			u, err := geo.UnionManyPlanar(members)
			if err != nil {
				errs = append(errs, &MeasureError{What: "green spaces (union)", Err: err})
				continue
			}
			g, what = u, "green spaces (union)"
		}
		in, err := f.prep.IntersectionArea(g)
		if err != nil {
			errs = append(errs, &MeasureError{What: what, Err: err})
			continue
		}
		total += in
	}
	return total, errs
}

func greenLabel(d *District, i int32) string {
	g := &d.GreenSpaces[i]
	return labelOr(g.ID, g.Name, fmt.Sprint(i+1))
}

func boundsMeet(a, b orb.Bound) bool {
	return a.Min[0] <= b.Max[0] && a.Max[0] >= b.Min[0] && a.Min[1] <= b.Max[1] && a.Max[1] >= b.Min[1]
}
