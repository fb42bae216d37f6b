package renovation

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/sun"
	"github.com/xiaoqu/xiaoqu/survey"
)

// facadeOffset is how far a window's sample point stands off its façade, metres, so that its
// own wall is not an obstacle.
const facadeOffset = 0.05

// AssessShafts places an elevator shaft at every candidate stairwell of d (ElevatorCandidates
// order) and says whether it fits and whose sunlight it takes.
//
// Placement. The shaft stands on the stair side of its building, centred on the stairwell's
// position along the façade: the building's long axis is the long side of the footprint's
// minimum-area rectangle (geo.MinimumRectangle), the units share its length equally in roster
// order from the west (or south) end, and the stair side is the long façade facing nearest
// ShaftOptions.StairSide. The footprint is ShaftWidth × (LandingDepth + ShaftDepth) out from
// the façade, or the planner's (ShaftOptions.Footprints); it is extruded to storeys ×
// StoreyHeight + Overrun.
//
// Clearances. Distances from the footprint to the other buildings, inside the compound's
// boundary, to roads and fire lanes (ShaftOptions.Roads), to the other candidates' shafts, and
// the green space it takes, each against its rule (ClearanceRules): it fits when all hold.
//
// Sunlight. Every building with a footprint and storeys is extruded (storeys ×
// StoreyHeight); every household of a building with a footprint and a roster gets a sample
// point on the window side (opposite the stair side) at its floor's sill height, at its unit's
// place along the façade and, with several households on a floor, in roster order across the
// unit. On the standard's day (sun.TermDay of ShaftOptions.Year), within its window of
// apparent solar time, with the sun's course computed at each compound's centre (geo/sun), the
// minutes of direct sun on each point are counted before the shaft (the buildings alone) and
// after it; each household that loses a minute is listed, except those of the stairwell's own
// unit, who build it. Each shaft is counted alone, against the existing buildings.
//
// Geometry is planar in one geo.LocalTM centred on the district, with the sun's azimuth turned
// to grid north at each compound. AssessShafts checks ctx between stairwells and is safe for
// concurrent use. Errors: ErrShaftOptions; a planner-given footprint for a stairwell that is
// not a candidate (ErrUnknownStairwell).
func AssessShafts(ctx context.Context, d *District, o ShaftOptions) (*ShaftReport, error) {
	r, err := o.resolve()
	if err != nil {
		return nil, err
	}
	cands := ElevatorCandidates(d)
	refs, err := stairwellRefs(d, cands)
	if err != nil {
		return nil, err
	}
	known := make(map[StairwellKey]bool, len(cands))
	for _, c := range cands {
		known[c.Key()] = true
	}
	for _, k := range sortedStairwellKeys(o.Footprints) {
		if !known[k] {
			return nil, fmt.Errorf("shaft footprint for stairwell %s: %w", k, ErrUnknownStairwell)
		}
	}
	day := sun.TermDay(r.year, r.Standard.Term)
	w := newShaftWorld(d, &r, day)
	rep := &ShaftReport{Standard: r.Standard, Day: day.String(), Parameters: r.parameters(), Shafts: make([]ShaftAssessment, len(cands))}
	// Place every shaft first: the clearance between shafts needs them all.
	shafts := make([]placedShaft, len(cands))
	for i := range cands {
		shafts[i] = w.place(cands[i], refs[i])
	}
	var shaftIndex geo.Index[int32]
	for i := range shafts {
		if shafts[i].ring != nil {
			if err := shaftIndex.Insert(orb.LineString(shafts[i].ring).Bound(), int32(i)); err != nil {
				return nil, fmt.Errorf("shaft of stairwell %s: %w", cands[i].Key(), err)
			}
		}
	}
	errs, err := forEach(ctx, len(cands), RunOptions{Workers: o.Workers}, "shafts", func(_, i int) error {
		rep.Shafts[i] = w.assess(cands[i], refs[i], shafts, i, &shaftIndex)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, e := range errs {
		if e != nil {
			return nil, e
		}
	}
	return rep, nil
}

func sortedStairwellKeys[V any](m map[StairwellKey]V) []StairwellKey {
	keys := make([]StairwellKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b StairwellKey) int {
		switch {
		case a.String() < b.String():
			return -1
		case a.String() > b.String():
			return 1
		}
		return 0
	})
	return keys
}

// shaftWorld is the district in one planar frame: prisms, windows, boundaries, greens,
// roads, and a sun track per compound.
type shaftWorld struct {
	d      *District
	o      *resolved
	tm     *geo.TransverseMercator
	prisms []sun.Prism
	owner  []int32 // prism → building (index into buildings)
	blds   []bldRef
	bmap   map[*Building]int
	pindex geo.Index[int32]
	maxH   float64

	windows []window
	windex  geo.Index[int32]
	before  []sun.Intervals
	once    []sync.Once

	tracks     []*sun.Track // per compound; nil when it has no geometry
	boundaries []orb.Geometry
	greens     []orb.Geometry
	gindex     geo.Index[int32]
	roads      []orb.LineString
}

type bldRef struct {
	c, b int
	rect geo.Rectangle
	ring []orb.Point // largest polygon's exterior ring, planar; nil when no footprint
}

// window is a household's sample point.
type window struct {
	r          sun.Receiver
	bld        int32 // index into blds
	unit       int
	household  int
	compound   int
	minAltTan  float64
	unitWindow bool
}

type placedShaft struct {
	ring    []orb.Point // planar, closed; nil when not placed
	height  float64
	planned bool
	note    string
	bld     int32
	unit    int
}

func newShaftWorld(d *District, o *resolved, day sun.Day) *shaftWorld {
	w := &shaftWorld{d: d, o: o, bmap: map[*Building]int{}}
	var all orb.Bound
	first := true
	grow := func(b orb.Bound) {
		if first {
			all, first = b, false
		} else {
			all = all.Union(b)
		}
	}
	for i := range d.Compounds {
		c := &d.Compounds[i]
		if c.Boundary != nil && checkLonLat(c.Label(), c.Boundary, false) == nil {
			grow(c.Boundary.Bound())
		}
		for j := range c.Buildings {
			if fp := c.Buildings[j].Footprint; fp != nil && checkLonLat("", fp, false) == nil {
				grow(fp.Bound())
			}
		}
	}
	if first {
		all = orb.Bound{}
	}
	w.tm = geo.LocalTM(all.Center())
	w.tracks = make([]*sun.Track, len(d.Compounds))
	w.boundaries = make([]orb.Geometry, len(d.Compounds))
	for i := range d.Compounds {
		c := &d.Compounds[i]
		var cb orb.Bound
		cfirst := true
		if c.Boundary != nil && checkLonLat(c.Label(), c.Boundary, false) == nil {
			cb, cfirst = c.Boundary.Bound(), false
			w.boundaries[i], _ = projectAreal(w.tm, c.Boundary)
		}
		for j := range c.Buildings {
			b := &c.Buildings[j]
			ref := bldRef{c: i, b: j}
			if b.Footprint != nil && checkLonLat(b.ID, b.Footprint, false) == nil {
				if cfirst {
					cb, cfirst = b.Footprint.Bound(), false
				} else if c.Boundary == nil {
					cb = cb.Union(b.Footprint.Bound())
				}
				g, _ := projectAreal(w.tm, b.Footprint)
				polys := polygonsOf(g)
				bi := int32(len(w.blds))
				best := -1.0
				for _, p := range polys {
					if len(p) == 0 || len(p[0]) < 4 {
						continue
					}
					ring := []orb.Point(p[0][:len(p[0])-1])
					if a := math.Abs(signedArea(ring)); a > best {
						best, ref.ring = a, ring
					}
					if b.Storeys > 0 {
						h := float64(b.Storeys) * o.StoreyHeight
						w.prisms = append(w.prisms, sun.Prism{Ring: ring, Height: h})
						w.owner = append(w.owner, bi)
						w.maxH = math.Max(w.maxH, h)
					}
				}
				if ref.ring != nil {
					ref.rect, _ = geo.MinimumRectangle(ref.ring)
				}
			}
			w.bmap[b] = len(w.blds)
			w.blds = append(w.blds, ref)
		}
		if !cfirst {
			ctr := cb.Center()
			tr, err := sun.NewTrack(day, ctr[1], ctr[0], float64(o.Standard.From), float64(o.Standard.To), o.Step)
			if err == nil {
				// Grid north in the district frame differs from true north by the meridian
				// convergence: measure it, and turn the sun's azimuths by it.
				a, b := w.tm.Forward(ctr), w.tm.Forward(orb.Point{ctr[0], ctr[1] + 0.001})
				w.tracks[i] = tr.Turned(math.Atan2(b[0]-a[0], b[1]-a[1]) * 180 / math.Pi)
			}
		}
	}
	for i := range w.prisms {
		_ = w.pindex.Insert(w.prisms[i].Bound(), int32(i))
	}
	for i := range d.GreenSpaces {
		g := &d.GreenSpaces[i]
		if g.Area == nil || checkLonLat(g.ID, g.Area, false) != nil {
			w.greens = append(w.greens, nil)
			continue
		}
		pg, _ := projectAreal(w.tm, g.Area)
		w.greens = append(w.greens, pg)
		_ = w.gindex.Insert(pg.Bound(), int32(i))
	}
	for _, rd := range o.Roads {
		l := make(orb.LineString, len(rd.Line))
		for k, p := range rd.Line {
			l[k] = w.tm.Forward(p)
		}
		w.roads = append(w.roads, l)
	}
	w.placeWindows()
	return w
}

// polygonsOf lists the polygons of a projected areal geometry.
func polygonsOf(g orb.Geometry) []orb.Polygon {
	switch v := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{v}
	case orb.MultiPolygon:
		return v
	}
	return nil
}

