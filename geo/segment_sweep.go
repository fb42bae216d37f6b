package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// sweepSeg is one edge taken into the sweep: its end points and who it belongs to.
type sweepSeg struct {
	a, b       orb.Point
	poly, ring int // indices of the polygon and ring in the checked geometry
	seg        int // index of the edge in the deduplicated ring
	lo, hi     orb.Point
}

// sweepBruteMax is the number of edges up to which every pair is tested directly.
const sweepBruteMax = 32

// sweepSegmentPairs calls fn(i, j) with i < j for every pair of segments whose bounding boxes
// meet, until fn returns false. Above sweepBruteMax segments it sorts the boxes along the axis
// on which they overlap least and sweeps, so that a ring of n edges costs O(n log n) plus the
// pairs whose boxes actually overlap, rather than O(n²).
func sweepSegmentPairs(segs []sweepSeg, fn func(i, j int) bool) {
	for i := range segs {
		s := &segs[i]
		s.lo = orb.Point{math.Min(s.a[0], s.b[0]), math.Min(s.a[1], s.b[1])}
		s.hi = orb.Point{math.Max(s.a[0], s.b[0]), math.Max(s.a[1], s.b[1])}
	}
	meet := func(s, t *sweepSeg) bool {
		return s.lo[0] <= t.hi[0] && t.lo[0] <= s.hi[0] && s.lo[1] <= t.hi[1] && t.lo[1] <= s.hi[1]
	}
	if len(segs) <= sweepBruteMax {
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				if meet(&segs[i], &segs[j]) && !fn(i, j) {
					return
				}
			}
		}
		return
	}
	// Sweep along the axis where the edges' extents are smallest relative to the whole.
	total := orb.Bound{Min: segs[0].lo, Max: segs[0].hi}
	var spanX, spanY float64
	for i := range segs {
		s := &segs[i]
		total.Min = orb.Point{math.Min(total.Min[0], s.lo[0]), math.Min(total.Min[1], s.lo[1])}
		total.Max = orb.Point{math.Max(total.Max[0], s.hi[0]), math.Max(total.Max[1], s.hi[1])}
		spanX += s.hi[0] - s.lo[0]
		spanY += s.hi[1] - s.lo[1]
	}
	axis := 0
	if spanY*(total.Max[0]-total.Min[0]) < spanX*(total.Max[1]-total.Min[1]) {
		axis = 1
	}
	order := make([]int32, len(segs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		if c := cmp.Compare(segs[i].lo[axis], segs[j].lo[axis]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	active := make([]int32, 0, 64)
	for _, k := range order {
		s := &segs[k]
		n := 0
		for _, a := range active {
			if segs[a].hi[axis] >= s.lo[axis] {
				active[n] = a
				n++
			}
		}
		active = active[:n]
		for _, a := range active {
			if meet(&segs[a], s) {
				i, j := int(a), int(k)
				if i > j {
					i, j = j, i
				}
				if !fn(i, j) {
					return
				}
			}
		}
		active = append(active, k)
	}
}
