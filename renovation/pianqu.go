package renovation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/budget"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/network"
)

// Pianqu is an area-wide renovation unit (片区): contiguous compounds renovated and financed
// together (拆除小区间围墙、集中连片).
type Pianqu struct {
	// ID is the planner's, or P1, P2 … in the order of each group's first compound.
	ID string `json:"id"`
	// Compounds are compound IDs in model order.
	Compounds []string `json:"compounds"`
}

// PianquOptions tune GroupPianqu.
type PianquOptions struct {
	// Gap joins two compounds whose boundaries are at most this far apart, in metres
	// (geo.GeometryDistance, geodesic); 0 joins only compounds that touch or overlap.
	Gap float64
	// Streets, if given, is the street network (as geo/network builds walking graphs from);
	// two compounds are not joined when the straight line between their boundaries' interior
	// points crosses a way whose highway tag is one of Barriers.
	Streets []network.Way
	// Barriers are the highway classes that split 片区, e.g. "primary", "trunk".
	Barriers []string
}

// ErrPianqu is wrapped by every error about 片区 grouping.
var ErrPianqu = errors.New("invalid 片区 grouping")

// GroupPianqu groups the district's mapped compounds into 片区: the connected components of
// the graph joining compounds within o.Gap of each other, not across a barrier road. A
// compound with no boundary is a 片区 of its own. Groups are in the order of their first
// compound (model order), with IDs P1, P2 ….
//
// Errors wrap ErrPianqu: a gap that is negative or not finite, a boundary geo cannot measure
// (naming the compounds).
func GroupPianqu(d *District, o PianquOptions) ([]Pianqu, error) {
	if math.IsNaN(o.Gap) || math.IsInf(o.Gap, 0) || o.Gap < 0 {
		return nil, fmt.Errorf("%w: gap %v m is not a finite non-negative distance", ErrPianqu, o.Gap)
	}
	n := len(d.Compounds)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	bounds := make([]orb.Bound, n)
	inner := make([]orb.Point, n)
	for i := range d.Compounds {
		if b := d.Compounds[i].Boundary; b != nil && !geo.IsEmpty(b) {
			bounds[i] = b.Bound()
			inner[i] = boundaryInteriorPoint(b)
		}
	}
	barriers := barrierLines(o)
	for i := 0; i < n; i++ {
		if d.Compounds[i].Boundary == nil || geo.IsEmpty(d.Compounds[i].Boundary) {
			continue
		}
		grown := padBound(bounds[i], o.Gap)
		for j := i + 1; j < n; j++ {
			if d.Compounds[j].Boundary == nil || geo.IsEmpty(d.Compounds[j].Boundary) || !grown.Intersects(bounds[j]) {
				continue
			}
			if find(i) == find(j) && len(barriers) == 0 {
				continue
			}
			dist, err := geo.GeometryDistance(d.Compounds[i].Boundary, d.Compounds[j].Boundary)
			if err != nil {
				return nil, fmt.Errorf("%w: compounds %s and %s: %w", ErrPianqu, d.Compounds[i].Label(), d.Compounds[j].Label(), err)
			}
			if dist > o.Gap || crossesAny(inner[i], inner[j], barriers) {
				continue
			}
			a, b := find(i), find(j)
			if a > b {
				a, b = b, a
			}
			parent[b] = a
		}
	}
	var out []Pianqu
	at := map[int]int{}
	for i := range d.Compounds {
		r := find(i)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, Pianqu{ID: fmt.Sprintf("P%d", k+1)})
		}
		out[k].Compounds = append(out[k].Compounds, d.Compounds[i].ID)
	}
	return out, nil
}

// PianquFromKeys takes the planner's own grouping: compound ID or name → 片区 ID. Groups are
// sorted by ID, compounds in model order. Errors wrap ErrPianqu: a compound not in the
// district, a district compound left out.
func PianquFromKeys(d *District, key map[string]string) ([]Pianqu, error) {
	refs := d.CompoundRefs()
	of := make([]string, len(d.Compounds))
	refsSorted := make([]string, 0, len(key))
	for ref := range key {
		refsSorted = append(refsSorted, ref)
	}
	slices.Sort(refsSorted)
	for _, ref := range refsSorted {
		i, ok := refs.Find(ref)
		if !ok {
			return nil, fmt.Errorf("%w: no compound %q in the district", ErrPianqu, ref)
		}
		if key[ref] == "" {
			return nil, fmt.Errorf("%w: compound %q has an empty 片区", ErrPianqu, ref)
		}
		if of[i] != "" && of[i] != key[ref] {
			return nil, fmt.Errorf("%w: compound %s is in 片区 %q and %q", ErrPianqu, d.Compounds[i].Label(), of[i], key[ref])
		}
		of[i] = key[ref]
	}
	groups := map[string]*Pianqu{}
	var ids []string
	for i, id := range of {
		if id == "" {
			return nil, fmt.Errorf("%w: compound %s is in no 片区", ErrPianqu, d.Compounds[i].Label())
		}
		g := groups[id]
		if g == nil {
			g = &Pianqu{ID: id}
			groups[id] = g
			ids = append(ids, id)
		}
		g.Compounds = append(g.Compounds, d.Compounds[i].ID)
	}
	slices.Sort(ids)
	out := make([]Pianqu, len(ids))
	for i, id := range ids {
		out[i] = *groups[id]
	}
	return out, nil
}

