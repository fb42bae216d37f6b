package renovation

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
)

// Metric is how the distance from a compound to a facility is measured.
type Metric string

// StraightLine is the straight-line distance in metres, in the compound's frame (a local
// transverse Mercator, see Analyzer): the shortest segment from the compound (0 when the
// facility is inside it or touches it) to the facility's point or polygon. It is
// the default.
//
// Walking distance along a street network, which GB 50180-2018's walking times really mean,
// is the Walking metric, with its network given in LifeCircleOptions; StraightLine stays the
// default, so callers that set neither keep their results.
const StraightLine Metric = "straight_line"

// ErrMetric is wrapped by the error of LifeCircle when the options name a metric this version
// cannot compute.
var ErrMetric = errors.New("distance metric not supported")

// LifeCircleOptions are the options of LifeCircle. The zero value measures straight-line
// distances against DefaultRadii on every CPU.
type LifeCircleOptions struct {
	RunOptions
	// Radii is the radius table; nil means DefaultRadii(). It is validated.
	Radii RadiusTable
	// Metric is how distances are measured; "" means StraightLine. Walking needs Network.
	Metric Metric
	// Network is the street network the Walking metric walks on (geo/network); nil otherwise.
	Network *network.Graph
	// WalkSpeed is the walking speed in metres per minute that turns walking distances into
	// FacilityReach.Minutes; 0 means DefaultWalkSpeed. Radii stay in metres.
	WalkSpeed float64
	// SnapMetres is how far a facility, gate or building may lie from the network and still be
	// put onto it (the walk to the network counts); 0 means DefaultSnapMetres.
	SnapMetres float64
}

// FacilityReach is how one compound stands against one entry of the radius table: a kind of
// facility at one tier, within Radius metres.
type FacilityReach struct {
	Kind   FacilityKind `json:"kind"`
	Tier   Tier         `json:"tier"`
	Radius float64      `json:"radius_m"`
	// Nearest is the distance in metres from the compound to the nearest facility of Kind, 0
	// when one lies inside or touches it; nil when the district has no facility of Kind.
	// NearestID is that facility's ID (the first in the district's order on a tie).
	Nearest   *float64 `json:"nearest_m"`
	NearestID string   `json:"nearest_id,omitempty"`
	// Covered reports Nearest ≤ Radius: some facility of Kind is within reach of the compound.
	Covered bool `json:"covered"`
	// AreaShare is the share of the compound's area within Radius of some facility of Kind,
	// 0–1: the area of compound ∩ (the union of the discs of radius Radius about the point
	// facilities and of the polygon facilities grown by Radius), over the compound's area,
	// both planar in its frame. It is 1 when one facility reaches every vertex of the compound
	// (a disc is convex, so it then holds the whole compound), 0 when the nearest facility is
	// beyond Radius, and otherwise computed exactly (see the reach type's notes).
	AreaShare float64 `json:"area_share"`
	// HouseholdsCovered counts the households within reach: those of each building whose
	// footprint's inner point (its centroid, or a point inside an L- or U-shaped footprint)
	// lies within Radius of a facility of Kind, plus AreaShare × the households of buildings
	// without a footprint (CompoundLifeCircle.HouseholdsUnlocated), who are taken to be spread
	// over the compound like its area. It is whole unless the compound has such buildings.
	HouseholdsCovered float64 `json:"households_covered"`

	// The fields below are set by the Walking metric only. Nearest, Covered and
	// HouseholdsCovered are then on foot: Nearest from the compound's best gate (nil when no
	// facility is found within twice Radius on foot), households building by building from
	// each footprint's inner point through the gates; AreaShare stays the straight-line share.
	//
	// StraightLine is the straight-line distance Nearest would be under StraightLine, Ratio
	// Nearest ÷ StraightLine (nil when either is nil or the straight line is 0), Minutes
	// Nearest at LifeCircleOptions.WalkSpeed, and Gate the ID of the gate the walk leaves by
	// (empty when a facility inside the compound is reached from inside).
	StraightLine *float64 `json:"straight_m,omitempty"`
	Ratio        *float64 `json:"ratio,omitempty"`
	Minutes      *float64 `json:"minutes,omitempty"`
	Gate         string   `json:"gate,omitempty"`
	// Unreachable reports that no path in the data joins the compound's gates to any facility
	// of Kind (they lie in different parts of the network), as against one merely beyond reach.
	Unreachable bool `json:"unreachable,omitempty"`
	// NoData reports that the district has no facility of Kind at all: coverage is unknown,
	// not zero. Nearest is then nil, Covered false and AreaShare and HouseholdsCovered 0 in
	// Go; in JSON, covered, area_share and households_covered are null (see MarshalJSON).
	NoData bool `json:"no_data,omitempty"`
}

