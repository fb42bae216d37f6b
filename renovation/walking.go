package renovation

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
)

// Walking is the walking distance along a street network (LifeCircleOptions.Network): from a
// building, inside its compound to one of the compound's gates, then along the streets to the
// facility. The walk inside the compound is the straight line from the building's inner point
// to the gate in this version (interior walkways are not followed; CompoundLifeCircle.
// InteriorStraight says so); from the gate on it is the exact network distance. A facility
// inside the compound is reached from inside, in a straight line, without the gate.
//
// A compound with no gates (Compound.Gates empty; see FindExits for the ladder that finds
// them) leaves by the point of its boundary nearest to the street network, flagged as
// ExitNearest.
const Walking Metric = "walking"

// DefaultWalkSpeed is the walking speed in metres per minute when LifeCircleOptions.WalkSpeed
// is 0: 1,000 m in 15 minutes, the upper end of GB 50180-2018's 15-minute life circle.
const DefaultWalkSpeed = 1000.0 / 15

// DefaultSnapMetres is how far a facility, gate or building may lie from the street network
// and still be put onto it, when LifeCircleOptions.SnapMetres is 0.
const DefaultSnapMetres = 300

// walkSearchFactor makes each search reach this many times its radius, so that compounds just
// beyond reach still get a walking distance (and a ratio) rather than only "beyond reach".
const walkSearchFactor = 2

// walkModel is what the walking metric computes once per run and every scenario reuses: one
// bounded search per (kind, radius) from the facilities snapped onto the network, and each
// compound's gates, buildings and inner facilities.
type walkModel struct {
	g     *network.Graph
	radii RadiusTable
	snap  float64
	res   []*network.Result    // per radius entry
	comps []map[int]bool       // per radius entry: the components of its facilities
	cs    []walkCompound       // per compound
	fac   []Facility           // the district's facilities
	off   map[FacilityKind]int // facilities of each kind not on the network
}

// walkCompound is one compound as the walking metric sees it.
type walkCompound struct {
	mapped bool
	exit   ExitRung
	gates  []walkGate
	tm     *geo.TransverseMercator
	pts    []orb.Point        // per building: its inner point in lon/lat, NaN when no footprint
	hh     []int              // per building: households
	unloc  int                // households of buildings without a footprint
	inside [][]insideFacility // per radius entry
	bounds orb.Bound
}

// walkGate is a gate put onto the network.
type walkGate struct {
	Gate
	at   network.Location
	snap float64 // metres from the gate to the network
}

// insideFacility is a facility inside the compound, in the compound's frame.
type insideFacility struct {
	index int32
	geom  orb.Geometry
	rings [][]orb.Point
}

func (o *LifeCircleOptions) walkSpeed() float64 {
	if o.WalkSpeed > 0 {
		return o.WalkSpeed
	}
	return DefaultWalkSpeed
}

func (o *LifeCircleOptions) snapMetres() float64 {
	if o.SnapMetres > 0 {
		return o.SnapMetres
	}
	return DefaultSnapMetres
}

// walkingLifeCircle is LifeCircle with the Walking metric: the straight-line report, with each
// entry's distance, coverage and households measured on foot.
func (a *Analyzer) walkingLifeCircle(ctx context.Context, o LifeCircleOptions) (*LifeCircleReport, error) {
	m, base, err := a.walkingModel(ctx, o)
	if err != nil {
		return nil, err
	}
	m.apply(base, o.walkSpeed())
	return base, nil
}

