package renovation

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// ScopeOptions are the options of Scope.
type ScopeOptions struct {
	RunOptions
}

// ScopeStatus says how much of a compound lies in a programme's scope.
type ScopeStatus string

// The statuses of a compound against the scope.
const (
	ScopeInside  ScopeStatus = "inside"  // all of it
	ScopePartial ScopeStatus = "partial" // some of it
	ScopeOutside ScopeStatus = "outside" // none of it
)

// BuildingScope is one building against the scope.
type BuildingScope struct {
	ID string `json:"id"`
	// Share is the part of the footprint's area in scope, 0–1; 0 without a footprint.
	Share float64 `json:"share"`
	// Located reports that the building has a footprint. Its households are in scope when the
	// footprint's inner point (its centroid, or a point inside an L- or U-shaped footprint) is:
	// a household belongs to one building, and a building is counted where it stands.
	Located bool `json:"located"`
	// InScope reports that the inner point lies in scope: in a scope zone and in no exclusion
	// zone. Excluded reports that it lies in a scope zone but also in an exclusion zone.
	InScope    bool `json:"in_scope"`
	Excluded   bool `json:"excluded"`
	Households int  `json:"households"`
}

// CompoundScope is one compound against a programme's scope: the scope zones of the district
// (ZoneScope) less its exclusion zones (ZoneExclusion).
type CompoundScope struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Community string `json:"community"`
	// FieldOffice is the compound's own FieldOffice, else that of the first scope zone (in
	// the district's order) holding the compound's inner point, else empty.
	FieldOffice string `json:"field_office"`
	// Mapped reports that the compound has a boundary; an unmapped one is outside.
	Mapped bool `json:"mapped"`
	// SiteArea is the geodesic area of the boundary in m²; AreaInScope is Share × SiteArea.
	SiteArea    float64 `json:"site_area_m2"`
	AreaInScope float64 `json:"area_in_scope_m2"`
	// Share is the part of the compound's area in scope, 0–1 (planar areas in its frame).
	Share  float64     `json:"share"`
	Status ScopeStatus `json:"status"`
	// BuildingsInScope counts the buildings whose inner point is in scope, and
	// BuildingEquivalents sums the buildings' footprint shares.
	Buildings           int     `json:"buildings"`
	BuildingsInScope    int     `json:"buildings_in_scope"`
	BuildingEquivalents float64 `json:"building_equivalents"`
	// HouseholdsInScope counts the households of buildings in scope, plus those of buildings
	// without a footprint when the whole compound is in scope; HouseholdsExcluded those of
	// buildings in an exclusion zone; HouseholdsUndetermined those of buildings without a
	// footprint in a compound only partly in scope, which cannot be placed.
	Households             int `json:"households"`
	HouseholdsInScope      int `json:"households_in_scope"`
	HouseholdsExcluded     int `json:"households_excluded"`
	HouseholdsUndetermined int `json:"households_undetermined"`
	ResidentsInScope       int `json:"residents_in_scope"`
	// BuildingDetail is each building in the compound's order.
	BuildingDetail []BuildingScope `json:"building_detail"`
}

// ScopeGroup adds up the compounds of one community, one field office or the whole district.
type ScopeGroup struct {
	// Name is the community or field office; empty for compounds that name none.
	Name string `json:"name"`
	// Compounds counts the compounds with any part in scope, Whole and Partial split them.
	Compounds              int     `json:"compounds"`
	CompoundsWhole         int     `json:"compounds_whole"`
	CompoundsPartial       int     `json:"compounds_partial"`
	AreaInScope            float64 `json:"area_in_scope_m2"`
	BuildingsInScope       int     `json:"buildings_in_scope"`
	HouseholdsInScope      int     `json:"households_in_scope"`
	HouseholdsExcluded     int     `json:"households_excluded"`
	HouseholdsUndetermined int     `json:"households_undetermined"`
	ResidentsInScope       int     `json:"residents_in_scope"`
}

// ScopeReport is a district against a programme's scope.
type ScopeReport struct {
	// Compounds is in the district's order.
	Compounds []CompoundScope `json:"compounds"`
	Totals    ScopeGroup      `json:"totals"`
	// ByCommunity and ByFieldOffice hold one group per name (Compound.Community; the field
	// office as CompoundScope gives it), sorted by name; groups with nothing in scope are
	// left out.
	ByCommunity   []ScopeGroup `json:"by_community"`
	ByFieldOffice []ScopeGroup `json:"by_field_office"`
}

// Scope measures d against a programme's scope; see Analyzer.Scope.
func Scope(ctx context.Context, d *District, opts *ScopeOptions) (*ScopeReport, error) {
	return NewAnalyzer(d).Scope(ctx, opts)
}

