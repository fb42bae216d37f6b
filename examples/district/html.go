package main

import (
	_ "embed"
	"fmt"
	"html/template"
	"math"
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
	Map                                *mapView
	Charts                             []template.HTML
	Tables                             []*table
	Script                             template.JS
}

// mapView is the map section: the drawing, its layer switches, and, outside the drawing, the
// legend, the scale bar and the notes.
type mapView struct {
	SVG           template.HTML
	Layers        []*mapLayer
	Width, Height float64
	MetresPerUnit float64
	// ScalePercent is the scale bar's length as a share of the map's width, in per cent, and
	// ScaleText what it measures ("200 m"), at the map's first zoom.
	ScalePercent, ScaleText string
	Notes                   []string
}

//go:embed mapscript.js
var mapScript string

// coverageRamp colours a compound by the share of radius-table kinds it has within reach:
// from red (none) to green (all).
var coverageRamp = []string{"#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"}

func rampColour(covered, kinds int) string {
	if kinds == 0 {
		return "#cccccc"
	}
	return coverageRamp[covered*(len(coverageRamp)-1)/kinds]
}

// kindColours gives each facility kind a colour for the map and the chart.
var kindColours = []string{"#1f77b4", "#9467bd", "#e377c2", "#8c564b", "#17becf", "#bcbd22", "#2ca02c", "#ff7f0e", "#7f7f7f", "#393b79"}

// reportName is the district's name as the report's title shows it.
func reportName(d *renovation.District) string {
	if d.Name != "" {
		return d.Name
	}
	return "片区"
}

func writeHTML(path string, r *results, tables []*table) error {
	d := r.District
	p := page{
		Title:    reportName(d) + " · 老旧小区改造分析报告",
		Subtitle: fmt.Sprintf("%d 个小区，%d 栋楼，%d 户，%d 人。Old-compound renovation report: %d compounds, %d buildings, %d households, %d residents.", len(d.Compounds), r.Total.Buildings, r.Total.Households, r.Total.Residents, len(d.Compounds), r.Total.Buildings, r.Total.Households, r.Total.Residents),
		Tables:   tables,
		Footer:   d.Attribution,
		Script:   template.JS(mapScript), // the example's own file, not data
	}
	if r.Sample {
		p.Synthetic = "模拟数据：本片区的住户花名册、建成年份、部分层数与基底、实施范围和加装电梯表决由带种子的生成器生成，用于演示分析方法，不描述任何真实住户。Generated data: rosters, built years, some storeys and footprints, zones and elevator ballots are generated to show the analyses; they describe no real people."
	}
	sum := r.Plans.Summary
	p.Cards = []card{
		{fmt.Sprint(len(d.Compounds)), "小区 compounds"},
		{fmt.Sprint(r.Total.Households), "户 households"},
		{fmt.Sprint(r.Eligible), fmt.Sprintf("%d年底前建成 eligible", r.Rule.CutoffYear)},
		{fmt.Sprintf("%.2f", r.Indicators.Totals.FAR), "容积率 FAR"},
		{fmt.Sprint(sum.Stairwells), "可加装电梯单元 elevator stairwells"},
		{fmt.Sprint(sum.ReadyToSign), "可签约 ready to sign"},
		{r.Budget.Total.Cost.Grouped(), "改造预算（元，示例价格）budget, illustrative yuan"},
	}
	p.Map = districtMap(r)
	p.Charts = []template.HTML{coverageChart(r), costByFloorChart(r)}
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

func coverageChart(r *results) template.HTML {
	var bars []bar
	for i, s := range r.LifeCircle.Kinds {
		bars = append(bars, bar{Label: kindLabel(s), Value: s.HouseholdRate, Fill: kindColours[i%len(kindColours)],
			Text: fmt.Sprintf("%.0f%% 户 · %d/%d 小区", 100*s.HouseholdRate, s.CompoundsCovered, s.Compounds)})
	}
	return svgBars("coverage", "生活圈覆盖：服务半径内的户数占比（%）", "来源：生活圈覆盖表（直线距离）Source: table 生活圈覆盖", bars, 1)
}

// costByFloorChart draws the mean share per household by floor, one group of bars per
// building height: a 6-storey and a 5-storey stairwell share their cost differently, and a
// mean over both would make floor 6 look cheaper than floor 5.
func costByFloorChart(r *results) template.HTML {
	type key struct{ storeys, floor int }
	sum := map[key]budget.Money{}
	n := map[key]int{}
	stairwells := map[int]int{}
	for _, p := range r.Plans.Plans {
		if len(p.Households) > 0 {
			stairwells[p.Stairwell.Storeys]++
		}
		for _, h := range p.Households {
			k := key{p.Stairwell.Storeys, h.Floor}
			sum[k] += h.Share
			n[k]++
		}
	}
	keys := make([]key, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].storeys != keys[j].storeys {
			return keys[i].storeys < keys[j].storeys
		}
		return keys[i].floor < keys[j].floor
	})
	var bars []bar
	longest := 0.0
	group := -1
	for _, k := range keys {
		if k.storeys != group {
			group = k.storeys
			bars = append(bars, bar{Group: fmt.Sprintf("%d 层楼（%d 个单元）%d-storey buildings", k.storeys, stairwells[k.storeys], k.storeys)})
		}
		mean := float64(sum[k]) / float64(n[k]) / 100
		longest = max(longest, mean)
		bars = append(bars, bar{Label: fmt.Sprintf("%d 层 floor %d", k.floor, k.floor), Value: mean, Fill: kindColours[k.storeys%len(kindColours)],
			Text: fmt.Sprintf("%s 元（%d 户）", budget.Money(math.Round(mean*100)).Grouped(), n[k])})
	}
	return svgBars("cost", "加装电梯每户平均分摊（元），按楼栋层数分组", "来源：电梯分摊表（已摸排单元）Source: table 电梯分摊", bars, longest)
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