// walkingModel runs the straight-line analysis and the walking searches.
func (a *Analyzer) walkingModel(ctx context.Context, o LifeCircleOptions) (*walkModel, *LifeCircleReport, error) {
	if o.Network == nil {
		return nil, nil, fmt.Errorf("life circles: %w: %q needs LifeCircleOptions.Network", ErrMetric, Walking)
	}
	if !(o.WalkSpeed >= 0) || math.IsInf(o.WalkSpeed, 0) || !(o.SnapMetres >= 0) || math.IsInf(o.SnapMetres, 0) {
		return nil, nil, fmt.Errorf("life circles: walk speed %v m/min and snap distance %v m must be finite and not negative", o.WalkSpeed, o.SnapMetres)
	}
	so := o
	so.Metric = StraightLine
	base, err := a.LifeCircle(ctx, &so)
	if err != nil {
		return nil, nil, err
	}
	base.Metric = Walking
	m := &walkModel{g: o.Network, radii: base.Radii, snap: o.snapMetres(), fac: a.d.Facilities, off: map[FacilityKind]int{}}
	if err := m.search(ctx, o.RunOptions); err != nil {
		return nil, nil, err
	}
	frames, _, err := a.prepared(ctx, o.RunOptions)
	if err != nil {
		return nil, nil, err
	}
	index, _ := a.facilityIndex()
	m.cs = make([]walkCompound, len(a.d.Compounds))
	if _, err := forEach(ctx, len(a.d.Compounds), o.RunOptions, "walking gates", func(_, i int) error {
		m.cs[i] = m.compound(&a.d.Compounds[i], frames[i], index)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	return m, base, nil
}

// search runs one bounded search per distinct (kind, radius) of the table, from every
// facility of the kind snapped onto the network; its cost does not depend on the compounds.
func (m *walkModel) search(ctx context.Context, ro RunOptions) error {
	sources := map[FacilityKind][]network.Source{}
	for _, r := range m.radii {
		if _, done := sources[r.Kind]; done {
			continue
		}
		var srcs []network.Source
		for i := range m.fac {
			f := &m.fac[i]
			if f.Kind != r.Kind {
				continue
			}
			n := len(srcs)
			srcs = m.facilitySources(srcs, int64(i), f.Location)
			if len(srcs) == n {
				m.off[r.Kind]++
			}
		}
		sources[r.Kind] = srcs
	}
	m.res = make([]*network.Result, len(m.radii))
	m.comps = make([]map[int]bool, len(m.radii))
	type job struct {
		kind   FacilityKind
		metres float64
	}
	first := map[job]int{}
	var jobs []int
	for e, r := range m.radii {
		if _, dup := first[job{r.Kind, r.Metres}]; !dup {
			first[job{r.Kind, r.Metres}] = e
			jobs = append(jobs, e)
		}
	}
	errs, err := forEach(ctx, len(jobs), ro, "walking searches", func(_, j int) error {
		e := jobs[j]
		srcs := sources[m.radii[e].Kind]
		res, err := m.g.Search(ctx, srcs, walkSearchFactor*m.radii[e].Metres)
		if err != nil {
			return err
		}
		comps := map[int]bool{}
		for _, s := range srcs {
			comps[m.g.Component(s.At)] = true
		}
		m.res[e], m.comps[e] = res, comps
		return nil
	})
	if err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("life circles: walking search: %w", err)
		}
	}
	for e, r := range m.radii {
		j := first[job{r.Kind, r.Metres}]
		m.res[e], m.comps[e] = m.res[j], m.comps[j]
	}
	return nil
}

// facilitySources appends the places where facility id joins the network: a point snapped onto
// its nearest edge, a polygon by every vertex of its outer rings that lies within the snap
// distance, each with the walk from the facility to the network as its initial distance.
func (m *walkModel) facilitySources(srcs []network.Source, id int64, g orb.Geometry) []network.Source {
	add := func(p orb.Point) {
		if at, d, ok := m.g.Snap(p, m.snap); ok {
			srcs = append(srcs, network.Source{ID: id, At: at, Initial: d})
		}
	}
	switch g := g.(type) {
	case orb.Point:
		add(g)
	case orb.Polygon:
		if len(g) > 0 {
			for _, p := range g[0] {
				add(p)
			}
		}
	case orb.MultiPolygon:
		for _, poly := range g {
			if len(poly) > 0 {
				for _, p := range poly[0] {
					add(p)
				}
			}
		}
	}
	return srcs
}

// compound prepares one compound: its gates on the network (or the nearest street point, when
// it has none), its buildings' points and the facilities inside it.
func (m *walkModel) compound(c *Compound, f *compoundFrame, index map[FacilityKind]*kindIndex) walkCompound {
	wc := walkCompound{exit: ExitNone}
	if f == nil || !f.mapped {
		return wc
	}
	wc.mapped, wc.tm, wc.bounds = true, f.tm, f.boundary
	for i, h := range f.households {
		wc.hh = append(wc.hh, h)
		if f.footprints[i] == nil {
			wc.unloc += h
			wc.pts = append(wc.pts, orb.Point{math.NaN(), math.NaN()})
			continue
		}
		wc.pts = append(wc.pts, f.tm.Inverse(f.points[i]))
	}
	for j := range c.Gates {
		g := c.Gates[j]
		if !g.Walkable() {
			continue
		}
		if g.ID == "" {
			g.ID = "g" + strconv.Itoa(j+1)
		}
		if g.Rung == "" {
			g.Rung = c.Exit
			if g.Rung == "" {
				g.Rung = ExitPlanner
			}
		}
		if wg, ok := m.locateGate(g); ok {
			wc.gates = append(wc.gates, wg)
		}
	}
	if len(c.Gates) > 0 {
		wc.exit = c.Exit
		if wc.exit == "" {
			wc.exit = ExitPlanner
		}
	}
	if len(wc.gates) == 0 {
		if wg, ok := m.nearestStreet(f); ok {
			wc.gates = []walkGate{wg}
			wc.exit = ExitNearest
		} else if len(c.Gates) == 0 {
			wc.exit = ExitNone
		}
	}
	wc.inside = make([][]insideFacility, len(m.radii))
	for e, r := range m.radii {
		k := index[r.Kind]
		if k == nil {
			continue
		}
		k.ix.Search(f.boundary, func(_ orb.Bound, i int32) bool {
			g, rings := projectLocation(f.tm, m.fac[i].Location)
			if d, err := f.prep.DistanceTo(g); err == nil && d == 0 {
				wc.inside[e] = append(wc.inside[e], insideFacility{index: i, geom: g, rings: rings})
			}
			return true
		})
	}
	return wc
}

