package renovation

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/sun"
)

// assess checks shaft i's clearances and counts the sunlight it takes.
func (w *shaftWorld) assess(cand StairwellCandidate, ref stairwellRef, shafts []placedShaft, i int, shaftIndex *geo.Index[int32]) ShaftAssessment {
	ps := &shafts[i]
	a := ShaftAssessment{Stairwell: cand.Key(), Height: ps.height, Planned: ps.planned, Clearances: []ClearanceCheck{}, Sunlight: []SunlightLoss{}}
	if ps.ring == nil {
		a.Fit = ShaftFit{Fits: false, Reasons: []string{"not placed: " + ps.note}}
		return a
	}
	a.Footprint = orb.Polygon{make(orb.Ring, len(ps.ring))}
	for k, p := range ps.ring {
		a.Footprint[0][k] = w.tm.Inverse(p)
	}
	a.Clearances = w.clearances(ps, ref, shafts, i, shaftIndex)
	a.Fit.Fits = true
	for _, c := range a.Clearances {
		a.Fit.Reasons = append(a.Fit.Reasons, c.reason())
		if !c.OK {
			a.Fit.Fits = false
		}
	}
	a.Sunlight = w.sunlight(ps, ref)
	return a
}

// reason says in one line what the check measured and whether it holds.
func (c ClearanceCheck) reason() string {
	verdict := "ok"
	if !c.OK {
		verdict = "does not fit"
	}
	trust := ""
	if c.Limit.Trust != "" {
		trust = " [" + string(c.Limit.Trust) + "]"
	}
	switch c.Rule {
	case "green":
		limit := "no limit"
		if c.Limit.Value >= 0 {
			limit = fmt.Sprintf("at most %.2f m²", c.Limit.Value)
		}
		return fmt.Sprintf("%s: takes %.2f m² of green space %s (%s%s)", verdict, c.Measured, c.Feature, limit, trust)
	case "boundary":
		if c.Feature == "" {
			return "not checked: the compound has no boundary mapped"
		}
		if c.Measured < 0 {
			return fmt.Sprintf("%s: stands %.2f m outside the boundary of %s (must be inside by %.2f m%s)", verdict, -c.Measured, c.Feature, c.Limit.Value, trust)
		}
		return fmt.Sprintf("%s: %.2f m inside the boundary of %s (needs %.2f m%s)", verdict, c.Measured, c.Feature, c.Limit.Value, trust)
	case "fire_lane":
		return fmt.Sprintf("%s: leaves fire lane %s %.2f m clear (needs %.2f m%s)", verdict, c.Feature, c.Measured, c.Limit.Value, trust)
	case "road":
		return fmt.Sprintf("%s: %.2f m from the carriageway of road %s (needs %.2f m%s)", verdict, c.Measured, c.Feature, c.Limit.Value, trust)
	case "shaft":
		return fmt.Sprintf("%s: %.2f m from the shaft of stairwell %s (needs more than %.2f m%s)", verdict, c.Measured, c.Feature, c.Limit.Value, trust)
	}
	if c.Feature == "" {
		return fmt.Sprintf("%s: no other building within %.2f m (needs %.2f m%s)", verdict, c.Measured, c.Limit.Value, trust)
	}
	return fmt.Sprintf("%s: %.2f m from building %s (needs %.2f m%s)", verdict, c.Measured, c.Feature, c.Limit.Value, trust)
}

