package main

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// bar is one bar of a chart, or, with Group set, the heading of a group of bars.
type bar struct {
	Group string  // a group's heading; the other fields are unused
	Label string  // left of the bar
	Value float64 // drawn length, in the chart's units
	Text  string  // shown at the end of the bar
	Fill  string
}

// textWidth estimates the drawn width of s at the given font size: wide (CJK) characters
// about one em, others about 0.6.
func textWidth(s string, size float64) float64 {
	return float64(displayWidth(s)) * size * 0.56
}

// svgBars draws a horizontal bar chart titled with its unit and, under the title, its source;
// max is the value of a full-length bar. The chart is as wide as its longest label and bar
// text need, so that nothing is clipped.
func svgBars(class, title, source string, bars []bar, max float64) template.HTML {
	const rowH, top, font, barSpan = 24.0, 48.0, 12.0, 300.0
	labelW, textW := 0.0, 0.0
	for _, b := range bars {
		labelW = math.Max(labelW, textWidth(b.Label, font))
		textW = math.Max(textW, textWidth(b.Text, font))
	}
	labelW += 10
	width := math.Max(labelW+barSpan+textW+12, math.Max(textWidth(title, 14), textWidth(source, 11))+4)
	height := top + rowH*float64(len(bars)) + 8
	var w strings.Builder
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" class="chart %s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">`,
		class, width, height, width, height, html.EscapeString(title))
	fmt.Fprintf(&w, `<text class="title" x="0" y="16" font-size="14" font-weight="bold">%s</text>`, html.EscapeString(title))
	fmt.Fprintf(&w, `<text class="source" x="0" y="34" font-size="11" fill="#555">%s</text>`, html.EscapeString(source))
	for i, b := range bars {
		y := top + rowH*float64(i)
		if b.Group != "" {
			fmt.Fprintf(&w, `<text class="group" x="0" y="%.1f" font-size="12" font-weight="bold">%s</text>`, y+16, html.EscapeString(b.Group))
			continue
		}
		l := 0.0
		if max > 0 {
			l = math.Max(0, math.Min(1, b.Value/max)) * barSpan
		}
		fmt.Fprintf(&w, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="end">%s</text>`, labelW-6, y+15, html.EscapeString(b.Label))
		fmt.Fprintf(&w, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, labelW, y+3, l, rowH-8, b.Fill)
		fmt.Fprintf(&w, `<text class="value" x="%.1f" y="%.1f" font-size="12">%s</text>`, labelW+l+6, y+15, html.EscapeString(b.Text))
	}
	w.WriteString(`</svg>`)
	return template.HTML(w.String()) // built from escaped text and numbers only
}

func metres(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%g km", m/1000)
	}
	return fmt.Sprintf("%g m", m)
}