// side returns the outward unit normal of the rectangle's long side facing nearest azimuth
// az (degrees), and the façade's half-width from the centre line.
func side(rect geo.Rectangle, az float64) orb.Point {
	left := orb.Point{-rect.Axis[1], rect.Axis[0]}
	want := orb.Point{math.Sin(az * math.Pi / 180), math.Cos(az * math.Pi / 180)}
	if left[0]*want[0]+left[1]*want[1] >= 0 {
		return left
	}
	return orb.Point{-left[0], -left[1]}
}

// facadePoint returns where a line across the building at s metres along its axis meets the
// footprint on the side of normal n: the façade point farthest out along n.
func facadePoint(ref *bldRef, s float64, n orb.Point) orb.Point {
	rect := ref.rect
	c := orb.Point{rect.Centre[0] + s*rect.Axis[0], rect.Centre[1] + s*rect.Axis[1]}
	far := rect.Width + 1
	a := orb.Point{c[0] + far*n[0], c[1] + far*n[1]}
	best := math.Inf(1)
	var hit orb.Point
	found := false
	ring := ref.ring
	for i := range ring {
		p, q := ring[i], ring[(i+1)%len(ring)]
		// Intersect segment a → c − far·n with edge pq.
		dx, dy := -2*far*n[0], -2*far*n[1]
		ex, ey := q[0]-p[0], q[1]-p[1]
		den := dx*ey - dy*ex
		if den == 0 {
			continue
		}
		t := ((p[0]-a[0])*ey - (p[1]-a[1])*ex) / den
		u := ((p[0]-a[0])*dy - (p[1]-a[1])*dx) / den
		if t >= 0 && t <= 1 && u >= 0 && u <= 1 && t < best {
			best, found = t, true
			hit = orb.Point{a[0] + t*dx, a[1] + t*dy}
		}
	}
	if !found {
		return orb.Point{c[0] + rect.Width/2*n[0], c[1] + rect.Width/2*n[1]}
	}
	return hit
}

