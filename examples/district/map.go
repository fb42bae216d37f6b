package main

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/project"
	"github.com/xiaoqu/xiaoqu/geo"
)

// The report's map is SVG drawn here, with a short script for pan, zoom, layers and the
// figures of a clicked compound (mapscript.js). No map library: the page must open with no
// network, print as vectors, and be the same byte for byte for the same district, and the
// district's own layers are all it draws (no tiles). Go projects the data (a local transverse
// Mercator, metres, north up) and places the labels, so the page needs no geometry code.

// mapCanvas projects lon/lat into the map's drawing units and collects its layers.
type mapCanvas struct {
	tm             *geo.TransverseMercator
	lo, hi         orb.Point // projected extent of the data, metres
	scale          float64   // drawing units per metre
	width, height  float64
	margin         float64
	extent         orb.Bound // the data's extent in lon/lat
	Layers         []*mapLayer
	labels         []orb.Bound // placed label boxes, in drawing units
	labelsSVG      strings.Builder
	symbols        strings.Builder // <symbol> definitions
	symbolsDefined map[string]bool
}

// mapLayer is one layer a reader can switch on and off.
type mapLayer struct {
	ID, Name string // ID for the DOM (data-layer), Name shown beside the switch, Chinese first
	Off      bool   // hidden when the page opens
	SVG      strings.Builder
	Legend   []legendEntry
}

// legendEntry is one line of the map's legend, outside the drawing.
type legendEntry struct {
	Swatch template.HTML // a small SVG
	Label  string
}

// mapLayerHooks add layers to the map after the built-in ones, in order: a section of the
// report with something to draw (gates, walking streets, …) appends one in an init function.
var mapLayerHooks []func(r *results, c *mapCanvas) *mapLayer

// newMapCanvas fits the bound (lon/lat) into a drawing width wide, as tall as the district is.
func newMapCanvas(b orb.Bound, width float64) *mapCanvas {
	tm := geo.LocalTM(b.Center())
	c := &mapCanvas{tm: tm, width: width, margin: 16, extent: b, symbolsDefined: map[string]bool{}}
	c.lo, c.hi = tm.Forward(b.Min), tm.Forward(b.Max)
	for _, p := range []orb.Point{{b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
		q := tm.Forward(p)
		c.lo = orb.Point{math.Min(c.lo[0], q[0]), math.Min(c.lo[1], q[1])}
		c.hi = orb.Point{math.Max(c.hi[0], q[0]), math.Max(c.hi[1], q[1])}
	}
	dx, dy := math.Max(c.hi[0]-c.lo[0], 1), math.Max(c.hi[1]-c.lo[1], 1)
	c.scale = (width - 2*c.margin) / dx
	c.height = dy*c.scale + 2*c.margin
	if c.height > 1.2*width { // a tall district: fit the height instead
		c.height = 1.2 * width
		c.scale = (c.height - 2*c.margin) / dy
	}
	return c
}

// xy is where a lon/lat point is drawn.
func (c *mapCanvas) xy(p orb.Point) (float64, float64) {
	q := c.tm.Forward(p)
	return c.margin + (q[0]-c.lo[0])*c.scale, c.height - c.margin - (q[1]-c.lo[1])*c.scale
}

// project returns a copy of g in drawing units.
func (c *mapCanvas) project(g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point { x, y := c.xy(p); return orb.Point{x, y} })
}

// path is the SVG path data of g's polygons or lines, in drawing units.
func (c *mapCanvas) path(g orb.Geometry) string {
	var b strings.Builder
	line := func(pts []orb.Point, closed bool) {
		for i, p := range pts {
			x, y := c.xy(p)
			if i == 0 {
				fmt.Fprintf(&b, "M%.1f %.1f", x, y)
			} else {
				fmt.Fprintf(&b, "L%.1f %.1f", x, y)
			}
		}
		if closed {
			b.WriteString("Z")
		}
	}
	switch v := g.(type) {
	case orb.Polygon:
		for _, r := range v {
			line(r, true)
		}
	case orb.MultiPolygon:
		for _, p := range v {
			for _, r := range p {
				line(r, true)
			}
		}
	case orb.LineString:
		line(v, false)
	case orb.MultiLineString:
		for _, l := range v {
			line(l, false)
		}
	}
	return b.String()
}