// MarshalJSON writes fr with its usual keys; when fr.NoData, the unknown values (covered,
// area_share, households_covered, and nearest_m, which is nil already) are null, not false
// or 0. It returns encoding/json's error, which these plain values never raise.
func (fr FacilityReach) MarshalJSON() ([]byte, error) {
	type plain FacilityReach
	if !fr.NoData {
		return json.Marshal(plain(fr))
	}
	return json.Marshal(struct {
		plain
		Covered           *bool    `json:"covered"`
		AreaShare         *float64 `json:"area_share"`
		HouseholdsCovered *float64 `json:"households_covered"`
	}{plain: plain(fr)})
}

// CompoundLifeCircle is one compound's life-circle coverage.
type CompoundLifeCircle struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Mapped reports that the compound has a boundary; an unmapped one is not measured and
	// has no Reach.
	Mapped     bool `json:"mapped"`
	Households int  `json:"households"`
	// HouseholdsUnlocated counts households in buildings without a footprint, which are
	// counted pro rata (see FacilityReach.HouseholdsCovered).
	HouseholdsUnlocated int `json:"households_unlocated"`
	// Reach has one entry per entry of the radius table, in the table's order.
	Reach []FacilityReach `json:"reach"`
	// Set by the Walking metric only: Exit is the rung of the exit ladder the compound's gates
	// come from, Gates the gates walked through (with the nearest street point when none is
	// mapped), and InteriorStraight reports that the walk from each building to a gate was
	// taken as a straight line, not along interior walkways.
	Exit             ExitRung `json:"exit,omitempty"`
	Gates            []Gate   `json:"gates,omitempty"`
	InteriorStraight bool     `json:"interior_straight,omitempty"`
}

// LifeCircleGap is a compound that lacks a kind of facility: none is within reach.
type LifeCircleGap struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Households int    `json:"households"`
	// Nearest is the distance in metres to the nearest facility of the kind, nil when the
	// district has none.
	Nearest *float64 `json:"nearest_m"`
}

// LifeCircleSummary is the district's coverage for one entry of the radius table.
type LifeCircleSummary struct {
	Kind   FacilityKind `json:"kind"`
	Tier   Tier         `json:"tier"`
	Radius float64      `json:"radius_m"`
	Source string       `json:"source,omitempty"`
	Trust  Trust        `json:"trust,omitempty"`
	// Facilities counts the district's facilities of Kind.
	Facilities int `json:"facilities"`
	// Compounds and Households count the mapped compounds and their households; the covered
	// ones are those whose FacilityReach says so, HouseholdsCovered summing its
	// HouseholdsCovered.
	Compounds         int     `json:"compounds"`
	CompoundsCovered  int     `json:"compounds_covered"`
	Households        int     `json:"households"`
	HouseholdsCovered float64 `json:"households_covered"`
	// CompoundRate is CompoundsCovered ÷ Compounds and HouseholdRate HouseholdsCovered ÷
	// Households, 0–1; each is 0 when its denominator is.
	CompoundRate  float64 `json:"compound_rate"`
	HouseholdRate float64 `json:"household_rate"`
	// Gaps lists the compounds not covered, most households first, then by ID; it is empty
	// for a kind with NoData, which is unknown, not a gap.
	Gaps []LifeCircleGap `json:"gaps"`
	// OffNetwork counts, under the Walking metric, the facilities of Kind farther than the snap
	// distance from the network, which no walk reaches.
	OffNetwork int `json:"off_network,omitempty"`
	// NoData reports that the district has no facility of Kind in the data at all (Facilities
	// is 0): coverage is unknown, not zero. Such a kind has no Gaps, and CompoundsCovered,
	// HouseholdsCovered, CompoundRate and HouseholdRate are 0 in Go and null in JSON (see
	// MarshalJSON); Compounds and Households still count the compounds measured.
	NoData bool `json:"no_data,omitempty"`
}