// locateGate puts a gate onto the network: at its OSM node when the network has it, else
// snapped onto the nearest edge.
func (m *walkModel) locateGate(g Gate) (walkGate, bool) {
	if g.OSMNode != 0 {
		if at, ok := m.g.Locate(g.OSMNode); ok {
			return walkGate{Gate: g, at: at}, true
		}
	}
	if at, d, ok := m.g.Snap(g.Point, m.snap); ok {
		return walkGate{Gate: g, at: at, snap: d}, true
	}
	return walkGate{}, false
}

// nearestStreet is the last rung of the exit ladder: the boundary vertex nearest to the
// network, joined to it by the shortest snap.
func (m *walkModel) nearestStreet(f *compoundFrame) (walkGate, bool) {
	best := walkGate{snap: math.Inf(1)}
	for _, ring := range f.rings {
		for _, v := range ring {
			p := f.tm.Inverse(v)
			if at, d, ok := m.g.Snap(p, m.snap); ok && d < best.snap {
				best = walkGate{Gate: Gate{ID: "nearest", Point: p, Pedestrian: true, Rung: ExitNearest}, at: at, snap: d}
			}
		}
	}
	return best, !math.IsInf(best.snap, 1)
}

// walkEntry is one compound's walking answer for one radius entry.
type walkEntry struct {
	walk        float64 // metres from the compound (its best gate) to the nearest facility; +Inf if none found
	source      int64   // that facility's index, −1 for none
	gate        string
	unreachable bool
	covered     int // households covered, building by building
	coveredB    []bool
}

// gateDist returns each gate's walking distance to the nearest facility of entry e (+Inf
// beyond the search) and that facility.
func (m *walkModel) gateDist(gates []walkGate, e int, buf []float64, src []int64) ([]float64, []int64) {
	buf, src = buf[:0], src[:0]
	for _, g := range gates {
		d, s, ok := m.res[e].DistanceTo(g.at)
		if !ok {
			d, s = math.Inf(1), -1
		} else {
			d += g.snap
		}
		buf = append(buf, d)
		src = append(src, s)
	}
	return buf, src
}

// evaluate measures compound c under entry e with the given gates; direct lists, when not
// nil, each building's own place on the network (its wall taken away).
func (m *walkModel) evaluate(c *walkCompound, gates []walkGate, direct []walkGate, e int, keep bool) walkEntry {
	we := walkEntry{walk: math.Inf(1), source: -1}
	r := m.radii[e].Metres
	var gd [8]float64
	var gs [8]int64
	dists, srcs := m.gateDist(gates, e, gd[:0], gs[:0])
	for j, d := range dists {
		if d < we.walk || (d == we.walk && srcs[j] < we.source) {
			we.walk, we.source, we.gate = d, srcs[j], gates[j].ID
		}
	}
	if len(c.inside[e]) > 0 {
		we.walk, we.source, we.gate = 0, int64(c.inside[e][0].index), ""
	}
	var dd []float64
	if direct != nil {
		dd, _ = m.gateDist(direct, e, nil, nil)
		for j, d := range dd {
			if direct[j].at.Valid() && d < we.walk {
				we.walk, we.source, we.gate = d, -1, "wall removed"
			}
		}
	}
	if math.IsInf(we.walk, 1) {
		we.unreachable = true
		for _, g := range gates {
			if m.comps[e][m.g.Component(g.at)] {
				we.unreachable = false
				break
			}
		}
		for _, g := range direct {
			if g.at.Valid() && m.comps[e][m.g.Component(g.at)] {
				we.unreachable = false
				break
			}
		}
	}
	if keep {
		we.coveredB = make([]bool, len(c.pts))
	}
	for b, p := range c.pts {
		if c.hh[b] == 0 || math.IsNaN(p[0]) {
			continue
		}
		w := m.buildingWalk(c, b, gates, dists, e)
		if direct != nil && direct[b].at.Valid() {
			w = min(w, dd[b])
		}
		if w <= r {
			we.covered += c.hh[b]
			if keep {
				we.coveredB[b] = true
			}
		}
	}
	if we.walk <= r {
		we.covered += c.unloc
	}
	return we
}

