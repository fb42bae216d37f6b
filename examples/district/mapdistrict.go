package main

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// The Lujiazui sample's map context: OpenStreetMap's roads, water and parks around it (made by
// internal/mkcontext; © OpenStreetMap contributors, ODbL 1.0).
//
//go:embed sample/context-lujiazui.geojson
var contextLujiazui []byte

// mapContext returns the roads, water and green of the district's surroundings that the map
// draws under the compounds: -context's, else the embedded OSM layers for the Lujiazui sample,
// else none (the district's own green spaces are drawn all the same).
func mapContext(r *results) []*geojson.Feature {
	if r.Context != nil {
		return r.Context
	}
	if !r.Sample || r.District.ID != sample.Lujiazui {
		return nil
	}
	fc, err := geojson.UnmarshalFeatureCollection(contextLujiazui)
	if err != nil {
		return nil // the embedded file is tested to parse
	}
	return fc.Features
}

// mapExtent is the bound of everything of the district the map draws: compounds, buildings,
// facilities and zones (the context is cut to it).
func mapExtent(d *renovation.District) (orb.Bound, bool) {
	var b orb.Bound
	ok := false
	add := func(g orb.Geometry) {
		if g == nil {
			return
		}
		if !ok {
			b, ok = g.Bound(), true
		} else {
			b = b.Union(g.Bound())
		}
	}
	for i := range d.Compounds {
		add(d.Compounds[i].Boundary)
		for _, bl := range d.Compounds[i].Buildings {
			add(bl.Footprint)
		}
	}
	for _, f := range d.Facilities {
		add(f.Location)
	}
	for _, z := range d.Zones {
		add(z.Boundary)
	}
	return b, ok
}

// facilityStyle is how the map draws a kind of facility: a symbol and a colour.
type facilityStyle struct {
	Symbol, Fill string
	Index        int
}

// facilityStyles gives every kind of facility in the district a symbol and a colour: the
// radius table's kinds first, in its order, then the others as they come.
func facilityStyles(r *results, c *mapCanvas) (map[renovation.FacilityKind]facilityStyle, []renovation.FacilityKind) {
	styles := map[renovation.FacilityKind]facilityStyle{}
	var order []renovation.FacilityKind
	add := func(k renovation.FacilityKind) {
		if _, ok := styles[k]; ok {
			return
		}
		i := len(order)
		// Colours and shapes both cycle through ten; shifting the shape on each turn of the
		// colours keeps every pair distinct for up to a hundred kinds.
		sym := "sym0"
		if c != nil {
			sym = c.symbol(i + 3*(i/len(kindColours)))
		}
		styles[k] = facilityStyle{Symbol: sym, Fill: kindColours[i%len(kindColours)], Index: i}
		order = append(order, k)
	}
	for _, s := range r.LifeCircle.Kinds {
		add(s.Kind)
	}
	for _, f := range r.District.Facilities {
		add(f.Kind)
	}
	return styles, order
}