// MarshalJSON writes s with its usual keys; when s.NoData, the unknown counts and rates
// (compounds_covered, households_covered, compound_rate, household_rate) are null, not 0. It
// returns encoding/json's error, which these plain values never raise.
func (s LifeCircleSummary) MarshalJSON() ([]byte, error) {
	type plain LifeCircleSummary
	if !s.NoData {
		return json.Marshal(plain(s))
	}
	return json.Marshal(struct {
		plain
		CompoundsCovered  *int     `json:"compounds_covered"`
		HouseholdsCovered *float64 `json:"households_covered"`
		CompoundRate      *float64 `json:"compound_rate"`
		HouseholdRate     *float64 `json:"household_rate"`
	}{plain: plain(s)})
}

// KindCount is a number of facilities of one kind.
type KindCount struct {
	Kind  FacilityKind `json:"kind"`
	Count int          `json:"count"`
}

// LifeCircleReport is the life-circle coverage of a district.
type LifeCircleReport struct {
	Metric Metric      `json:"metric"`
	Radii  RadiusTable `json:"radii"`
	// Compounds is in the district's order.
	Compounds []CompoundLifeCircle `json:"compounds"`
	// Kinds has one summary per entry of Radii, in its order.
	Kinds []LifeCircleSummary `json:"kinds"`
	// Unmapped lists the IDs of compounds without a boundary, which are not measured.
	Unmapped []string `json:"unmapped"`
	// Unused counts the facilities whose kind the radius table does not list, by kind.
	Unused []KindCount `json:"unused"`
	// WalkSpeed is the walking speed in metres per minute of the Walking metric, 0 otherwise.
	WalkSpeed float64 `json:"walk_speed_m_per_min,omitempty"`
}

// LifeCircle measures the life-circle coverage of d; see Analyzer.LifeCircle.
func LifeCircle(ctx context.Context, d *District, opts *LifeCircleOptions) (*LifeCircleReport, error) {
	return NewAnalyzer(d).LifeCircle(ctx, opts)
}