// Scope measures which compounds, buildings and households fall inside the programme's
// scope — the district's scope zones, less its exclusion zones (for example the Shichahai
// coal-to-electricity project: the streets that bound it, less the courtyards already on
// central heating) — and counts them by community and by field office (片区), as street
// offices report them. Partial overlaps are measured by area: a compound by the share of its
// site in scope, a building by the share of its footprint; households go with their building's
// inner point, so that they are counted whole (see BuildingScope).
//
// Errors: ctx's error if it is cancelled (checked between compounds); MeasureErrors naming
// every boundary, footprint or zone that cannot be measured.
func (a *Analyzer) Scope(ctx context.Context, opts *ScopeOptions) (*ScopeReport, error) {
	var o ScopeOptions
	if opts != nil {
		o = *opts
	}
	frames, frameErrs, err := a.prepared(ctx, o.RunOptions)
	if err != nil {
		return nil, err
	}
	zs, zoneErr := a.zoneSet()
	cs := a.d.Compounds
	out := make([]CompoundScope, len(cs))
	errs, err := forEach(ctx, len(cs), o.RunOptions, "scope", func(_, i int) error {
		if frames[i] == nil {
			return frameErrs[i]
		}
		var err error
		out[i], err = a.compoundScope(&cs[i], frames[i], zs)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := collect(append(errs, zoneErr)); err != nil {
		return nil, err
	}
	return summariseScope(out), nil
}

// zoneSet holds the district's zones prepared for tests, indexed by bound.
type zoneSet struct {
	ix    geo.Index[int32]
	preps []*geo.Prepared // by zone index; nil for a zone that cannot be measured
}

func (a *Analyzer) zoneSet() (*zoneSet, error) {
	a.zoneOnce.Do(func() {
		zs := &zoneSet{preps: make([]*geo.Prepared, len(a.d.Zones))}
		var errs MeasureErrors
		for i := range a.d.Zones {
			z := &a.d.Zones[i]
			what := "zone " + labelOr(z.ID, z.Name, fmt.Sprint(i+1))
			if z.Kind != ZoneScope && z.Kind != ZoneExclusion {
				errs = append(errs, &MeasureError{What: what, Err: fmt.Errorf("zone kind %q is neither %q nor %q", z.Kind, ZoneScope, ZoneExclusion)})
				continue
			}
			if z.Boundary == nil {
				errs = append(errs, &MeasureError{What: what, Err: fmt.Errorf("zone has no boundary")})
				continue
			}
			if err := checkLonLat(z.ID, z.Boundary, false); err != nil {
				errs = append(errs, &MeasureError{What: what, Err: err})
				continue
			}
			// Zones are prepared in the plane of longitude and latitude, where their edges are
			// straight as GeoJSON means them: a street-long edge straight in a transverse
			// Mercator instead would bow by centimetres, and two zones sharing an edge, each in
			// its own frame, would leave a sliver between them.
			p, err := geo.PreparePlanar(z.Boundary)
			if err != nil {
				if verr := geo.Validate(labelOr(z.ID, z.Name), z.Boundary, &geo.ValidateOptions{SliverArea: -1, SliverWidth: -1}); verr != nil {
					err = verr
				}
				errs = append(errs, &MeasureError{What: what, Err: err})
				continue
			}
			zs.preps[i] = p
			_ = zs.ix.Insert(z.Boundary.Bound(), int32(i))
		}
		a.zones = zs
		if len(errs) > 0 {
			a.zoneErr = errs
		}
	})
	return a.zones, a.zoneErr
}

// scopeRegion is the scope around one compound, in its frame: where a point or an area is
// in scope (in a scope zone and no exclusion zone) and where it is merely in a scope zone.
type scopeRegion struct {
	all, none   bool          // everything near the compound is in scope / nothing is
	in, inScope *geo.Prepared // the scope less exclusions, and the scope zones alone
}

func (s *scopeRegion) share(g orb.Geometry, area float64) (float64, error) {
	switch {
	case s.all:
		return 1, nil
	case s.none || s.in == nil || area <= 0:
		return 0, nil
	}
	// Wholly inside is 1 exactly, not the ratio of two roundings of one area.
	if whole, err := s.in.ContainsProperly(g); err != nil || whole {
		return 1, err
	}
	in, err := s.in.IntersectionArea(g)
	return min(max(in/area, 0), 1), err
}

// locate reports whether p is in scope, and whether it is in a scope zone but excluded.
func (s *scopeRegion) locate(p orb.Point) (in, excluded bool) {
	switch {
	case s.all:
		return true, false
	case s.none || s.inScope == nil:
		return false, false
	}
	in = s.in != nil && s.in.LocatePoint(p) != geo.PointOutside
	return in, !in && s.inScope.LocatePoint(p) != geo.PointOutside
}

// region builds the scope around compound frame f: it classifies the bound of the compound
// and its buildings against the zones, and where that is not clear-cut clips the zones to the
// bound (in the plane of longitude and latitude), projects the pieces into the compound's
// frame with their edges densified, and overlays them there.
func (a *Analyzer) region(f *compoundFrame, zs *zoneSet) (*scopeRegion, error) {
	box := widen(f.search, 2)
	boxPoly := box.ToPolygon()
	var scopes, excls []int
	allIn, anyIn, anyExcl := false, false, false
	var err error
	zs.ix.Search(box, func(_ orb.Bound, i int32) bool {
		p := zs.preps[i]
		meets, e := p.Intersects(boxPoly)
		if e != nil {
			err = e
			return false
		}
		if !meets {
			return true
		}
		if a.d.Zones[i].Kind == ZoneScope {
			scopes = append(scopes, int(i))
			anyIn = true
			if !allIn {
				if allIn, e = p.ContainsProperly(boxPoly); e != nil {
					err = e
					return false
				}
			}
		} else {
			excls = append(excls, int(i))
			anyExcl = true
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	switch {
	case !anyIn:
		return &scopeRegion{none: true}, nil
	case allIn && !anyExcl:
		return &scopeRegion{all: true}, nil
	}
	slices.Sort(scopes)
	slices.Sort(excls)
	pieces := func(ids []int) (orb.Geometry, error) {
		var gs []orb.Geometry
		for _, i := range ids {
			g, err := zs.preps[i].Intersection(boxPoly)
			if err != nil {
				return nil, fmt.Errorf("zone %s: %w", a.d.Zones[i].ID, err)
			}
			if geo.IsEmpty(g) {
				continue
			}
			local, _ := projectAreal(f.tm, densify(g, 20))
			gs = append(gs, local)
		}
		if len(gs) == 0 {
			return nil, nil
		}
		if len(gs) == 1 {
			return gs[0], nil
		}
		return geo.UnionManyPlanar(gs)
	}
	scope, err := pieces(scopes)
	if err != nil || scope == nil {
		return &scopeRegion{none: true}, err
	}
	r := &scopeRegion{}
	if r.inScope, err = geo.PreparePlanar(scope); err != nil {
		return nil, err
	}
	in := scope
	excl, err := pieces(excls)
	if err != nil {
		return nil, err
	}
	if excl != nil {
		if in, err = geo.DifferencePlanar(scope, excl); err != nil {
			return nil, err
		}
	}
	if !geo.IsEmpty(in) {
		if r.in, err = geo.PreparePlanar(in); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// densify returns g (lon/lat) with vertices added along every edge longer than about step
// metres, evenly in longitude and latitude, so that edges straight in degrees (as GeoJSON
// means them) stay straight to a fraction of a millimetre once projected: a 500 m edge bows
// by up to 3 mm in a transverse Mercator, a 20 m one by 5e-6 mm.
func densify(g orb.Geometry, step float64) orb.Geometry {
	ring := func(r orb.Ring) orb.Ring {
		out := make(orb.Ring, 0, len(r))
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			out = append(out, a)
			dx := (b[0] - a[0]) * 111320 * math.Cos(a[1]*math.Pi/180)
			dy := (b[1] - a[1]) * 110574
			n := int(math.Hypot(dx, dy) / step)
			for k := 1; k <= n && n < 100000; k++ {
				t := float64(k) / float64(n+1)
				out = append(out, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])})
			}
		}
		if len(r) > 0 {
			out = append(out, r[len(r)-1])
		}
		return out
	}
	poly := func(p orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, len(p))
		for i, r := range p {
			out[i] = ring(r)
		}
		return out
	}
	switch v := g.(type) {
	case orb.Polygon:
		return poly(v)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(v))
		for i, p := range v {
			out[i] = poly(p)
		}
		return out
	}
	return g
}

func (a *Analyzer) compoundScope(c *Compound, f *compoundFrame, zs *zoneSet) (CompoundScope, error) {
	cs := CompoundScope{ID: c.ID, Name: c.Name, Community: c.Community, FieldOffice: c.FieldOffice, Mapped: f.mapped,
		SiteArea: f.geodesicArea, Buildings: len(c.Buildings), Status: ScopeOutside, BuildingDetail: make([]BuildingScope, len(c.Buildings))}
	for i := range c.Buildings {
		cs.Households += f.households[i]
		cs.BuildingDetail[i] = BuildingScope{ID: c.Buildings[i].ID, Households: f.households[i], Located: f.footprints[i] != nil}
	}
	if f.tm == nil {
		return cs, nil // nothing mapped: nothing in scope
	}
	fail := func(what string, err error) (CompoundScope, error) {
		return cs, &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: what, Err: err}
	}
	reg, err := a.region(f, zs)
	if err != nil {
		return fail("scope zones", err)
	}
	if f.mapped {
		if cs.Share, err = reg.share(f.shape, f.planarArea); err != nil {
			return fail("boundary", err)
		}
		cs.AreaInScope = cs.Share * cs.SiteArea
		switch {
		case cs.Share >= 1:
			cs.Status = ScopeInside
		case cs.Share > 0:
			cs.Status = ScopePartial
		}
		if cs.FieldOffice == "" && cs.Share > 0 {
			cs.FieldOffice = a.zoneOffice(f)
		}
	}
	for i := range c.Buildings {
		bs := &cs.BuildingDetail[i]
		residents := 0
		for _, u := range c.Buildings[i].Units {
			for _, h := range u.Households {
				residents += h.Residents
			}
		}
		if fp := f.footprints[i]; fp != nil {
			if bs.Share, err = reg.share(fp, ringsAreaOf(fp)); err != nil {
				return fail("building "+c.Buildings[i].ID+" footprint", err)
			}
			bs.InScope, bs.Excluded = reg.locate(f.points[i])
		} else {
			switch cs.Status {
			case ScopeInside:
				bs.InScope = true
			case ScopePartial:
				cs.HouseholdsUndetermined += bs.Households
			}
		}
		cs.BuildingEquivalents += bs.Share
		switch {
		case bs.InScope:
			cs.BuildingsInScope++
			cs.HouseholdsInScope += bs.Households
			cs.ResidentsInScope += residents
		case bs.Excluded:
			cs.HouseholdsExcluded += bs.Households
		}
	}
	return cs, nil
}

