package synthetic

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// zones adds the programme's scope, one zone per field office (the west and east halves of
// the middle of the city, with ragged edges that cut through compounds), and two exclusion
// zones (central heating already in place) inside it.
func (g *gen) zones(d *renovation.District) {
	w, h := g.w, g.h
	// A ragged line from (x0, y0) to (x1, y1): a vertex every ~500 m, jittered ±60 m.
	ragged := func(x0, y0, x1, y1 float64) []orb.Point {
		n := max(1, int(math.Hypot(x1-x0, y1-y0)/500))
		var pts []orb.Point
		for k := range n {
			t := float64(k) / float64(n)
			jx, jy := 0.0, 0.0
			if k > 0 {
				jx, jy = g.uniform(-60, 60), g.uniform(-60, 60)
			}
			pts = append(pts, orb.Point{x0 + t*(x1-x0) + jx, y0 + t*(y1-y0) + jy})
		}
		return pts
	}
	box := func(x0, y0, x1, y1 float64) []orb.Point {
		var pts []orb.Point
		pts = append(pts, ragged(x0, y0, x1, y0)...)
		pts = append(pts, ragged(x1, y0, x1, y1)...)
		pts = append(pts, ragged(x1, y1, x0, y1)...)
		pts = append(pts, ragged(x0, y1, x0, y0)...)
		return pts
	}
	// The two scope zones share the ragged line between them, vertex for vertex.
	mid := g.uniform(-w/20, w/20)
	x0, x1, y0, y1 := -0.4*w, 0.4*w, -0.35*h, 0.35*h
	middle := append(ragged(mid, y0, mid, y1), orb.Point{mid, y1}) // from (mid, y0) to (mid, y1)
	var west, east []orb.Point
	west = append(west, ragged(x0, y0, mid, y0)...)
	west = append(west, middle[:len(middle)-1]...)
	west = append(west, ragged(mid, y1, x0, y1)...)
	west = append(west, ragged(x0, y1, x0, y0)...)
	east = append(east, ragged(mid, y0, x1, y0)...)
	east = append(east, ragged(x1, y0, x1, y1)...)
	east = append(east, ragged(x1, y1, mid, y1)...)
	for k := len(middle) - 1; k > 0; k-- {
		east = append(east, middle[k])
	}
	d.Zones = append(d.Zones,
		renovation.Zone{ID: "Z1", Name: "改造范围（西）", Kind: renovation.ZoneScope, FieldOffice: fieldOffices[0], Boundary: orb.Polygon{g.ring(west)}, Synthetic: []string{"*"}},
		renovation.Zone{ID: "Z2", Name: "改造范围（东）", Kind: renovation.ZoneScope, FieldOffice: fieldOffices[1], Boundary: orb.Polygon{g.ring(east)}, Synthetic: []string{"*"}},
		renovation.Zone{ID: "X1", Name: "集中供热区域一", Kind: renovation.ZoneExclusion, Boundary: orb.Polygon{g.ring(box(-0.3*w, -0.1*h, -0.15*w, 0.05*h))}, Synthetic: []string{"*"}},
		renovation.Zone{ID: "X2", Name: "集中供热区域二", Kind: renovation.ZoneExclusion, Boundary: orb.Polygon{g.ring(box(0.1*w, 0.1*h, 0.25*w, 0.2*h))}, Synthetic: []string{"*"}},
	)
}
