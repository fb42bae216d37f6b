package synthetic

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// facilities spreads the facilities evenly over the city, dealing the kinds out in turn; a
// share of them are sites: a turned rectangle of 60–120 m by 40–80 m (a school, a market).
func (g *gen) facilities(d *renovation.District) {
	w, h := g.w, g.h
	for n := range g.s.Facilities {
		kind := g.s.Kinds[n%len(g.s.Kinds)]
		c := orb.Point{g.uniform(-w/2, w/2), g.uniform(-h/2, h/2)}
		f := renovation.Facility{ID: fmt.Sprintf("F%06d", n+1), Name: fmt.Sprintf("%s %d", kind.Chinese(), n+1), Kind: kind, Synthetic: []string{"*"}}
		if g.rng.Float64() < g.s.PolygonFacilities {
			a := g.uniform(0, math.Pi)
			fr := frame{c: c, cos: math.Cos(a), sin: math.Sin(a)}
			f.Location = orb.Polygon{g.ring(fr.rect(0, 0, g.uniform(30, 60), g.uniform(20, 40)))}
		} else {
			f.Location = g.tm.Inverse(c)
		}
		d.Facilities = append(d.Facilities, f)
	}
}
