package geo

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Index is a spatial index of items of type T by their bounds (an R-tree): insert, delete,
// search by bound and k nearest neighbours. Bounds are in whatever coordinates the caller
// uses, longitude/latitude degrees or planar metres; Nearest measures in those units and
// NearestGeodesic in metres on the ellipsoid for degrees.
//
// It is github.com/tidwall/rtree's generic RTreeG, chosen over simplefeatures/rtree because it
// is dynamic (items can be inserted and deleted one at a time, where simplefeatures' tree is
// bulk-loaded once), carries any payload type rather than int IDs, and has a best-first
// nearest-neighbour search that takes our own distance function, which NearestGeodesic needs.
// On the 100,000 footprint bounds of the benchmark city it also builds faster by single
// inserts (22 ms) than simplefeatures bulk-loads (37 ms), and answers a compound-sized query
// in 0.37 µs against 0.56 µs.
//
// The zero value is an empty index ready to use. Searches may run concurrently with one
// another but not with Insert or Delete. Results come in an order fixed by the sequence of
// insertions, so the same insertions give the same results.
type Index[T any] struct {
	tr rtree.RTreeG[T]
}

// Neighbor is an item found by a nearest-neighbour search, with its distance.
type Neighbor[T any] struct {
	Bound orb.Bound
	Value T
	Dist  float64 // from the query point to the nearest point of Bound
}

// boundFiniteOfIndex reports whether every coordinate of b is a finite number.
func boundFiniteOfIndex(b orb.Bound) bool {
	for _, x := range [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// Insert adds v with bound b. Errors: a *GeometryError of kind ErrNotFinite if a coordinate of
// b is NaN or infinite (it would corrupt the tree), ErrEmpty if b.Min exceeds b.Max.
func (ix *Index[T]) Insert(b orb.Bound, v T) error {
	if !boundFiniteOfIndex(b) {
		return newGeometryErrorWith("", ErrNotFinite, false, fmt.Sprintf("bound %v has a coordinate that is not finite", b))
	}
	if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return newGeometryErrorWith("", ErrEmpty, false, fmt.Sprintf("bound %v has Min beyond Max", b))
	}
	ix.tr.Insert(b.Min, b.Max, v)
	return nil
}

// Delete removes one item whose bound lies within b and for which match returns true, and
// reports whether it found one.
func (ix *Index[T]) Delete(b orb.Bound, match func(T) bool) bool {
	if !boundFiniteOfIndex(b) {
		return false
	}
	n := ix.tr.Len()
	var zero T
	ix.tr.DeleteEqual(b.Min, b.Max, zero, func(item, _ T) bool { return match(item) })
	return ix.tr.Len() < n
}

// Len returns the number of items.
func (ix *Index[T]) Len() int { return ix.tr.Len() }

// Search calls fn for every item whose bound meets b (touching counts), until fn returns false.
// A bound with a NaN finds nothing.
func (ix *Index[T]) Search(b orb.Bound, fn func(b orb.Bound, v T) bool) {
	if math.IsNaN(b.Min[0]) || math.IsNaN(b.Min[1]) || math.IsNaN(b.Max[0]) || math.IsNaN(b.Max[1]) {
		return
	}
	ix.tr.Search(b.Min, b.Max, func(min, max [2]float64, v T) bool {
		return fn(orb.Bound{Min: min, Max: max}, v)
	})
}

// Nearest returns the k items whose bounds are nearest to p, nearest first, with the planar
// (Euclidean) distance from p to each bound in the index's units: 0 for a bound containing p.
// Ties keep the tree's order. It is for planar indexes; use NearestGeodesic for degrees.
func (ix *Index[T]) Nearest(p orb.Point, k int) []Neighbor[T] {
	if k <= 0 || math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return nil
	}
	out := make([]Neighbor[T], 0, min(k, ix.tr.Len()))
	ix.tr.Nearby(
		func(min, max [2]float64, _ T, _ bool) float64 { return boxDist2OfIndex(p, min, max) },
		func(min, max [2]float64, v T, d2 float64) bool {
			out = append(out, Neighbor[T]{orb.Bound{Min: min, Max: max}, v, math.Sqrt(d2)})
			return len(out) < k
		})
	return out
}

// boxDist2OfIndex is the squared distance from p to the box [min, max].
func boxDist2OfIndex(p orb.Point, min, max [2]float64) float64 {
	dx := math.Max(0, math.Max(min[0]-p[0], p[0]-max[0]))
	dy := math.Max(0, math.Max(min[1]-p[1], p[1]-max[1]))
	return dx*dx + dy*dy
}

// Lower bounds of the ellipsoid's radii of curvature, for NearestGeodesic's pruning: the
// meridional radius is smallest at the equator, a(1−e²); the prime vertical one is at least a.
var (
	minMeridianRadiusOfIndex = EllipsoidWGS84.A * (1 - EllipsoidWGS84.E2())
	minPrimeRadiusOfIndex    = EllipsoidWGS84.A
)

// NearestGeodesic returns the k items whose bounds are nearest to p, for an index of
// longitude/latitude bounds, with the geodesic distance in metres on WGS84 from p to the
// nearest point of each bound (for a point item, the geodesic distance to it; for a box, to
// the box's point nearest in longitude and latitude separately, which is its nearest point to
// well under a millimetre for the boxes of a district). Nearest first; ties keep the tree's
// order.
//
// The tree is searched best-first with a lower bound of the geodesic distance to each node
// (meridional and parallel arcs with the ellipsoid's smallest radii and the cosine of the
// highest latitude involved, less 2 % for the poleward bulge of long geodesics), and candidates
// are ranked by their true geodesic distance; the answer is exact for neighbours within
// 1,000 km. Bounds are taken as not crossing the antimeridian. A p out of range gives nil.
func (ix *Index[T]) NearestGeodesic(p orb.Point, k int) []Neighbor[T] {
	if k <= 0 || !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
		return nil
	}
	const deg = math.Pi / 180
	lower := func(min, max [2]float64, _ T, _ bool) float64 {
		dLat := math.Max(0, math.Max(min[1]-p[1], p[1]-max[1])) * deg
		dLon := math.Max(0, math.Max(min[0]-p[0], p[0]-max[0]))
		dLon = math.Min(dLon, 360-dLon) * deg
		maxLat := math.Max(math.Abs(p[1]), math.Max(math.Abs(min[1]), math.Abs(max[1])))
		x := minPrimeRadiusOfIndex * math.Cos(math.Min(90, maxLat)*deg) * dLon
		y := minMeridianRadiusOfIndex * dLat
		return 0.98 * math.Hypot(x, y)
	}
	var best []Neighbor[T]
	ix.tr.Nearby(lower, func(min, max [2]float64, v T, low float64) bool {
		if len(best) == k && low > best[k-1].Dist {
			return false
		}
		q := orb.Point{math.Max(min[0], math.Min(max[0], p[0])), math.Max(min[1], math.Min(max[1], p[1]))}
		d := Distance(p, q)
		n := Neighbor[T]{orb.Bound{Min: min, Max: max}, v, d}
		// Insert in order of distance, after equal ones (stable), keeping at most k.
		i, _ := slices.BinarySearchFunc(best, d, func(e Neighbor[T], d float64) int {
			if e.Dist <= d {
				return -1
			}
			return 1
		})
		if i < k {
			best = slices.Insert(best, i, n)
			if len(best) > k {
				best = best[:k]
			}
		}
		return true
	})
	return best
}
