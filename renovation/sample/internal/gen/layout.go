package main

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
)

// Slab dimensions of the 1980s–90s walk-up estates (新村): blocks about 11 m deep with a
// stairwell every 12 m, in rows facing south with about 20 m between rows for winter sun.
const (
	slabDepth     = 11.0
	stairwellSpan = 12.0
	rowGap        = 20.0
	blockGap      = 12.0
	siteMargin    = 6.0 // clearance from the compound boundary and from mapped buildings
)

// slab is a generated building footprint with its number of stairwells.
type slab struct {
	footprint orb.Polygon // lon/lat
	units     int
}

// lawnInset is how far the lawn between two rows keeps from the buildings (paths, bike sheds).
const lawnInset = 4.0

// layoutSlabs fills a compound with rows of slab blocks, each wholly inside the site and clear
// of the buildings already mapped, in a local metric frame. Block lengths (3–5 stairwells) and
// small offsets come from rng.
//
// Between a row and the next it lays a lawn (宅间绿地) as long as the row's blocks, inset from
// them, wherever it fits inside the site and clear of mapped buildings.
func layoutSlabs(site orb.Geometry, avoid []orb.Geometry, rng *rand.Rand) ([]slab, []orb.Polygon) {
	tm := localFrame(site)
	local := project(site, tm.Forward)
	var avoidLocal []orb.Geometry
	for _, a := range avoid {
		avoidLocal = append(avoidLocal, project(a, tm.Forward))
	}
	b := local.Bound()
	var out []slab
	var lawns []orb.Polygon
	for y := b.Min[1] + siteMargin; y+slabDepth <= b.Max[1]-siteMargin; y += slabDepth + rowGap {
		x := b.Min[0] + siteMargin + rng.Float64()*blockGap
		rowStart, rowEnd := math.Inf(1), math.Inf(-1)
		for x < b.Max[0]-siteMargin {
			units := 3 + rng.IntN(3)
			length := float64(units) * stairwellSpan
			rect := orb.Polygon{{{x, y}, {x + length, y}, {x + length, y + slabDepth}, {x, y + slabDepth}, {x, y}}}
			clear := orb.Polygon{{{x - siteMargin, y - siteMargin}, {x + length + siteMargin, y - siteMargin},
				{x + length + siteMargin, y + slabDepth + siteMargin}, {x - siteMargin, y + slabDepth + siteMargin}, {x - siteMargin, y - siteMargin}}}
			ok := contains(local, clear)
			for _, a := range avoidLocal {
				if ok && intersects(a, clear) {
					ok = false
				}
			}
			if ok {
				out = append(out, slab{footprint: project(rect, tm.Inverse).(orb.Polygon), units: units})
				rowStart, rowEnd = math.Min(rowStart, x), math.Max(rowEnd, x+length)
				x += length + blockGap
			} else {
				x += stairwellSpan // slide along the row until a block fits
			}
		}
		if rowEnd > rowStart {
			y0, y1 := y+slabDepth+lawnInset, y+slabDepth+rowGap-lawnInset
			lawn := orb.Polygon{{{rowStart, y0}, {rowEnd, y0}, {rowEnd, y1}, {rowStart, y1}, {rowStart, y0}}}
			ok := contains(local, lawn)
			for _, a := range avoidLocal {
				if ok && intersects(a, lawn) {
					ok = false
				}
			}
			if ok {
				lawns = append(lawns, project(lawn, tm.Inverse).(orb.Polygon))
			}
		}
	}
	return out, lawns
}
