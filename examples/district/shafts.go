package main

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/sun"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// shaftOptions are the shaft and sunlight parameters of the report: the library's defaults
// (every one listed with its source and trust mark in the table's note), the year fixed so
// that the report is the same every year it is run.
func shaftOptions() *renovation.ShaftOptions {
	return &renovation.ShaftOptions{Year: 2026}
}

// shaftsTable is the shaft and sunlight check of each candidate stairwell.
func shaftsTable(r *results) *table {
	t := &table{Sheet: "井道与日照", Title: "井道与日照 Does the shaft fit, and whose sunlight does it take",
		Headers: []string{"小区", "楼栋", "单元", "井道高度(m)", "可行", "受影响户", "低于标准户", "最大损失(分钟)", "邻户补偿(元)", "说明"}}
	rep := r.Plans.Shafts
	if rep == nil {
		return t
	}
	for i, p := range r.Plans.Plans {
		s := p.Stairwell
		a := &rep.Shafts[i]
		fits := "是"
		if p.Shaft == nil || !p.Shaft.Fits {
			fits = "否"
		}
		below, worst := 0, 0
		for _, l := range p.Sunlight {
			if l.BelowStandard {
				below++
			}
			worst = max(worst, l.Lost())
		}
		comp := txt("")
		if p.Cost != nil {
			comp = money(p.Cost.NeighbourCompensation)
		}
		why := ""
		if p.Shaft != nil {
			why = strings.Join(p.Shaft.Reasons, "; ")
		}
		t.add(txt(s.Compound), txt(s.Building), txt(s.Unit), num(a.Height, 1), txt(fits), integer(len(p.Sunlight)), integer(below), integer(worst), comp, txt(why))
	}
	sum := r.Plans.Summary
	var ps []string
	for _, p := range rep.Parameters {
		ps = append(ps, fmt.Sprintf("%s %s [%s]", p.Name, p.Value, trustMark(p.Trust)))
	}
	t.Note = fmt.Sprintf("%d of %d shafts do not fit; %d neighbouring households are taken below the standard. Standard: %s, day %s, counted on each household's window sill in apparent solar time (sun: NOAA solar position algorithm after Meeus). Each shaft is counted alone against the existing buildings; households of the stairwell's own unit are not listed. Parameters: %s. Compensation per household below the standard: the scheme's per-household compensation (%s yuan). Sunlight and clearances are estimates from mapped footprints and storeys, not a sunlight report.",
		sum.ShaftsNotFitting, sum.Stairwells, sum.BelowStandard, rep.Standard.Name, rep.Day, strings.Join(ps, "; "), r.Scheme.Compensation.PerHousehold)
	return t
}

func trustMark(t renovation.Trust) string {
	if t == "" {
		return "computed"
	}
	return string(t)
}

func init() { mapLayerHooks = append(mapLayerHooks, shadowLayer, shaftLayer) }

// shaftLayer draws the candidate stairwells' elevator shafts: green where they fit, red where
// they do not.
func shaftLayer(r *results, c *mapCanvas) *mapLayer {
	rep := r.Plans.Shafts
	if rep == nil {
		return nil
	}
	l := &mapLayer{ID: "shafts", Name: "加装电梯井道 elevator shafts"}
	for i, p := range r.Plans.Plans {
		a := &rep.Shafts[i]
		if a.Footprint == nil {
			continue
		}
		fill, verdict := "#2e9e4f", "可行 fits"
		if !a.Fit.Fits {
			fill, verdict = "#d23b2f", "不可行 does not fit"
		}
		title := fmt.Sprintf("%s %s %s单元：井道 %.1f m，%s；%d 户日照减少 households lose sun", p.Stairwell.Compound, p.Stairwell.Building, p.Stairwell.Unit, a.Height, verdict, len(p.Sunlight))
		fmt.Fprintf(&l.SVG, `<path class="shaft" data-id="%s" d="%s" fill="%s" stroke="#222" stroke-width="0.3"><title>%s</title></path>`,
			html.EscapeString(a.Stairwell.String()), c.path(a.Footprint), fill, html.EscapeString(title))
	}
	l.Legend = []legendEntry{{swatchFill("#2e9e4f", "#222", false), "井道可行 shaft fits"}, {swatchFill("#d23b2f", "#222", false), "井道不可行 does not fit"}}
	return l
}

