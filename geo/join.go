package geo

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// JoinPair is one match of Join: a[A] and b[B] intersect or lie within the join distance.
type JoinPair struct {
	A, B int
	Dist float64 // metres between them; 0 when they intersect
}

// Join returns, for each geometry of a, the items of b that intersect it (d = 0) or lie within
// d metres of it (d > 0), as pairs sorted by A then B. Geometries are in longitude/latitude
// degrees; any orb geometry but a Collection will do (compounds and footprints, facilities as
// points, roads as lines).
//
// It indexes the bounds of b in an R-tree; for each geometry of a it widens a's bound by d
// converted to degrees at its latitude (with the smallest radii of the ellipsoid, so nothing
// within d is missed), projects a and each candidate into a LocalTM centred on a's bound,
// indexes a's edges as Prepared does, and tests exactly there: intersection with exact
// predicates, or the planar distance between nearest points. A planar distance within the
// frame's distortion of d (a relative 2(X/R)², X the half-width of a plus d, and 1 µm) is
// settled by GeometryDistance, so that the pairs are exactly those with GeometryDistance ≤ d.
// Dist is the planar distance in a's frame (or GeometryDistance where it settled the pair). For
// d = 0 the test is the exact intersection test in a's frame.
//
// Polygons are not validated (use Validate first); a self-intersecting one is taken by the
// even-odd rule. Errors: GeometryErrors naming "a[i]" or "b[j]" for every nil, empty,
// unsupported, non-finite or out-of-range geometry, a *GeometryError for a negative or
// non-finite d, or ctx's error if it is cancelled (checked every 256 geometries of a).
func Join(ctx context.Context, a, b []orb.Geometry, d float64) ([]JoinPair, error) {
	return joinIn(ctx, a, b, d, false)
}

// JoinPlanar is Join for geometries in planar metres: the bound of each geometry of a is
// widened by d, and distances are Euclidean, exact up to rounding.
func JoinPlanar(ctx context.Context, a, b []orb.Geometry, d float64) ([]JoinPair, error) {
	return joinIn(ctx, a, b, d, true)
}

func joinIn(ctx context.Context, a, b []orb.Geometry, d float64, planar bool) ([]JoinPair, error) {
	if !(d >= 0) || math.IsInf(d, 0) {
		return nil, newGeometryErrorWith("", ErrLonLatRange, planar, fmt.Sprintf("join distance %v m must be finite and ≥ 0", d))
	}
	var errs GeometryErrors
	var scratch flatShape
	boundsOf := func(gs []orb.Geometry, name string) []orb.Bound {
		bs := make([]orb.Bound, len(gs))
		for i, g := range gs {
			if le := scratch.load(g, !planar, nil); le != nil {
				errs = append(errs, le.asGeometryError(fmt.Sprintf("%s[%d]", name, i), planar))
				continue
			}
			bs[i] = scratch.bound
		}
		return bs
	}
	aBounds, bBounds := boundsOf(a, "a"), boundsOf(b, "b")
	if len(errs) > 0 {
		return nil, errs
	}
	var idx Index[int32]
	for j, bb := range bBounds {
		idx.tr.Insert(bb.Min, bb.Max, int32(j))
	}
	var (
		pairs []JoinPair
		ixA   shapeIndex
		sb    flatShape
		cands []int32
	)
	for i, g := range a {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		q := aBounds[i]
		var tm *TransverseMercator
		band := 0.0 // how far from d a planar distance must be to be trusted
		if planar {
			q.Min = orb.Point{q.Min[0] - d, q.Min[1] - d}
			q.Max = orb.Point{q.Max[0] + d, q.Max[1] + d}
		} else {
			tm = LocalTM(q.Center())
			q = widenLonLatBoundOfJoin(q, d)
			halfWidth := (aBounds[i].Max[0] - aBounds[i].Min[0]) / 2 * math.Pi / 180 * EllipsoidWGS84.A
			x := (halfWidth + d) / 6371e3
			band = 2*x*x*d + 1e-6
		}
		ixA.shape.load(g, !planar, tm) // checked above
		ixA.build()
		cands = cands[:0]
		idx.tr.Search(q.Min, q.Max, func(_, _ [2]float64, j int32) bool {
			cands = append(cands, j)
			return true
		})
		slices.Sort(cands)
		for _, j := range cands {
			sb.load(b[j], !planar, tm)
			if d == 0 {
				if ixA.intersects(&sb) {
					pairs = append(pairs, JoinPair{i, int(j), 0})
				}
				continue
			}
			d2, _, _, found := ixA.nearest(&sb, d+band)
			if !found {
				continue
			}
			dist := math.Sqrt(d2)
			if !planar && dist > 0 && math.Abs(dist-d) <= band {
				exact, err := GeometryDistance(g, b[j])
				if err != nil {
					return nil, err
				}
				dist = exact
			}
			if dist <= d {
				pairs = append(pairs, JoinPair{i, int(j), dist})
			}
		}
	}
	return pairs, nil
}

// widenLonLatBoundOfJoin widens a longitude/latitude bound by d metres on every side, with the
// ellipsoid's smallest radii so that every point within d of the bound is inside the result.
func widenLonLatBoundOfJoin(b orb.Bound, d float64) orb.Bound {
	if d == 0 {
		return b
	}
	const deg = 180 / math.Pi
	dLat := d / minMeridianRadiusOfIndex * deg * 1.001
	maxLat := math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1])) + dLat
	dLon := 360.0
	if maxLat < 89.9 {
		dLon = d / (minPrimeRadiusOfIndex * math.Cos(maxLat/deg)) * deg * 1.001
	}
	return orb.Bound{
		Min: orb.Point{math.Max(-180, b.Min[0]-dLon), math.Max(-90, b.Min[1]-dLat)},
		Max: orb.Point{math.Min(180, b.Max[0]+dLon), math.Min(90, b.Max[1]+dLat)},
	}
}
