package main

import (
	"fmt"
	"html"
	"html/template"
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

// shaftsMap draws the compound with the most candidate stairwells (the first of equals): its
// buildings, the shafts (green where they fit, red where not) and the shadows of both at
// hour (apparent solar time) on the standard day.
func shaftsMap(r *results, hour float64) template.HTML {
	rep := r.Plans.Shafts
	if rep == nil || len(rep.Shafts) == 0 {
		return ""
	}
	count := map[string]int{}
	best := ""
	for _, p := range r.Plans.Plans {
		id := p.Stairwell.CompoundID
		count[id]++
		if count[id] > count[best] {
			best = id
		}
	}
	c := r.District.Compound(best)
	if c == nil {
		return ""
	}
	var b orb.Bound
	if c.Boundary != nil {
		b = c.Boundary.Bound()
	} else {
		for i, bl := range c.Buildings {
			if bl.Footprint != nil {
				if i == 0 {
					b = bl.Footprint.Bound()
				}
				b = b.Union(bl.Footprint.Bound())
			}
		}
	}
	ctr := b.Center()
	tm := geo.LocalTM(ctr)
	day := sun.TermDay(2026, rep.Standard.Term)
	pos := sun.AtSolarTime(day, hour*60, ctr[1], ctr[0])
	storey := shaftOptionsStorey(rep)
	shadow := func(fp orb.Polygon, h float64) orb.Geometry {
		ring := make([]orb.Point, 0, len(fp[0]))
		for _, p := range fp[0] {
			ring = append(ring, tm.Forward(p))
		}
		g, err := sun.Shadow(sun.Prism{Ring: ring, Height: h}, pos)
		if err != nil || g == nil {
			return nil
		}
		out := orb.MultiPolygon{}
		for _, poly := range polysOf(g) {
			q := make(orb.Polygon, len(poly))
			for k, ring := range poly {
				q[k] = make(orb.Ring, len(ring))
				for j, p := range ring {
					q[k][j] = tm.Inverse(p)
				}
			}
			out = append(out, q)
		}
		return out
	}
	var shapes, shadows, bodies, shafts []mapShape
	if c.Boundary != nil {
		shapes = append(shapes, mapShape{ID: c.ID, Geometry: c.Boundary, Class: "compound", Fill: "#f1efe6", Title: c.Label()})
	}
	for _, bl := range c.Buildings {
		bodies = append(bodies, mapShape{ID: bl.ID, Geometry: bl.Footprint, Class: "building", Fill: "#8a8a8a", Title: fmt.Sprintf("%s, %d storeys", bl.Label(), bl.Storeys)})
		for _, fp := range polysOf(bl.Footprint) {
			if bl.Storeys > 0 && len(fp) > 0 {
				shadows = append(shadows, mapShape{ID: bl.ID, Geometry: shadow(fp, float64(bl.Storeys)*storey), Class: "shadow", Fill: "#c9c3b3", Title: "shadow of " + bl.Label()})
			}
		}
	}
	for i, p := range r.Plans.Plans {
		a := &rep.Shafts[i]
		if p.Stairwell.CompoundID != best || a.Footprint == nil {
			continue
		}
		fill := "#2e9e4f"
		if !a.Fit.Fits {
			fill = "#d23b2f"
		}
		shadows = append(shadows, mapShape{ID: a.Stairwell.String(), Geometry: shadow(a.Footprint, a.Height), Class: "shaft-shadow", Fill: "#7d6f96", Title: "shadow of the shaft of " + a.Stairwell.String()})
		shafts = append(shafts, mapShape{ID: a.Stairwell.String(), Geometry: a.Footprint, Class: "shaft", Fill: fill,
			Title: fmt.Sprintf("unit %s: %.1f m; %d households lose sun", p.Stairwell.Unit, a.Height, len(p.Sunlight))})
	}
	shapes = append(append(append(shapes, shadows...), bodies...), shafts...)
	legend := []legendEntry{{Fill: "#2e9e4f", Label: "井道可行 shaft fits"}, {Fill: "#d23b2f", Label: "井道不可行 does not fit"},
		{Fill: "#c9c3b3", Label: "楼栋阴影 building shadow"}, {Fill: "#7d6f96", Label: "井道阴影 shaft shadow"}}
	caption := fmt.Sprintf("%s: elevator shafts and shadows at %02d:%02d apparent solar time, %s %s (sun altitude %.1f°, azimuth %.1f°)",
		c.Label(), int(hour), int(math.Round(math.Mod(hour, 1)*60)), rep.Standard.TermZh, rep.Day, pos.Altitude, pos.Azimuth)
	return template.HTML(`<figure class="shafts"><figcaption>`+html.EscapeString(caption)+`</figcaption>`) +
		svgMap(shapes, nil, legend, 1100, 760, shortAttribution(r.District.Attribution)) + template.HTML(`</figure>`)
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