// shadowLayer draws the shadows of the buildings and the shafts at r.SunHour (apparent solar
// time) on the standard day, at each compound's place; hidden when the page opens.
func shadowLayer(r *results, c *mapCanvas) *mapLayer {
	rep := r.Plans.Shafts
	if rep == nil {
		return nil
	}
	day := sun.TermDay(2026, rep.Standard.Term)
	hour := r.SunHour
	hm := fmt.Sprintf("%02d:%02d", int(hour), int(math.Round(math.Mod(hour, 1)*60)))
	l := &mapLayer{ID: "shadows", Off: true, Name: fmt.Sprintf("%s %s 阴影 shadows at %s apparent solar time", rep.Standard.TermZh, hm, hm)}
	storey := shaftOptionsStorey(rep)
	var bshadow, sshadow strings.Builder
	for ci := range r.District.Compounds {
		cp := &r.District.Compounds[ci]
		ctr, ok := compoundCentre(cp)
		if !ok {
			continue
		}
		tm := geo.LocalTM(ctr)
		pos := sun.AtSolarTime(day, hour*60, ctr[1], ctr[0])
		for _, bl := range cp.Buildings {
			if bl.Storeys <= 0 {
				continue
			}
			for _, fp := range polysOf(bl.Footprint) {
				if g := shadowOf(tm, fp, float64(bl.Storeys)*storey, pos); g != nil {
					bshadow.WriteString(c.path(g))
				}
			}
		}
		for i, p := range r.Plans.Plans {
			if a := &rep.Shafts[i]; p.Stairwell.CompoundID == cp.ID && a.Footprint != nil {
				if g := shadowOf(tm, a.Footprint, a.Height, pos); g != nil {
					sshadow.WriteString(c.path(g))
				}
			}
		}
	}
	if bshadow.Len() > 0 {
		fmt.Fprintf(&l.SVG, `<path class="shadow" d="%s" fill="#3c3c50" fill-opacity="0.25" stroke="none" fill-rule="nonzero"/>`, bshadow.String())
	}
	if sshadow.Len() > 0 {
		fmt.Fprintf(&l.SVG, `<path class="shaft-shadow" d="%s" fill="#5a2d82" fill-opacity="0.45" stroke="none" fill-rule="nonzero"/>`, sshadow.String())
	}
	l.Legend = []legendEntry{{swatchFill("#b1b1b9", "#b1b1b9", false), "楼栋阴影 building shadow"}, {swatchFill("#a98cc0", "#a98cc0", false), "井道阴影 shaft shadow"}}
	return l
}

// compoundCentre is the centre of a compound's boundary, or of its footprints.
func compoundCentre(cp *renovation.Compound) (orb.Point, bool) {
	if cp.Boundary != nil {
		return cp.Boundary.Bound().Center(), true
	}
	var b orb.Bound
	found := false
	for _, bl := range cp.Buildings {
		if bl.Footprint == nil {
			continue
		}
		if !found {
			b, found = bl.Footprint.Bound(), true
		} else {
			b = b.Union(bl.Footprint.Bound())
		}
	}
	return b.Center(), found
}

// shadowOf is the ground shadow (lon/lat) of a footprint extruded to h metres, the sun at pos.
func shadowOf(tm *geo.TransverseMercator, fp orb.Polygon, h float64, pos sun.Position) orb.Geometry {
	if len(fp) == 0 {
		return nil
	}
	ring := make([]orb.Point, 0, len(fp[0]))
	for _, p := range fp[0] {
		ring = append(ring, tm.Forward(p))
	}
	g, err := sun.Shadow(sun.Prism{Ring: ring, Height: h}, pos)
	if err != nil || g == nil {
		return nil
	}
	var out orb.MultiPolygon
	for _, poly := range polysOf(g) {
		q := make(orb.Polygon, len(poly))
		for k, rg := range poly {
			q[k] = make(orb.Ring, len(rg))
			for j, p := range rg {
				q[k][j] = tm.Inverse(p)
			}
		}
		out = append(out, q)
	}
	return out
}

// shaftOptionsStorey reads the storey height the shafts were assessed with.
func shaftOptionsStorey(rep *renovation.ShaftReport) float64 {
	for _, p := range rep.Parameters {
		if p.Name == "storey_height" {
			var v float64
			if _, err := fmt.Sscanf(p.Value, "%g m", &v); err == nil {
				return v
			}
		}
	}
	return 2.9
}

func polysOf(g orb.Geometry) []orb.Polygon {
	switch v := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{v}
	case orb.MultiPolygon:
		return v
	}
	return nil
}