// districtMap draws the district: context, zones, compounds by coverage, buildings,
// facilities by kind, then the layers of mapLayerHooks, and the compounds' labels.
func districtMap(r *results) *mapView {
	d := r.District
	ext, ok := mapExtent(d)
	if !ok {
		return nil
	}
	c := newMapCanvas(ext, 1000)
	kinds := len(r.LifeCircle.Kinds)
	view := &mapView{Width: c.width, Height: c.height, MetresPerUnit: c.metresPerUnit()}
	bar := 1.0 // the longest round length under a fifth of the map's width
	for _, l := range []float64{2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000} {
		if l*c.scale <= c.width/5 {
			bar = l
		}
	}
	view.ScalePercent, view.ScaleText = fmt.Sprintf("%.2f", 100*bar*c.scale/c.width), metres(bar)

	// Context: water, green (the OSM layers' and the district's own), roads.
	ctx := &mapLayer{ID: "context", Name: "底图：道路、水系、绿地 roads, water, green"}
	var water, green, minor, major strings.Builder
	for _, f := range mapContext(r) {
		if f.Geometry == nil || !f.Geometry.Bound().Intersects(ext.Pad(0.0005)) {
			continue
		}
		p := c.path(f.Geometry)
		switch f.Properties.MustString("kind", "") {
		case "water":
			water.WriteString(p)
		case "green":
			green.WriteString(p)
		case "road_minor":
			minor.WriteString(p)
		case "road_major":
			major.WriteString(p)
		}
	}
	for _, g := range d.GreenSpaces {
		if g.Area != nil {
			green.WriteString(c.path(g.Area))
		}
	}
	if water.Len() > 0 {
		fmt.Fprintf(&ctx.SVG, `<path class="water" d="%s" fill="#b9d7f0" stroke="none" fill-rule="nonzero"/>`, water.String())
		ctx.Legend = append(ctx.Legend, legendEntry{swatchFill("#b9d7f0", "#b9d7f0", false), "水系 water"})
	}
	if green.Len() > 0 {
		fmt.Fprintf(&ctx.SVG, `<path class="green" d="%s" fill="#cfe8c4" stroke="none" fill-rule="nonzero"/>`, green.String())
		ctx.Legend = append(ctx.Legend, legendEntry{swatchFill("#cfe8c4", "#cfe8c4", false), "绿地 green space"})
	}
	if minor.Len() > 0 {
		fmt.Fprintf(&ctx.SVG, `<path class="road minor" d="%s" fill="none" stroke="#ffffff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>`, minor.String())
		fmt.Fprintf(&ctx.SVG, `<path class="road minor-core" d="%s" fill="none" stroke="#d9d4c7" stroke-width="1.2"/>`, minor.String())
		ctx.Legend = append(ctx.Legend, legendEntry{swatchLine("#c9c2b0", 2), "道路 road"})
	}
	if major.Len() > 0 {
		fmt.Fprintf(&ctx.SVG, `<path class="road major" d="%s" fill="none" stroke="#f3c76b" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>`, major.String())
		ctx.Legend = append(ctx.Legend, legendEntry{swatchLine("#f3c76b", 4), "主要道路 major road"})
	}

	zones := &mapLayer{ID: "zones", Name: "实施范围与排除区域 scope zones"}
	for _, z := range d.Zones {
		if z.Boundary == nil {
			continue
		}
		stroke, name := "#2b6cb0", "实施范围 scope"
		if z.Kind == renovation.ZoneExclusion {
			stroke, name = "#b7322c", "排除区域 exclusion"
		}
		fmt.Fprintf(&zones.SVG, `<path class="zone" data-id="%s" d="%s" fill="%s" fill-opacity="0.08" stroke="%s" stroke-width="2" stroke-dasharray="8 4"><title>%s %s</title></path>`,
			html.EscapeString(z.ID), c.path(z.Boundary), stroke, stroke, name, html.EscapeString(z.Name))
	}
	if zones.SVG.Len() > 0 {
		zones.Legend = []legendEntry{{swatchFill("#eef3f9", "#2b6cb0", true), "实施范围 programme scope"}}
		for _, z := range d.Zones {
			if z.Kind == renovation.ZoneExclusion {
				zones.Legend = append(zones.Legend, legendEntry{swatchFill("#f9eeee", "#b7322c", true), "排除区域 excluded"})
				break
			}
		}
	}

	comp := &mapLayer{ID: "compounds", Name: "小区（按生活圈覆盖着色）compounds by coverage"}
	var cut []string
	for i := range d.Compounds {
		cp := &d.Compounds[i]
		if cp.Boundary == nil {
			continue
		}
		n := r.Covered[cp.ID]
		info := compoundInfo(r, i)
		fmt.Fprintf(&comp.SVG, `<path class="compound" data-id="%s" data-info="%s" tabindex="0" d="%s" fill="%s" stroke="#444" stroke-width="1" fill-rule="evenodd"><title>%s</title></path>`,
			html.EscapeString(cp.ID), html.EscapeString(info), c.path(cp.Boundary), rampColour(n, kinds), html.EscapeString(info))
		if edges := c.cutEdges(cp.Boundary, 20); len(edges) > 0 {
			cut = append(cut, cp.Label())
			for _, e := range edges {
				fmt.Fprintf(&comp.SVG, `<path class="cut" data-id="%s" d="%s" fill="none" stroke="#b7322c" stroke-width="2.5" stroke-dasharray="2 3"/>`, html.EscapeString(cp.ID), c.path(e))
			}
		}
	}
	comp.Legend = coverageLegend(kinds)
	if len(cut) > 0 {
		comp.Legend = append(comp.Legend, legendEntry{swatchLine("#b7322c", 2.5), "数据范围边界（小区在此被截断）edge of the data"})
		view.Notes = append(view.Notes, fmt.Sprintf("数据范围在红色虚线处截断：%s 的边界、面积及由面积算出的指标只到数据边缘为止。The data's extent cuts %d compounds at the dotted red line; their areas stop there.",
			strings.Join(cut, "、"), len(cut)))
	}

	bld := &mapLayer{ID: "buildings", Name: "楼栋 buildings"}
	for i := range d.Compounds {
		for _, b := range d.Compounds[i].Buildings {
			if b.Footprint == nil {
				continue
			}
			fmt.Fprintf(&bld.SVG, `<path class="building" data-id="%s" d="%s" fill="#6b6b6b" fill-opacity="0.85" stroke="#333" stroke-width="0.3"><title>%s，%d 层</title></path>`,
				html.EscapeString(b.ID), c.path(b.Footprint), html.EscapeString(b.Label()), b.Storeys)
		}
	}
	bld.Legend = []legendEntry{{swatchFill("#6b6b6b", "#333", false), "楼栋 building"}}

	fac := &mapLayer{ID: "facilities", Name: "设施（按类型）facilities by kind"}
	styles, order := facilityStyles(r, c)
	var sites, marks strings.Builder
	for _, f := range d.Facilities {
		if f.Location == nil {
			continue
		}
		st := styles[f.Kind]
		name := f.Kind.Chinese()
		if f.Name != "" {
			name += " " + f.Name
		}
		if _, point := f.Location.(orb.Point); !point { // a site: drawn as its outline, with its symbol
			fmt.Fprintf(&sites, `<path class="site" data-kind="%s" d="%s" fill="%s" fill-opacity="0.3" stroke="%s" stroke-width="1"/>`,
				html.EscapeString(string(f.Kind)), c.path(f.Location), st.Fill, st.Fill)
		}
		x, y := c.xy(facilityPoint(f))
		fmt.Fprintf(&marks, `<use class="facility" data-id="%s" data-kind="%s" data-info="%s" href="#%s" x="%.1f" y="%.1f" width="12" height="12" fill="%s" stroke="#fff" stroke-width="0.8"><title>%s</title></use>`,
			html.EscapeString(f.ID), html.EscapeString(string(f.Kind)), html.EscapeString(name), st.Symbol, x-6, y-6, st.Fill, html.EscapeString(name))
	}
	fac.SVG.WriteString(sites.String())
	fac.SVG.WriteString(marks.String())
	present := map[renovation.FacilityKind]int{}
	for _, f := range d.Facilities {
		if f.Location != nil {
			present[f.Kind]++
		}
	}
	for _, k := range order {
		if st := styles[k]; present[k] > 0 { // the legend lists what the map shows
			fac.Legend = append(fac.Legend, legendEntry{swatchSymbol(st.Symbol, st.Fill), fmt.Sprintf("%s（%d）", k.Chinese(), present[k])})
		}
	}

	labels := &mapLayer{ID: "labels", Name: "小区名称 labels"}
	// Larger compounds first: they have the most room inside.
	idx := make([]int, 0, len(d.Compounds))
	for i := range d.Compounds {
		if d.Compounds[i].Boundary != nil {
			idx = append(idx, i)
		}
	}
	areaOf := func(i int) float64 { return r.Indicators.Compounds[i].RatioArea }
	for a := 1; a < len(idx); a++ { // insertion sort: stable and small
		for b := a; b > 0 && areaOf(idx[b]) > areaOf(idx[b-1]); b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	for _, i := range idx {
		cp := &d.Compounds[i]
		if !c.placeLabel(cp.ID, cp.Label(), cp.Boundary) {
			view.Notes = append(view.Notes, fmt.Sprintf("小区 %s 的名称在图上放不下。No room for the label of %s.", cp.Label(), cp.Label()))
		}
	}
	labels.SVG.WriteString(c.labelsSVG.String())

	c.Layers = []*mapLayer{ctx, zones, comp, bld, fac}
	for _, h := range mapLayerHooks {
		if l := h(r, c); l != nil {
			c.Layers = append(c.Layers, l)
		}
	}
	c.Layers = append(c.Layers, labels)
	var w strings.Builder
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" id="districtmap" class="map" viewBox="0 0 %.0f %.0f" data-m-per-unit="%.6f" role="img" aria-label="%s 地图 map" preserveAspectRatio="xMidYMid meet">`,
		c.width, c.height, c.metresPerUnit(), html.EscapeString(reportName(d)))
	fmt.Fprintf(&w, `<defs>%s</defs>`, c.symbols.String())
	fmt.Fprintf(&w, `<rect class="bg" x="-100000" y="-100000" width="200000" height="200000" fill="`+mapBackground+`"/>`)
	for _, l := range c.Layers {
		if l.SVG.Len() == 0 {
			continue
		}
		display := ""
		if l.Off {
			display = ` style="display:none"`
		}
		fmt.Fprintf(&w, `<g class="layer" data-layer="%s"%s>%s</g>`, html.EscapeString(l.ID), display, l.SVG.String())
	}
	w.WriteString(`</svg>`)
	view.SVG = template.HTML(w.String()) // built from escaped text and numbers only
	for _, l := range c.Layers {
		if l.SVG.Len() > 0 {
			view.Layers = append(view.Layers, l)
		}
	}
	if a := shortAttribution(d.Attribution); a != "" {
		view.Notes = append(view.Notes, "底图与几何数据 Map data: "+a)
	}
	return view
}