// metresPerUnit is the ground length of one drawing unit.
func (c *mapCanvas) metresPerUnit() float64 { return 1 / c.scale }

// symbolShapes are the facility symbols' outlines in a 12×12 box centred on 0,0; a kind's
// symbol is its shape in its colour.
var symbolShapes = []string{
	`<circle r="4.6"/>`,
	`<rect x="-4.2" y="-4.2" width="8.4" height="8.4"/>`,
	`<path d="M0 -5.4L4.9 3.6L-4.9 3.6Z"/>`,
	`<path d="M0 -5.4L5.4 0L0 5.4L-5.4 0Z"/>`,
	`<path d="M0 -5.6L1.5 -1.6L5.6 -1.6L2.3 0.9L3.5 5L0 2.5L-3.5 5L-2.3 0.9L-5.6 -1.6L-1.5 -1.6Z"/>`,
	`<path d="M-4.8 -1.6H-1.6V-4.8H1.6V-1.6H4.8V1.6H1.6V4.8H-1.6V1.6H-4.8Z"/>`,
	`<path d="M0 5.4L4.9 -3.6L-4.9 -3.6Z"/>`,
	`<path d="M-2.6 -4.6H2.6L5.2 0L2.6 4.6H-2.6L-5.2 0Z"/>`,
	`<path d="M0 -5.2L5 -1.6L3.1 4.4H-3.1L-5 -1.6Z"/>`,
	`<path d="M-4.6 -4.6H4.6V4.6H-4.6Z M-2 -2V2H2V-2Z" fill-rule="evenodd"/>`,
}

// symbol defines (once) and returns the id of the symbol drawn for style number i.
func (c *mapCanvas) symbol(i int) string {
	id := fmt.Sprintf("sym%d", i%len(symbolShapes))
	if !c.symbolsDefined[id] {
		c.symbolsDefined[id] = true
		fmt.Fprintf(&c.symbols, `<symbol id="%s" viewBox="-6 -6 12 12" overflow="visible">%s</symbol>`, id, symbolShapes[i%len(symbolShapes)])
	}
	return id
}

// swatchFill is a legend swatch: a filled square.
func swatchFill(fill, stroke string, dashed bool) template.HTML {
	dash := ""
	if dashed {
		dash = ` stroke-dasharray="3 2"`
	}
	return template.HTML(fmt.Sprintf(`<svg width="18" height="14" aria-hidden="true"><rect x="1" y="1" width="16" height="12" fill="%s" stroke="%s" stroke-width="1.2"%s/></svg>`, fill, stroke, dash))
}

// swatchLine is a legend swatch: a line.
func swatchLine(stroke string, width float64) template.HTML {
	return template.HTML(fmt.Sprintf(`<svg width="18" height="14" aria-hidden="true"><line x1="1" y1="7" x2="17" y2="7" stroke="%s" stroke-width="%.1f"/></svg>`, stroke, width))
}

// swatchSymbol is a legend swatch: a facility symbol.
func swatchSymbol(id, fill string) template.HTML {
	return template.HTML(fmt.Sprintf(`<svg width="18" height="14" viewBox="-7 -6 14 12" aria-hidden="true"><use href="#%s" x="-6" y="-6" width="12" height="12" fill="%s" stroke="#333" stroke-width="0.6"/></svg>`, id, fill))
}

// labelFont is the compound labels' font size in drawing units at the map's first zoom.
const labelFont = 13.0