func (w *shaftWorld) clearances(ps *placedShaft, ref stairwellRef, shafts []placedShaft, i int, shaftIndex *geo.Index[int32]) []ClearanceCheck {
	rules := &w.o.clear
	ring := ps.ring
	bound := orb.LineString(ring).Bound()
	widen := func(d float64) orb.Bound {
		d = math.Max(d, 0) + 1
		return orb.Bound{Min: orb.Point{bound.Min[0] - d, bound.Min[1] - d}, Max: orb.Point{bound.Max[0] + d, bound.Max[1] + d}}
	}
	var out []ClearanceCheck
	// The nearest other building.
	nearest, nearestD := -1, math.Inf(1)
	w.pindex.Search(widen(rules.Building.Value), func(_ orb.Bound, k int32) bool {
		b := int(w.owner[k])
		if b == int(ps.bld) {
			return true
		}
		d := ringDistance(ring, w.prisms[k].Ring)
		if d < nearestD || (d == nearestD && b < nearest) {
			nearest, nearestD = b, d
		}
		return true
	})
	if nearest >= 0 {
		br := &w.blds[nearest]
		b := &w.d.Compounds[br.c].Buildings[br.b]
		out = append(out, ClearanceCheck{Rule: "building", Feature: b.ID, Measured: round2(nearestD), Limit: rules.Building, OK: nearestD >= rules.Building.Value})
	} else {
		// None within the search: Measured is the distance searched, Feature empty.
		out = append(out, ClearanceCheck{Rule: "building", Measured: round2(math.Max(rules.Building.Value, 0) + 1), Limit: rules.Building, OK: true})
	}
	// Inside the compound's boundary.
	ci := w.blds[ps.bld].c
	if bd := w.boundaries[ci]; bd != nil {
		inside := true
		for _, p := range ring {
			if !pointInAreal(p, bd) {
				inside = false
			}
		}
		d := math.Inf(1)
		for _, r := range ringsOf(bd) {
			for k := range ring {
				d = math.Min(d, segmentRingDistance(ring[k], ring[(k+1)%len(ring)], r))
			}
		}
		if !inside {
			d = -d
		}
		out = append(out, ClearanceCheck{Rule: "boundary", Feature: ref.c.Label(), Measured: round2(d), Limit: rules.Boundary, OK: inside && d >= rules.Boundary.Value})
	} else {
		// No boundary mapped: not checked (Feature empty).
		out = append(out, ClearanceCheck{Rule: "boundary", Limit: rules.Boundary, OK: true})
	}
	// Roads and fire lanes.
	for k, rd := range w.o.Roads {
		line := w.roads[k]
		d := math.Inf(1)
		for j := 0; j+1 < len(line); j++ {
			d = math.Min(d, segmentRingDistance(line[j], line[j+1], ring))
		}
		edge := d - rd.Width/2
		if rd.FireLane {
			if d > rd.Width/2+rules.FireLane.Value {
				continue // far from the lane
			}
			clear := math.Min(rd.Width, math.Max(0, d+rd.Width/2))
			out = append(out, ClearanceCheck{Rule: "fire_lane", Feature: rd.ID, Measured: round2(clear), Limit: rules.FireLane, OK: clear >= rules.FireLane.Value})
			continue
		}
		if edge > rules.Road.Value+10 {
			continue
		}
		out = append(out, ClearanceCheck{Rule: "road", Feature: rd.ID, Measured: round2(edge), Limit: rules.Road, OK: edge >= rules.Road.Value})
	}
	// Other shafts.
	for _, k := range searchSorted(shaftIndex, widen(rules.Shaft.Value)) {
		if int(k) == i {
			continue
		}
		o := &shafts[k]
		d := ringDistance(ring, o.ring)
		if d > rules.Shaft.Value+1 {
			continue
		}
		br := &w.blds[o.bld]
		b := &w.d.Compounds[br.c].Buildings[br.b]
		key := b.ID
		if len(b.Units) > 0 {
			key += "/" + b.Units[o.unit].ID
		}
		out = append(out, ClearanceCheck{Rule: "shaft", Feature: key, Measured: round2(d), Limit: rules.Shaft, OK: d > 0 && d >= rules.Shaft.Value})
	}
	// Green space taken.
	for _, k := range searchSorted(&w.gindex, bound) {
		area, err := geo.IntersectionAreaPlanar(orb.Polygon{orb.Ring(ring)}, w.greens[k])
		if err != nil || area < 0.005 {
			continue
		}
		g := &w.d.GreenSpaces[k]
		out = append(out, ClearanceCheck{Rule: "green", Feature: g.ID, Measured: round2(area), Limit: rules.Green, OK: rules.Green.Value < 0 || area <= rules.Green.Value})
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func ringsOf(g orb.Geometry) [][]orb.Point {
	var out [][]orb.Point
	for _, p := range polygonsOf(g) {
		for _, r := range p {
			out = append(out, r)
		}
	}
	return out
}

// pointInAreal reports whether p lies inside polygon or multipolygon g (even–odd over all
// rings, so holes are outside).
func pointInAreal(p orb.Point, g orb.Geometry) bool {
	in := false
	for _, r := range ringsOf(g) {
		n := len(r)
		for i := 0; i < n; i++ {
			a, b := r[i], r[(i+1)%n]
			if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
				in = !in
			}
		}
	}
	return in
}

// ringDistance is the least distance between two rings' areas: 0 when they touch, cross or
// one holds the other.
func ringDistance(a, b []orb.Point) float64 {
	if len(a) == 0 || len(b) == 0 {
		return math.Inf(1)
	}
	if pointInAreal(a[0], orb.Polygon{orb.Ring(b)}) || pointInAreal(b[0], orb.Polygon{orb.Ring(a)}) {
		return 0
	}
	d := math.Inf(1)
	for i := range a {
		d = math.Min(d, segmentRingDistance(a[i], a[(i+1)%len(a)], b))
	}
	return d
}

// segmentRingDistance is the least distance from segment pq to the edges of ring r.
func segmentRingDistance(p, q orb.Point, r []orb.Point) float64 {
	d := math.Inf(1)
	for i := range r {
		d = math.Min(d, segmentDistance(p, q, r[i], r[(i+1)%len(r)]))
	}
	return d
}

// segmentDistance is the least distance between segments ab and cd.
func segmentDistance(a, b, c, d orb.Point) float64 {
	o := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	d1, d2, d3, d4 := o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d)
	if ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0 {
		return 0
	}
	return math.Min(math.Min(pointSegment(a, c, d), pointSegment(b, c, d)), math.Min(pointSegment(c, a, b), pointSegment(d, a, b)))
}