// buildingWalk is building b's walking distance for entry e: to the best gate and on, or to a
// facility inside the compound.
func (m *walkModel) buildingWalk(c *walkCompound, b int, gates []walkGate, dists []float64, e int) float64 {
	p := c.pts[b]
	w := math.Inf(1)
	for j, d := range dists {
		if !math.IsInf(d, 1) {
			w = min(w, geo.Distance(p, gates[j].Point)+d)
		}
	}
	if len(c.inside[e]) > 0 {
		q := c.tm.Forward(p)
		for _, in := range c.inside[e] {
			w = min(w, math.Sqrt(pointDist2(q, in)))
		}
	}
	return w
}

// pointDist2 is the squared planar distance from q to a facility in the frame (0 inside).
func pointDist2(q orb.Point, in insideFacility) float64 {
	if p, ok := in.geom.(orb.Point); ok {
		dx, dy := q[0]-p[0], q[1]-p[1]
		return dx*dx + dy*dy
	}
	if evenOddInside(in.rings, q) {
		return 0
	}
	best := math.Inf(1)
	for _, ring := range in.rings {
		for i := 0; i+1 < len(ring); i++ {
			best = min(best, segmentDist2(q, ring[i], ring[i+1]))
		}
	}
	return best
}

// apply writes the walking answers into the straight-line report.
func (m *walkModel) apply(rep *LifeCircleReport, speed float64) {
	for i := range rep.Compounds {
		cl := &rep.Compounds[i]
		c := &m.cs[i]
		if !c.mapped {
			continue
		}
		cl.Exit = c.exit
		cl.InteriorStraight = true
		cl.Gates = make([]Gate, 0, len(c.gates))
		for _, g := range c.gates {
			cl.Gates = append(cl.Gates, g.Gate)
		}
		for e := range cl.Reach {
			fr := &cl.Reach[e]
			straight := fr.Nearest
			fr.StraightLine = straight
			we := m.evaluate(c, c.gates, nil, e, false)
			fr.Nearest, fr.NearestID, fr.Gate, fr.Minutes, fr.Ratio = nil, "", "", nil, nil
			fr.Unreachable = we.unreachable && straight != nil
			if !math.IsInf(we.walk, 1) {
				w := we.walk
				if straight != nil {
					// The frame's planar measure and the network's geodesic one may differ by
					// rounding; walking is never shorter than the straight line.
					w = max(w, *straight)
				}
				fr.Nearest = &w
				if we.source >= 0 {
					fr.NearestID = m.fac[we.source].ID
				}
				fr.Gate = we.gate
				mins := w / speed
				fr.Minutes = &mins
				if straight != nil && *straight > 0 {
					ratio := w / *straight
					fr.Ratio = &ratio
				}
			}
			fr.Covered = !math.IsInf(we.walk, 1) && we.walk <= fr.Radius
			fr.HouseholdsCovered = float64(we.covered)
		}
	}
	for e := range rep.Kinds {
		s := &rep.Kinds[e]
		s.CompoundsCovered, s.HouseholdsCovered = 0, 0
		s.Gaps = s.Gaps[:0]
		for i := range rep.Compounds {
			c := &rep.Compounds[i]
			if !c.Mapped {
				continue
			}
			fr := &c.Reach[e]
			s.HouseholdsCovered += fr.HouseholdsCovered
			if fr.Covered {
				s.CompoundsCovered++
			} else if !s.NoData {
				s.Gaps = append(s.Gaps, LifeCircleGap{ID: c.ID, Name: c.Name, Households: c.Households, Nearest: fr.Nearest})
			}
		}
		s.CompoundRate, s.HouseholdRate = 0, 0
		if s.Compounds > 0 {
			s.CompoundRate = float64(s.CompoundsCovered) / float64(s.Compounds)
		}
		if s.Households > 0 {
			s.HouseholdRate = s.HouseholdsCovered / float64(s.Households)
		}
		sortGaps(s.Gaps)
		s.OffNetwork = m.off[s.Kind]
	}
	rep.WalkSpeed = speed
}

// sortGaps orders gaps most households first, then by ID.
func sortGaps(gaps []LifeCircleGap) {
	slices.SortStableFunc(gaps, func(x, y LifeCircleGap) int {
		if c := cmp.Compare(y.Households, x.Households); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
}