// placeLabel draws text for a compound near its interior point without overlapping the labels
// already placed: in the polygon if there is room, else nearby with a leader line, smaller if
// need be. It returns false only when no place was found in the drawing.
func (c *mapCanvas) placeLabel(id, text string, g orb.Geometry) bool {
	ax, ay := c.interior(g)
	for _, size := range []float64{labelFont, 11, 9.5} {
		w := float64(displayWidth(text))*size*0.55 + 4
		h := size + 4
		try := func(x, y float64) bool {
			b := orb.Bound{Min: orb.Point{x - w/2, y - h/2}, Max: orb.Point{x + w/2, y + h/2}}
			if b.Min[0] < 2 || b.Min[1] < 2 || b.Max[0] > c.width-2 || b.Max[1] > c.height-2 {
				return false
			}
			for _, o := range c.labels {
				if b.Intersects(o) {
					return false
				}
			}
			c.labels = append(c.labels, b)
			if x != ax || y != ay {
				fmt.Fprintf(&c.labelsSVG, `<line class="leader" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333" stroke-width="0.6"/>`, ax, ay, x, y)
			}
			fmt.Fprintf(&c.labelsSVG, `<text class="label" data-for="%s" x="%.1f" y="%.1f" font-size="%.1f" text-anchor="middle" dominant-baseline="central">%s</text>`,
				html.EscapeString(id), x, y, size, html.EscapeString(text))
			return true
		}
		if try(ax, ay) {
			return true
		}
		// Around the anchor, nearest first: rings of eight positions.
		for ring := 1; ring <= 12; ring++ {
			dy := float64(ring) * h
			dx := float64(ring) * (w/2 + 6)
			for _, d := range [][2]float64{{0, -dy}, {0, dy}, {dx, 0}, {-dx, 0}, {dx, -dy}, {-dx, -dy}, {dx, dy}, {-dx, dy}} {
				if try(ax+d[0], ay+d[1]) {
					return true
				}
			}
		}
	}
	return false
}

// interior is a point inside g's largest polygon, in drawing units: its centroid when that
// lies inside, else the middle of the widest inside stretch of the horizontal line through it.
func (c *mapCanvas) interior(g orb.Geometry) (float64, float64) {
	var poly orb.Polygon
	switch v := c.project(g).(type) {
	case orb.Polygon:
		poly = v
	case orb.MultiPolygon:
		best := -1.0
		for _, p := range v {
			if a := math.Abs(planar.Area(p)); a > best {
				best, poly = a, p
			}
		}
	}
	if len(poly) == 0 || len(poly[0]) == 0 {
		return c.width / 2, c.height / 2
	}
	ctr, _ := planar.CentroidArea(poly)
	if planar.PolygonContains(poly, ctr) {
		return ctr[0], ctr[1]
	}
	y := ctr[1]
	var xs []float64
	for _, r := range poly {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] <= y) != (b[1] <= y) {
				xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
	}
	sort.Float64s(xs)
	bx, bw := poly[0][0][0], -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bw {
			bx, bw = (xs[i]+xs[i+1])/2, w
		}
	}
	if bw < 0 {
		return poly[0][0][0], poly[0][0][1]
	}
	return bx, y
}

// cutEdges returns the edges of g that run along the data's extent (both ends on the same side
// of it, and longer than minLength metres): where the data stop, not where the compound ends.
func (c *mapCanvas) cutEdges(g orb.Geometry, minLength float64) []orb.LineString {
	const eps = 1e-7 // degrees, about 1 cm
	e := c.extent
	side := func(p orb.Point) int {
		s := 0
		if math.Abs(p[0]-e.Min[0]) < eps {
			s |= 1
		}
		if math.Abs(p[0]-e.Max[0]) < eps {
			s |= 2
		}
		if math.Abs(p[1]-e.Min[1]) < eps {
			s |= 4
		}
		if math.Abs(p[1]-e.Max[1]) < eps {
			s |= 8
		}
		return s
	}
	var out []orb.LineString
	ring := func(r orb.Ring) {
		for i := 0; i+1 < len(r); i++ {
			if side(r[i])&side(r[i+1]) != 0 && geo.Distance(r[i], r[i+1]) >= minLength {
				out = append(out, orb.LineString{r[i], r[i+1]})
			}
		}
	}
	switch v := g.(type) {
	case orb.Polygon:
		for _, r := range v {
			ring(r)
		}
	case orb.MultiPolygon:
		for _, p := range v {
			for _, r := range p {
				ring(r)
			}
		}
	}
	return out
}