func azimuthOf(n orb.Point) float64 {
	a := math.Atan2(n[0], n[1]) * 180 / math.Pi
	if a < 0 {
		a += 360
	}
	return a
}

// along returns the position of slot (k + f)/n of the building's length, from the west end
// (or the east end when UnitsFromEast).
func (w *shaftWorld) along(rect geo.Rectangle, frac float64) float64 {
	if w.o.UnitsFromEast {
		frac = 1 - frac
	}
	return -rect.Length/2 + rect.Length*frac
}

func (w *shaftWorld) stairAzimuth(b *Building) float64 {
	if az, ok := w.o.StairSides[b.ID]; ok {
		return az
	}
	return w.o.StairSide
}

// placeWindows puts a sample point for every household of a building with a footprint.
func (w *shaftWorld) placeWindows() {
	for bi := range w.blds {
		ref := &w.blds[bi]
		if ref.ring == nil {
			continue
		}
		b := &w.d.Compounds[ref.c].Buildings[ref.b]
		n := side(ref.rect, w.stairAzimuth(b)+180)
		facing := azimuthOf(n)
		units := len(b.Units)
		for k := range b.Units {
			u := &b.Units[k]
			perFloor := map[int]int{}
			for _, h := range u.Households {
				perFloor[h.Floor]++
			}
			slot := map[int]int{}
			for j := range u.Households {
				h := &u.Households[j]
				m := perFloor[h.Floor]
				frac := (float64(k) + (float64(slot[h.Floor])+0.5)/float64(m)) / float64(units)
				slot[h.Floor]++
				p := facadePoint(ref, w.along(ref.rect, frac), n)
				p = orb.Point{p[0] + facadeOffset*n[0], p[1] + facadeOffset*n[1]}
				z := float64(max(h.Floor, 1)-1)*w.o.StoreyHeight + w.o.SillHeight
				w.windows = append(w.windows, window{r: sun.Receiver{At: p, Height: z, Facing: facing},
					bld: int32(bi), unit: k, household: j, compound: ref.c})
			}
		}
	}
	w.before = make([]sun.Intervals, len(w.windows))
	w.once = make([]sync.Once, len(w.windows))
	for i := range w.windows {
		_ = w.windex.Insert(orb.Bound{Min: w.windows[i].r.At, Max: w.windows[i].r.At}, int32(i))
	}
}

