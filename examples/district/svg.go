package main

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// mapShape is a polygon to draw: a compound or a building.
type mapShape struct {
	ID       string
	Geometry orb.Geometry // lon/lat
	Fill     string       // CSS colour
	Class    string       // "compound" or "building"
	Title    string       // tooltip
}

// mapPoint is a point to draw: a facility.
type mapPoint struct {
	Point orb.Point // lon/lat
	Fill  string
	Title string
	Kind  string
}

// legendEntry is one swatch of a map legend.
type legendEntry struct {
	Fill, Label string
	Circle      bool
}

// svgMap draws shapes and points in a local transverse Mercator fitted into a width×height
// box, north up, with a legend and a scale bar. Every shape is one <path>; compounds carry
// class="compound" and data-id, so a reader (or a test) can find them.
func svgMap(shapes []mapShape, points []mapPoint, legend []legendEntry, width, height float64, attribution string) template.HTML {
	var b orb.Bound
	first := true
	for _, s := range shapes {
		if s.Geometry == nil {
			continue
		}
		if first {
			b, first = s.Geometry.Bound(), false
		} else {
			b = b.Union(s.Geometry.Bound())
		}
	}
	if first {
		return ""
	}
	tm := geo.LocalTM(b.Center())
	lo, hi := tm.Forward(b.Min), tm.Forward(b.Max)
	// Fit the projected bound (corners of a small district project nearly to a rectangle).
	for _, c := range []orb.Point{{b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
		p := tm.Forward(c)
		lo = orb.Point{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
		hi = orb.Point{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
	}
	const margin = 12.0
	legendH := 22.0 * float64((len(legend)+2)/3)
	mapH := height - legendH - 2*margin
	scale := math.Min((width-2*margin)/math.Max(hi[0]-lo[0], 1), mapH/math.Max(hi[1]-lo[1], 1))
	xy := func(p orb.Point) (float64, float64) {
		q := tm.Forward(p)
		return margin + (q[0]-lo[0])*scale, margin + mapH - (q[1]-lo[1])*scale
	}
	var w strings.Builder
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="district map">`, width, height, width, height)
	fmt.Fprintf(&w, `<rect x="0" y="0" width="%.0f" height="%.0f" fill="#fbfbf8"/>`, width, height)
	for _, s := range shapes {
		if s.Geometry == nil {
			continue
		}
		stroke := "#555"
		sw := 0.6
		if s.Class == "building" {
			stroke, sw = "#333", 0.3
		}
		fmt.Fprintf(&w, `<path class="%s" data-id="%s" d="%s" fill="%s" stroke="%s" stroke-width="%.1f" fill-rule="evenodd"><title>%s</title></path>`,
			s.Class, html.EscapeString(s.ID), pathData(s.Geometry, xy), s.Fill, stroke, sw, html.EscapeString(s.Title))
	}
	for _, p := range points {
		x, y := xy(p.Point)
		fmt.Fprintf(&w, `<circle class="facility" data-kind="%s" cx="%.1f" cy="%.1f" r="3.2" fill="%s" stroke="#fff" stroke-width="0.8"><title>%s</title></circle>`,
			html.EscapeString(p.Kind), x, y, p.Fill, html.EscapeString(p.Title))
	}
	// Scale bar: the largest round length under a fifth of the width.
	bar := 1.0
	for _, c := range []float64{2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000} {
		if c*scale < width/5 {
			bar = c
		}
	}
	by := margin + mapH - 4
	fmt.Fprintf(&w, `<g class="scale"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="2"/><text x="%.1f" y="%.1f" font-size="11">%s</text></g>`,
		margin, by, margin+bar*scale, by, margin, by-5, metres(bar))
	fmt.Fprintf(&w, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="end" fill="#666">N ↑ · %s</text>`, width-margin, margin+10, html.EscapeString(attribution))
	for i, l := range legend {
		x := margin + float64(i%3)*(width-2*margin)/3
		y := margin + mapH + 8 + float64(i/3)*22
		if l.Circle {
			fmt.Fprintf(&w, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s"/>`, x+7, y+7, l.Fill)
		} else {
			fmt.Fprintf(&w, `<rect x="%.1f" y="%.1f" width="14" height="14" fill="%s" stroke="#555" stroke-width="0.5"/>`, x, y, l.Fill)
		}
		fmt.Fprintf(&w, `<text class="legend" x="%.1f" y="%.1f" font-size="12">%s</text>`, x+20, y+11, html.EscapeString(l.Label))
	}
	w.WriteString(`</svg>`)
	return template.HTML(w.String()) // built from escaped text and numbers only
}

// pathData writes the rings of a polygon or multipolygon as SVG path commands.
func pathData(g orb.Geometry, xy func(orb.Point) (float64, float64)) string {
	var polys []orb.Polygon
	switch v := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{v}
	case orb.MultiPolygon:
		polys = v
	}
	var b strings.Builder
	for _, p := range polys {
		for _, r := range p {
			for i, pt := range r {
				x, y := xy(pt)
				if i == 0 {
					fmt.Fprintf(&b, "M%.1f %.1f", x, y)
				} else {
					fmt.Fprintf(&b, "L%.1f %.1f", x, y)
				}
			}
			b.WriteString("Z")
		}
	}
	return b.String()
}

func metres(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%g km", m/1000)
	}
	return fmt.Sprintf("%g m", m)
}

// bar is one bar of a chart.
type bar struct {
	Label string
	Value float64 // drawn length, in the chart's units
	Text  string  // shown at the end of the bar
	Fill  string
}

// svgBars draws a horizontal bar chart; max is the value of a full-length bar.
func svgBars(class, title string, bars []bar, max, width float64) template.HTML {
	const rowH, labelW, top = 24.0, 150.0, 28.0
	height := top + rowH*float64(len(bars)) + 8
	var w strings.Builder
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="chart %s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">`,
		class, width, height, width, height, html.EscapeString(title))
	fmt.Fprintf(&w, `<text x="0" y="16" font-size="14" font-weight="bold">%s</text>`, html.EscapeString(title))
	span := width - labelW - 90
	for i, b := range bars {
		y := top + rowH*float64(i)
		l := 0.0
		if max > 0 {
			l = math.Max(0, math.Min(1, b.Value/max)) * span
		}
		fmt.Fprintf(&w, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="end">%s</text>`, labelW-6, y+15, html.EscapeString(b.Label))
		fmt.Fprintf(&w, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, labelW, y+3, l, rowH-8, b.Fill)
		fmt.Fprintf(&w, `<text x="%.1f" y="%.1f" font-size="12">%s</text>`, labelW+l+6, y+15, html.EscapeString(b.Text))
	}
	w.WriteString(`</svg>`)
	return template.HTML(w.String()) // built from escaped text and numbers only
}