// PianquSummary is a 片区's households, quantities, budget, funding and progress, the sums of
// its compounds'.
type PianquSummary struct {
	Pianqu
	Households int `json:"households"`
	Buildings  int `json:"buildings"`
	// Budget is the 片区's cost as the programme budget gives it, fen; Funded and Gap its
	// funding (0 when the budget has none).
	Budget budget.Money `json:"budget"`
	Funded budget.Money `json:"funded"`
	Gap    budget.Money `json:"gap"`
	// Budgeted counts the compounds the budget covers.
	Budgeted int `json:"budgeted"`
	// Progress sums the compounds' work items, if a problem list was given.
	Progress *WorkProgress `json:"progress,omitempty"`
}

// SummarisePianqu sums each 片区 over its compounds: households and buildings from the model,
// cost and funding from pb (nil: none), progress from the work-item lines (nil: none; as
// WorkItemProgress returns them).
func SummarisePianqu(d *District, groups []Pianqu, pb *ProgrammeBudget, progress []WorkProgress) []PianquSummary {
	out := make([]PianquSummary, len(groups))
	for gi, g := range groups {
		s := PianquSummary{Pianqu: g}
		var pr WorkProgress
		hasProgress := false
		for _, id := range g.Compounds {
			if c := d.Compound(id); c != nil {
				s.Households += CountHouseholds(c).Households
				s.Buildings += len(c.Buildings)
			}
			if pb != nil {
				for i := range pb.Compounds {
					if cb := &pb.Compounds[i]; cb.CompoundID == id {
						s.Budgeted++
						s.Budget += cb.Cost
						if cb.Funding != nil {
							s.Funded += cb.Funding.Funded
							s.Gap += cb.Funding.Gap
						}
					}
				}
			}
			for _, l := range progress {
				if l.Key == id {
					hasProgress = true
					pr.Items += l.Items
					pr.Planned += l.Planned
					pr.InProgress += l.InProgress
					pr.Done += l.Done
					pr.Cost += l.Cost
					pr.DoneCost += l.DoneCost
					pr.Overdue += l.Overdue
				}
			}
		}
		if hasProgress {
			pr.Key = g.ID
			if pr.Cost > 0 {
				pr.DoneRate = &Rate{Num: int64(pr.DoneCost), Den: int64(pr.Cost)}
			}
			s.Progress = &pr
		}
		out[gi] = s
	}
	return out
}

// BalancePianqu spreads a 片区's pooled income — parking or rented rooms in one compound, a
// special-purpose bond for the whole 片区 — over the funding gaps of its compounds with
// budget.Balance: each compound with a gap in pb claims that gap for its households, and the
// pool goes where it serves the most households. The claims are returned with the result, in
// the 片区's compound order.
//
// ctx is passed to budget.Balance, which stops when it is done.
//
// Errors: budget.Balance's (wrapping ctx.Err() once ctx is done), and ErrPianqu when pb has no
// funding to find gaps in.
func BalancePianqu(ctx context.Context, g Pianqu, pb *ProgrammeBudget, pool budget.Money) ([]budget.Claim, *budget.Balancing, error) {
	var claims []budget.Claim
	for _, id := range g.Compounds {
		for i := range pb.Compounds {
			cb := &pb.Compounds[i]
			if cb.CompoundID != id {
				continue
			}
			if cb.Funding == nil {
				return nil, nil, fmt.Errorf("%w: 片区 %s: compound %s's budget has no funding", ErrPianqu, g.ID, cb.Compound)
			}
			if cb.Funding.Gap > 0 {
				claims = append(claims, budget.Claim{ID: id, Need: cb.Funding.Gap, Households: cb.Quantities.Households})
			}
		}
	}
	res, err := budget.Balance(ctx, pool, claims, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("片区 %s: %w", g.ID, err)
	}
	return claims, res, nil
}

// padBound grows b by m metres on every side (degrees at b's latitude, generously).
func padBound(b orb.Bound, m float64) orb.Bound {
	if m == 0 {
		return b
	}
	lat := math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))
	dLat := m/110000 + 1e-9
	dLon := dLat / math.Max(math.Cos(lat*math.Pi/180), 0.01)
	return orb.Bound{Min: orb.Point{b.Min[0] - dLon, b.Min[1] - dLat}, Max: orb.Point{b.Max[0] + dLon, b.Max[1] + dLat}}
}

// boundaryInteriorPoint is a point inside a compound's polygon (its largest part for a
// multipolygon), for the barrier test.
func boundaryInteriorPoint(g orb.Geometry) orb.Point {
	switch p := g.(type) {
	case orb.Polygon:
		return interiorPoint(ringsOf(p))
	case orb.MultiPolygon:
		best, bestArea := orb.Point{}, -1.0
		for _, q := range p {
			if a := geo.Area(q); a > bestArea {
				best, bestArea = interiorPoint(ringsOf(q)), a
			}
		}
		return best
	}
	return g.Bound().Center()
}

// barrierLines are the street ways whose class splits 片区.
func barrierLines(o PianquOptions) [][]orb.Point {
	var out [][]orb.Point
	for _, w := range o.Streets {
		if slices.Contains(o.Barriers, w.Tags["highway"]) && len(w.Points) > 1 {
			out = append(out, w.Points)
		}
	}
	return out
}

// crossesAny reports whether segment ab crosses a barrier line (in degrees: over a few
// hundred metres a straight line in lon/lat is the line on the ground to well under a metre).
func crossesAny(a, b orb.Point, lines [][]orb.Point) bool {
	for _, l := range lines {
		for k := 0; k+1 < len(l); k++ {
			if segmentsCross(a, b, l[k], l[k+1]) {
				return true
			}
		}
	}
	return false
}

func segmentsCross(a, b, c, d orb.Point) bool {
	orient := func(p, q, r orb.Point) float64 {
		return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0])
	}
	d1, d2 := orient(c, d, a), orient(c, d, b)
	d3, d4 := orient(a, b, c), orient(a, b, d)
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}