// shadeReach is how far a prism of height h can shade a point at height z on track tr.
func shadeReach(tr *sun.Track, h, z float64) float64 {
	alt := math.Max(tr.MinAltitude(), 2)
	return math.Max(0, h-z) / math.Tan(alt*math.Pi/180)
}

// sunBefore returns window i's sunlit intervals among the existing buildings, computing them
// once.
func (w *shaftWorld) sunBefore(i int) sun.Intervals {
	w.once[i].Do(func() {
		win := &w.windows[i]
		tr := w.tracks[win.compound]
		if tr == nil {
			return
		}
		r := shadeReach(tr, w.maxH, win.r.Height)
		b := orb.Bound{Min: orb.Point{win.r.At[0] - r, win.r.At[1] - r}, Max: orb.Point{win.r.At[0] + r, win.r.At[1] + r}}
		var ps []sun.Prism
		for _, k := range searchSorted(&w.pindex, b) {
			ps = append(ps, w.prisms[k])
		}
		w.before[i] = tr.Sunlit(win.r, ps)
	})
	return w.before[i]
}

// place puts the candidate's shaft.
func (w *shaftWorld) place(cand StairwellCandidate, ref stairwellRef) placedShaft {
	bi := w.bldIndex(ref)
	ps := placedShaft{bld: int32(bi), height: float64(cand.Storeys)*w.o.StoreyHeight + w.o.Overrun}
	unit, units := 0, 1
	if ref.u != nil {
		units = len(ref.b.Units)
		for k := range ref.b.Units {
			if &ref.b.Units[k] == ref.u {
				unit = k
			}
		}
	}
	ps.unit = unit
	if fp, ok := w.o.Footprints[cand.Key()]; ok {
		if len(fp) == 0 || len(fp[0]) < 4 || checkLonLat(cand.Key().String(), fp, false) != nil {
			ps.note = "the planner's shaft footprint is not a polygon in lon/lat"
			return ps
		}
		ring := make([]orb.Point, 0, len(fp[0]))
		for _, p := range fp[0] {
			ring = append(ring, w.tm.Forward(p))
		}
		ps.ring, ps.planned = closeRing(ring), true
		return ps
	}
	bref := &w.blds[bi]
	if bref.ring == nil {
		ps.note = "the building has no footprint: the shaft cannot be placed"
		return ps
	}
	n := side(bref.rect, w.stairAzimuth(ref.b))
	s := w.along(bref.rect, (float64(unit)+0.5)/float64(units))
	h := facadePoint(bref, s, n)
	ax := bref.rect.Axis
	half, depth := w.o.ShaftWidth/2, w.o.LandingDepth+w.o.ShaftDepth
	pt := func(a, t float64) orb.Point { return orb.Point{h[0] + a*ax[0] + t*n[0], h[1] + a*ax[1] + t*n[1]} }
	ps.ring = closeRing([]orb.Point{pt(-half, 0), pt(half, 0), pt(half, depth), pt(-half, depth)})
	return ps
}