// zoneOffice returns the field office of the first scope zone holding the compound's inner
// point.
func (a *Analyzer) zoneOffice(f *compoundFrame) string {
	p := f.tm.Inverse(interiorPoint(f.rings))
	best := -1
	a.zones.ix.Search(orb.Bound{Min: p, Max: p}, func(_ orb.Bound, i int32) bool {
		z := &a.d.Zones[i]
		if z.Kind == ZoneScope && a.zones.preps[i] != nil && (best < 0 || int(i) < best) && a.zones.preps[i].LocatePoint(p) != geo.PointOutside {
			best = int(i)
		}
		return true
	})
	if best < 0 {
		return ""
	}
	return a.d.Zones[best].FieldOffice
}

// summariseScope adds up the compounds in total, by community and by field office.
func summariseScope(out []CompoundScope) *ScopeReport {
	r := &ScopeReport{Compounds: out}
	byCommunity, byOffice := map[string]*ScopeGroup{}, map[string]*ScopeGroup{}
	add := func(g *ScopeGroup, c *CompoundScope) {
		if c.Share > 0 {
			g.Compounds++
			if c.Status == ScopeInside {
				g.CompoundsWhole++
			} else {
				g.CompoundsPartial++
			}
		}
		g.AreaInScope += c.AreaInScope
		g.BuildingsInScope += c.BuildingsInScope
		g.HouseholdsInScope += c.HouseholdsInScope
		g.HouseholdsExcluded += c.HouseholdsExcluded
		g.HouseholdsUndetermined += c.HouseholdsUndetermined
		g.ResidentsInScope += c.ResidentsInScope
	}
	group := func(m map[string]*ScopeGroup, name string) *ScopeGroup {
		g := m[name]
		if g == nil {
			g = &ScopeGroup{Name: name}
			m[name] = g
		}
		return g
	}
	for i := range out {
		c := &out[i]
		add(&r.Totals, c)
		if c.Share > 0 || c.BuildingsInScope > 0 || c.HouseholdsExcluded > 0 || c.HouseholdsUndetermined > 0 {
			add(group(byCommunity, c.Community), c)
			add(group(byOffice, c.FieldOffice), c)
		}
	}
	flat := func(m map[string]*ScopeGroup) []ScopeGroup {
		gs := make([]ScopeGroup, 0, len(m))
		for _, g := range m {
			gs = append(gs, *g)
		}
		slices.SortFunc(gs, func(x, y ScopeGroup) int { return cmp.Compare(x.Name, y.Name) })
		return gs
	}
	r.ByCommunity, r.ByFieldOffice = flat(byCommunity), flat(byOffice)
	return r
}