func pointSegment(p, a, b orb.Point) float64 { return math.Sqrt(segmentDist2(p, a, b)) }

// sunlight counts, for each window the shaft can shade, the minutes of sun before and after.
func (w *shaftWorld) sunlight(ps *placedShaft, ref stairwellRef) []SunlightLoss {
	out := []SunlightLoss{}
	ci := w.blds[ps.bld].c
	tr := w.tracks[ci]
	if tr == nil {
		return out
	}
	shaft := []sun.Prism{{Ring: ps.ring[:len(ps.ring)-1], Height: ps.height}}
	r := shadeReach(tr, ps.height, w.o.SillHeight)
	b := orb.LineString(ps.ring).Bound()
	b = orb.Bound{Min: orb.Point{b.Min[0] - r, b.Min[1] - r}, Max: orb.Point{b.Max[0] + r, b.Max[1] + r}}
	ids := searchSorted(&w.windex, b)
	std := w.o.Standard
	minSpell := float64(std.MinSpell)
	for _, k := range ids {
		win := &w.windows[k]
		if win.r.Height >= ps.height || (win.bld == ps.bld && ref.u != nil && win.unit == ps.unit) {
			continue
		}
		wtr := w.tracks[win.compound]
		if wtr == nil {
			continue
		}
		blocked := wtr.Blocked(win.r, shaft)
		if len(blocked) == 0 {
			continue
		}
		before := w.sunBefore(int(k))
		after := before.Minus(blocked)
		mb := wholeMinutes(before.Total(minSpell))
		ma := wholeMinutes(after.Total(minSpell))
		if ma >= mb {
			continue
		}
		br := &w.blds[win.bld]
		c := &w.d.Compounds[br.c]
		bl := &c.Buildings[br.b]
		u := &bl.Units[win.unit]
		h := &u.Households[win.household]
		out = append(out, SunlightLoss{Household: h.ID, Building: bl.ID, MinutesBefore: mb, MinutesAfter: ma,
			StandardMinutes: std.Minutes, CompoundID: c.ID, Unit: u.ID, Floor: h.Floor, Owner: HouseholdOwner(h),
			BelowStandard: ma < std.Minutes})
	}
	return out
}

// wholeMinutes is the whole minutes in m, forgiving the bisection's last thousandths.
func wholeMinutes(m float64) int { return int(math.Floor(m + 1e-3)) }

// searchSorted returns the items of ix whose bounds meet b, in insertion order (model order),
// whatever order the tree gives them in.
func searchSorted(ix *geo.Index[int32], b orb.Bound) []int32 {
	var ids []int32
	ix.Search(b, func(_ orb.Bound, k int32) bool {
		ids = append(ids, k)
		return true
	})
	slices.Sort(ids)
	return ids
}