func closeRing(r []orb.Point) []orb.Point {
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

// bldIndex finds the building of ref in w.blds.
func (w *shaftWorld) bldIndex(ref stairwellRef) int { return w.bmap[ref.b] }

// applyShaft puts the shaft's assessment into the plan: fit, sunlight losses with their
// compensation (so's amount, or perHousehold, the scheme's), visits to the neighbours taken
// below the standard, and the triage that follows. It returns the compensation owed.
func applyShaft(plan *ElevatorPlan, a *ShaftAssessment, so *ShaftOptions, perHousehold budget.Money) (budget.Money, error) {
	if a == nil {
		return 0, nil
	}
	fit := ShaftFit{Fits: a.Fit.Fits, Reasons: slices.Clone(a.Fit.Reasons)}
	if fit.Reasons == nil {
		fit.Reasons = []string{}
	}
	plan.Shaft = &fit
	plan.Sunlight = slices.Clone(a.Sunlight)
	if plan.Sunlight == nil {
		plan.Sunlight = []SunlightLoss{}
	}
	amount := so.Compensation
	if amount == 0 {
		amount = perHousehold
	}
	var total budget.Money
	visits := 0
	for i := range plan.Sunlight {
		l := &plan.Sunlight[i]
		owed := l.Lost() > 0 && (l.BelowStandard || so.CompensateAnyLoss)
		if !owed {
			continue
		}
		l.Compensation = amount
		var err error
		if total, err = total.Add(amount); err != nil {
			return 0, fmt.Errorf("neighbours' compensation: %w", err)
		}
		if l.BelowStandard {
			visits++
			plan.Visit = append(plan.Visit, survey.Visit{Owner: l.Owner, Vote: survey.NoVote,
				Why: fmt.Sprintf("neighbour %s/%s/%s: the shaft takes its sunlight from %d to %d min, below the standard's %d; compensation %s yuan",
					l.Building, l.Unit, l.Household, l.MinutesBefore, l.MinutesAfter, l.StandardMinutes, amount)})
		}
	}
	switch {
	case !fit.Fits:
		plan.Group = survey.Waiting
	case visits > 0 && plan.Group == survey.ReadyToSign:
		plan.Group = survey.FewObjectors
	}
	plan.GroupZh = plan.Group.Chinese()
	return total, nil
}