// coverageLegend is the legend of the compounds' colours: how many radius-table kinds each
// colour stands for.
func coverageLegend(kinds int) []legendEntry {
	var out []legendEntry
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
			out = append(out, legendEntry{swatchFill(fill, "#444", false), fmt.Sprintf("覆盖 %d / %d 类设施 kinds within reach", lo, kinds)})
		default:
			out = append(out, legendEntry{swatchFill(fill, "#444", false), fmt.Sprintf("覆盖 %d–%d / %d 类设施 kinds within reach", lo, hi, kinds)})
		}
	}
	return out
}

// compoundInfo is what the map shows for compound i when it is hovered or clicked: its figures,
// one per line, Chinese first.
func compoundInfo(r *results, i int) string {
	c := &r.District.Compounds[i]
	ind := r.Indicators.Compounds[i]
	year := "未知"
	if c.BuiltYear != 0 {
		year = fmt.Sprint(c.BuiltYear)
		if c.IsSynthetic("built_year") {
			year += "（模拟）"
		}
	}
	lines := []string{
		c.Label(),
		"建成年份：" + year,
		fmt.Sprintf("楼栋 %d，户数 %d，人数 %d", r.Counts[i].Buildings, r.Counts[i].Households, r.Counts[i].Residents),
		fmt.Sprintf("用地面积 %.0f ㎡，容积率 %.2f，绿地率 %.1f%%", ind.RatioArea, ind.FAR, 100*ind.GreenRatio),
		fmt.Sprintf("生活圈覆盖 %d / %d 类设施", r.Covered[c.ID], len(r.LifeCircle.Kinds)),
		fmt.Sprintf("加装电梯候选楼栋 %d", ind.ElevatorCandidates),
	}
	return strings.Join(lines, "\n")
}

// mapBackground is the colour of the map's ground, under the context.
const mapBackground = "#f4f1ea"