// LifeCircle measures, for every compound and every entry of the radius table (a facility
// kind at a tier of GB 50180-2018's life circles), the distance to the nearest facility of the
// kind, whether one is within reach, the share of the compound's area within reach and the
// households covered (see FacilityReach); and for the district, per entry, the share of
// compounds and of households covered and the gaps, ranked by the households affected.
//
// Tiers are checked separately, as the standard requires: a facility counts for an entry only
// if its kind is the entry's kind, so a facility of a larger tier never stands in for one a
// smaller tier needs. Facilities of kinds the table does not list are counted in Unused.
//
// Errors: ctx's error if it is cancelled (checked between compounds); the radius table's
// validation error; an error wrapping ErrMetric for a metric other than StraightLine; and
// MeasureErrors naming every boundary, footprint or facility that cannot be measured.
func (a *Analyzer) LifeCircle(ctx context.Context, opts *LifeCircleOptions) (*LifeCircleReport, error) {
	var o LifeCircleOptions
	if opts != nil {
		o = *opts
	}
	if o.Metric == "" {
		o.Metric = StraightLine
	}
	switch o.Metric {
	case StraightLine:
	case Walking:
		return a.walkingLifeCircle(ctx, o)
	default:
		return nil, fmt.Errorf("life circles: %w: %q (this version measures %q and %q)", ErrMetric, o.Metric, StraightLine, Walking)
	}
	radii := o.Radii
	if radii == nil {
		radii = DefaultRadii()
	}
	if err := radii.Validate(); err != nil {
		return nil, fmt.Errorf("life circles: radius table: %w", err)
	}
	frames, frameErrs, err := a.prepared(ctx, o.RunOptions)
	if err != nil {
		return nil, err
	}
	index, facErr := a.facilityIndex()
	cs := a.d.Compounds
	out := make([]CompoundLifeCircle, len(cs))
	scratch := make([]lifeCircleScratch, o.workers(len(cs)))
	errs, err := forEach(ctx, len(cs), o.RunOptions, "life circles", func(w, i int) error {
		if frames[i] == nil {
			return frameErrs[i]
		}
		var err error
		out[i], err = a.compoundLifeCircle(&cs[i], frames[i], radii, index, &scratch[w])
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := collect(append(errs, facErr)); err != nil {
		return nil, err
	}
	return summariseLifeCircle(a.d, radii, o.Metric, index, out), nil
}

// lifeCircleScratch is one worker's working space.
type lifeCircleScratch struct {
	rc    reach
	stamp []uint32 // stamp[i] == gen: facility i is among cands
	gen   uint32
	cands []reachCandidate
}

// reachCandidate is a facility near the compound, projected into its frame.
type reachCandidate struct {
	index int32
	geom  orb.Geometry  // orb.Point, orb.Polygon or orb.MultiPolygon in the frame
	rings [][]orb.Point // the polygon's rings; nil for a point
	dist  float64       // metres from the compound
}

func (a *Analyzer) compoundLifeCircle(c *Compound, f *compoundFrame, radii RadiusTable, index map[FacilityKind]*kindIndex, sc *lifeCircleScratch) (CompoundLifeCircle, error) {
	cl := CompoundLifeCircle{ID: c.ID, Name: c.Name, Mapped: f.mapped}
	for i, h := range f.households {
		cl.Households += h
		if f.footprints[i] == nil {
			cl.HouseholdsUnlocated += h
		}
	}
	if !f.mapped {
		return cl, nil
	}
	if len(sc.stamp) < len(a.d.Facilities) {
		sc.stamp = make([]uint32, len(a.d.Facilities))
	}
	cl.Reach = make([]FacilityReach, len(radii))
	var errs MeasureErrors
	for e, rad := range radii {
		fr := FacilityReach{Kind: rad.Kind, Tier: rad.Tier, Radius: rad.Metres}
		k := index[rad.Kind]
		if k == nil || k.n == 0 {
			fr.NoData = true
			cl.Reach[e] = fr
			continue
		}
		r := rad.Metres
		if err := a.nearFacilities(f, k, r, sc); err != nil {
			errs = append(errs, &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: string(rad.Kind) + " facilities", Err: err})
			continue
		}
		best := -1
		for j := range sc.cands {
			cd := &sc.cands[j]
			if best < 0 || cd.dist < sc.cands[best].dist || (cd.dist == sc.cands[best].dist && cd.index < sc.cands[best].index) {
				best = j
			}
		}
		nearest := sc.cands[best].dist
		fr.Nearest = &nearest
		fr.NearestID = a.d.Facilities[sc.cands[best].index].ID
		fr.Covered = nearest <= r
		if fr.Covered {
			fr.AreaShare = areaShare(f, sc, r)
		}
		// Building by building: a building across the boundary may reach a facility the
		// compound itself does not.
		var covered int
		for i, h := range f.households {
			if h > 0 && f.footprints[i] != nil && pointWithin(f.points[i], sc.cands, r) {
				covered += h
			}
		}
		fr.HouseholdsCovered = float64(covered) + fr.AreaShare*float64(cl.HouseholdsUnlocated)
		cl.Reach[e] = fr
	}
	if len(errs) > 0 {
		return cl, errs
	}
	return cl, nil
}

// nearFacilities fills sc.cands with the facilities of kind index k near the compound: every
// one within r of the compound or of its buildings (for the area share and the households), and
// at least the nearest one, searching ever wider until it is found. Each comes projected into
// the compound's frame with its distance from the compound.
func (a *Analyzer) nearFacilities(f *compoundFrame, k *kindIndex, r float64, sc *lifeCircleScratch) error {
	sc.cands = sc.cands[:0]
	sc.gen++
	if sc.gen == 0 { // wrapped: clear the stamps
		clear(sc.stamp)
		sc.gen = 1
	}
	var err error
	search := func(d float64) orb.Bound {
		b := widen(f.search, d)
		k.ix.Search(b, func(_ orb.Bound, i int32) bool {
			if sc.stamp[i] == sc.gen {
				return true
			}
			sc.stamp[i] = sc.gen
			g, rings := projectLocation(f.tm, a.d.Facilities[i].Location)
			d, e := f.prep.DistanceTo(g)
			if e != nil {
				err = fmt.Errorf("facility %s: %w", a.d.Facilities[i].ID, e)
				return false
			}
			sc.cands = append(sc.cands, reachCandidate{index: i, geom: g, rings: rings, dist: d})
			return true
		})
		return b
	}
	b := search(r)
	for err == nil {
		best := math.Inf(1)
		for _, cd := range sc.cands {
			best = min(best, cd.dist)
		}
		if best <= r || boundCovers(b, k.bound) {
			break
		}
		if !math.IsInf(best, 1) {
			// Whatever is nearer than the nearest found lies within best of the compound.
			search(best)
			break
		}
		r *= 4
		b = search(r)
	}
	return err
}

// boundCovers reports whether a holds all of b.
func boundCovers(a, b orb.Bound) bool {
	return a.Min[0] <= b.Min[0] && a.Min[1] <= b.Min[1] && a.Max[0] >= b.Max[0] && a.Max[1] >= b.Max[1]
}

// areaShare returns the share of the compound within r of the candidates that reach it.
func areaShare(f *compoundFrame, sc *lifeCircleScratch, r float64) float64 {
	if f.planarArea <= 0 {
		return 0
	}
	// One point facility reaching every vertex holds the whole compound (a disc is convex).
	r2 := r * r
	for _, cd := range sc.cands {
		p, ok := cd.geom.(orb.Point)
		if !ok || cd.dist > r {
			continue
		}
		all := true
		for _, ring := range f.rings {
			for _, v := range ring {
				if dx, dy := v[0]-p[0], v[1]-p[1]; dx*dx+dy*dy > r2 {
					all = false
					break
				}
			}
			if !all {
				break
			}
		}
		if all {
			return 1
		}
	}
	rc := &sc.rc
	rc.reset(r)
	pb := f.shape.Bound()
	for _, cd := range sc.cands {
		if cd.dist > r {
			continue
		}
		if p, ok := cd.geom.(orb.Point); ok {
			rc.addDisc(p)
		} else {
			rc.addPolygon(cd.rings, pb)
		}
	}
	area := rc.areaIn(f.rings, func(m orb.Point) bool { return f.prep.LocatePoint(m) == geo.PointInside })
	return min(max(area/f.planarArea, 0), 1)
}

// pointWithin reports whether p lies within r of one of the candidates.
func pointWithin(p orb.Point, cands []reachCandidate, r float64) bool {
	r2 := r * r
	for _, cd := range cands {
		if q, ok := cd.geom.(orb.Point); ok {
			if dx, dy := p[0]-q[0], p[1]-q[1]; dx*dx+dy*dy <= r2 {
				return true
			}
			continue
		}
		if evenOddInside(cd.rings, p) {
			return true
		}
		for _, ring := range cd.rings {
			for i := 0; i+1 < len(ring); i++ {
				if segmentDist2(p, ring[i], ring[i+1]) <= r2 {
					return true
				}
			}
		}
	}
	return false
}

// segmentDist2 is the squared distance from p to segment a–b.
func segmentDist2(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = min(max(((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2, 0), 1)
	}
	ex, ey := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return ex*ex + ey*ey
}

// summariseLifeCircle adds up the compounds' coverage per entry of the radius table.
func summariseLifeCircle(d *District, radii RadiusTable, metric Metric, index map[FacilityKind]*kindIndex, out []CompoundLifeCircle) *LifeCircleReport {
	rep := &LifeCircleReport{Metric: metric, Radii: radii, Compounds: out, Unmapped: []string{}, Unused: []KindCount{}}
	for e, rad := range radii {
		s := LifeCircleSummary{Kind: rad.Kind, Tier: rad.Tier, Radius: rad.Metres, Source: rad.Source, Trust: rad.Trust, Gaps: []LifeCircleGap{}}
		if k := index[rad.Kind]; k != nil {
			s.Facilities = k.n
		}
		s.NoData = s.Facilities == 0
		for i := range out {
			c := &out[i]
			if !c.Mapped {
				continue
			}
			fr := &c.Reach[e]
			s.Compounds++
			s.Households += c.Households
			s.HouseholdsCovered += fr.HouseholdsCovered
			if fr.Covered {
				s.CompoundsCovered++
			} else if !s.NoData {
				s.Gaps = append(s.Gaps, LifeCircleGap{ID: c.ID, Name: c.Name, Households: c.Households, Nearest: fr.Nearest})
			}
		}
		if s.Compounds > 0 {
			s.CompoundRate = float64(s.CompoundsCovered) / float64(s.Compounds)
		}
		if s.Households > 0 {
			s.HouseholdRate = s.HouseholdsCovered / float64(s.Households)
		}
		sortGaps(s.Gaps)
		rep.Kinds = append(rep.Kinds, s)
	}
	for i := range out {
		if !out[i].Mapped {
			rep.Unmapped = append(rep.Unmapped, out[i].ID)
		}
	}
	listed := map[FacilityKind]bool{}
	for _, rad := range radii {
		listed[rad.Kind] = true
	}
	for kind, k := range index {
		if !listed[kind] {
			rep.Unused = append(rep.Unused, KindCount{Kind: kind, Count: k.n})
		}
	}
	slices.SortFunc(rep.Unused, func(x, y KindCount) int { return cmp.Compare(x.Kind, y.Kind) })
	return rep
}
