package main

import (
	_ "embed"
	"fmt"
	"html/template"
	"os"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/renovation"
)

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Parse(reportTemplate))

type card struct{ Value, Key string }

type page struct {
	Title, Subtitle, Synthetic, Footer string
	Cards                              []card
	Map, CoverageChart, CostChart      template.HTML
	Tables                             []*table
}

// coverageRamp colours a compound by the share of radius-table kinds it has within reach:
// from red (none) to green (all).
var coverageRamp = []string{"#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"}

func rampColour(covered, kinds int) string {
	if kinds == 0 {
		return "#cccccc"
	}
	return coverageRamp[covered*(len(coverageRamp)-1)/kinds]
}

// kindColours gives each facility kind of the radius table a colour for the map and the chart.
var kindColours = []string{"#1f77b4", "#9467bd", "#e377c2", "#8c564b", "#17becf", "#bcbd22", "#2ca02c", "#ff7f0e", "#7f7f7f", "#393b79"}

func writeHTML(path string, r *results, tables []*table) error {
	d := r.District
	p := page{
		Title:    d.Name + " · 老旧小区改造分析报告",
		Subtitle: fmt.Sprintf("Old-compound renovation report: %d compounds, %d buildings, %d households, %d residents", len(d.Compounds), r.Total.Buildings, r.Total.Households, r.Total.Residents),
		Tables:   tables,
		Footer:   d.Attribution,
	}
	if r.Sample {
		p.Synthetic = "模拟数据 Generated data: this district's rosters, built years, some storeys and footprints, zones and elevator ballots are made by a seeded generator to show the analyses. They describe no real people."
	}
	sum := r.Plans.Summary
	p.Cards = []card{
		{fmt.Sprint(len(d.Compounds)), "小区 compounds"},
		{fmt.Sprint(r.Total.Households), "户 households"},
		{fmt.Sprint(r.Eligible), fmt.Sprintf("%d年底前建成 eligible", r.Rule.CutoffYear)},
		{fmt.Sprintf("%.2f", r.Indicators.Totals.FAR), "容积率 FAR"},
		{fmt.Sprint(sum.Stairwells), "可加装电梯单元 elevator stairwells"},
		{fmt.Sprint(sum.ReadyToSign), "可签约 ready to sign"},
		{r.Budget.Total.Cost.Grouped(), "改造预算（示例价格）budget, illustrative yuan"},
	}
	p.Map = districtMap(r)
	p.CoverageChart = coverageChart(r)
	p.CostChart = costByFloorChart(r)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := reportTmpl.Execute(f, p); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func districtMap(r *results) template.HTML {
	d := r.District
	kinds := len(r.LifeCircle.Kinds)
	var shapes []mapShape
	for i := range d.Compounds {
		c := &d.Compounds[i]
		n := r.Covered[c.ID]
		shapes = append(shapes, mapShape{ID: c.ID, Geometry: c.Boundary, Class: "compound", Fill: rampColour(n, kinds),
			Title: fmt.Sprintf("%s: %d of %d life-circle kinds within reach; %d households", c.Label(), n, kinds, r.Counts[i].Households)})
	}
	for i := range d.Compounds {
		for _, b := range d.Compounds[i].Buildings {
			shapes = append(shapes, mapShape{ID: b.ID, Geometry: b.Footprint, Class: "building", Fill: "#6b6b6b",
				Title: fmt.Sprintf("%s, %d storeys", b.Label(), b.Storeys)})
		}
	}
	colour := map[renovation.FacilityKind]string{}
	var legend []legendEntry
	for _, fill := range coverageRamp {
		lo, hi := -1, -1
		for n := 0; n <= kinds; n++ {
			if rampColour(n, kinds) == fill {
				if lo < 0 {
					lo = n
				}
				hi = n
			}
		}
		switch {
		case lo < 0:
			continue // no count maps to this colour (fewer kinds than colours)
		case lo == hi:
			legend = append(legend, legendEntry{Fill: fill, Label: fmt.Sprintf("覆盖 %d / %d 项 kinds within reach", lo, kinds)})
		default:
			legend = append(legend, legendEntry{Fill: fill, Label: fmt.Sprintf("覆盖 %d–%d / %d 项 kinds within reach", lo, hi, kinds)})
		}
	}
	for i, s := range r.LifeCircle.Kinds {
		if _, ok := colour[s.Kind]; !ok {
			colour[s.Kind] = kindColours[i%len(kindColours)]
			legend = append(legend, legendEntry{Fill: colour[s.Kind], Label: s.Kind.Chinese(), Circle: true})
		}
	}
	var points []mapPoint
	for _, f := range d.Facilities {
		c, ok := colour[f.Kind]
		if !ok {
			continue // kinds the radius table does not list are not drawn
		}
		points = append(points, mapPoint{Point: facilityPoint(f), Fill: c, Kind: string(f.Kind), Title: f.Kind.Chinese() + " " + f.Name})
	}
	return svgMap(shapes, points, legend, 1100, 760, shortAttribution(d.Attribution))
}

func coverageChart(r *results) template.HTML {
	var bars []bar
	for i, s := range r.LifeCircle.Kinds {
		bars = append(bars, bar{Label: kindLabel(s), Value: s.HouseholdRate, Fill: kindColours[i%len(kindColours)],
			Text: fmt.Sprintf("%.0f%% 户 · %d/%d 小区", 100*s.HouseholdRate, s.CompoundsCovered, s.Compounds)})
	}
	return svgBars("coverage", "生活圈覆盖 households within reach, by facility kind", bars, 1, 540)
}

// costByFloorChart draws the mean share per household by floor over every stairwell with a
// cost table.
func costByFloorChart(r *results) template.HTML {
	sum := map[int]budget.Money{}
	n := map[int]int{}
	for _, p := range r.Plans.Plans {
		for _, h := range p.Households {
			sum[h.Floor] += h.Share
			n[h.Floor]++
		}
	}
	floors := make([]int, 0, len(n))
	for f := range n {
		floors = append(floors, f)
	}
	sort.Ints(floors)
	var bars []bar
	longest := 0.0
	for _, f := range floors {
		mean := float64(sum[f]) / float64(n[f]) / 100
		longest = max(longest, mean)
		bars = append(bars, bar{Label: fmt.Sprintf("%d 层 floor", f), Value: mean, Fill: "#2b6cb0", Text: fmt.Sprintf("%.0f 元", mean)})
	}
	return svgBars("cost", "加装电梯每户平均分摊 mean share per household by floor", bars, longest, 540)
}

// shortAttribution is the first clause of a district's attribution, for the map's corner: the
// data's licence line, without the notes after it.
func shortAttribution(a string) string {
	a, _, _ = strings.Cut(a, ";")
	return strings.TrimSpace(a)
}

// facilityPoint is where the map draws a facility: the point itself, or the centre of a site's
// bound (a marker, not a measurement).
func facilityPoint(f renovation.Facility) orb.Point {
	if p, ok := f.Location.(orb.Point); ok {
		return p
	}
	return f.Location.Bound().Center()
}
