package renovation

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// DefaultJoinTolerance is the tie margin of PlaceBuildings: two compounds whose overlaps with a
// footprint differ by less than 1 % of the footprint's area are a tie, which is reported
// rather than settled by digitising noise.
const DefaultJoinTolerance = 0.01

// JoinOptions are the options of PlaceBuildings.
type JoinOptions struct {
	RunOptions
	// Tolerance is the tie margin as a share of the footprint's area, 0–1; 0 means
	// DefaultJoinTolerance.
	Tolerance float64
}

// JoinCandidate is a compound a footprint overlaps, with the area of the overlap in m²
// (planar in the compound's frame).
type JoinCandidate struct {
	CompoundID string  `json:"compound_id"`
	Overlap    float64 `json:"overlap_m2"`
}

// JoinPlacement is a building placed, or not, by location.
type JoinPlacement struct {
	// Index is the building's 0-based position in the layer, ID its ID.
	Index int    `json:"index"`
	ID    string `json:"id"`
	// CompoundID is the compound it was placed in; empty when it was not.
	CompoundID string `json:"compound_id,omitempty"`
	// Footprint is the footprint's geodesic area in m², and Share the part of it inside
	// CompoundID (0–1).
	Footprint float64 `json:"footprint_m2"`
	Share     float64 `json:"share"`
	// Candidates lists the compounds the footprint overlaps, largest overlap first (then in
	// the district's order).
	Candidates []JoinCandidate `json:"candidates"`
}

// JoinReport says how PlaceBuildings placed a layer's buildings.
type JoinReport struct {
	File string `json:"file"`
	// Named counts the buildings placed in the compound their layer names.
	Named int `json:"named"`
	// Placed lists the buildings placed by location, in layer order.
	Placed []JoinPlacement `json:"placed"`
	// Ambiguous lists the buildings whose two largest overlaps are within the tolerance of
	// each other, and Unassigned those that overlap no compound (or have no footprint); none
	// of them was added to the district.
	Ambiguous  []JoinPlacement `json:"ambiguous"`
	Unassigned []JoinPlacement `json:"unassigned"`
	Tolerance  float64         `json:"tolerance"`
}

// PlaceBuildings adds buildings to the district's compounds: each building that names its
// compound (by ID, else by name) goes there, as AddBuildings does; each that names none goes to
// the compound its footprint overlaps most. The candidates are found with an R-tree of the
// compounds' bounds and their overlaps measured exactly (geo.Prepared.IntersectionArea, in each
// compound's frame). A building overlapping no compound is unassigned, and one whose two
// largest overlaps differ by less than the tolerance × its footprint's area is ambiguous: both
// are reported and left out, never guessed. Buildings keep their layer order within each
// compound. file names the layer in messages.
//
// Errors: FeatureErrors for buildings naming a compound the district does not have, or whose
// footprint cannot be measured; MeasureErrors for compound boundaries that cannot be; a
// tolerance outside 0–1; ctx's error. On any error the district is left unchanged.
func (d *District) PlaceBuildings(ctx context.Context, file string, bs []BuildingFeature, opts *JoinOptions) (*JoinReport, error) {
	var o JoinOptions
	if opts != nil {
		o = *opts
	}
	if o.Tolerance == 0 {
		o.Tolerance = DefaultJoinTolerance
	}
	if !(o.Tolerance > 0 && o.Tolerance <= 1) {
		return nil, fmt.Errorf("%s: join tolerance %v is outside 0–1", file, o.Tolerance)
	}
	rep := &JoinReport{File: file, Tolerance: o.Tolerance, Placed: []JoinPlacement{}, Ambiguous: []JoinPlacement{}, Unassigned: []JoinPlacement{}}

	// Named buildings first, checked as AddBuildings checks them.
	refs := d.CompoundRefs()
	targets := make([]int, len(bs))
	var errs FeatureErrors
	var unnamed []int
	for k := range bs {
		ref := bs[k].Compound
		if ref == "" {
			unnamed = append(unnamed, k)
			continue
		}
		ci, ok := refs.Find(ref)
		if !ok {
			errs = append(errs, &FeatureError{File: file, Index: k, ID: bs[k].Building.ID, Field: "compound", Err: fmt.Errorf("compound %q is not in the district", ref)})
		}
		targets[k] = ci
		rep.Named++
	}
	if len(errs) > 0 {
		return nil, errs
	}

	// The rest by location.
	if len(unnamed) > 0 {
		j := newCompoundJoin(d)
		results := make([]JoinPlacement, len(unnamed))
		into := make([]int, len(unnamed))
		perr, err := forEach(ctx, len(unnamed), o.RunOptions, "join", func(_, n int) error {
			k := unnamed[n]
			var err error
			results[n], into[n], err = j.place(k, &bs[k].Building, o.Tolerance)
			if err != nil {
				if fe, ok := err.(*FeatureError); ok {
					fe.File = file
				}
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		var measure MeasureErrors
		for _, e := range perr {
			switch e := e.(type) {
			case nil:
			case *FeatureError:
				errs = append(errs, e)
			case *MeasureError:
				measure = append(measure, e)
			}
		}
		if len(measure) > 0 {
			slices.SortFunc(measure, func(x, y *MeasureError) int { return cmp.Compare(x.CompoundID, y.CompoundID) })
			measure = slices.CompactFunc(measure, func(x, y *MeasureError) bool { return x.CompoundID == y.CompoundID })
			return nil, measure
		}
		if len(errs) > 0 {
			return nil, errs
		}
		for n, k := range unnamed {
			p := results[n]
			targets[k] = into[n]
			switch {
			case into[n] >= 0:
				rep.Placed = append(rep.Placed, p)
			case len(p.Candidates) >= 2:
				rep.Ambiguous = append(rep.Ambiguous, p)
			default:
				rep.Unassigned = append(rep.Unassigned, p)
			}
		}
	}
	for k := range bs {
		if targets[k] >= 0 {
			c := &d.Compounds[targets[k]]
			c.Buildings = append(c.Buildings, bs[k].Building)
		}
	}
	return rep, nil
}

// compoundJoin finds the compounds a footprint overlaps. Compounds are prepared on first need
// and shared by the goroutines.
type compoundJoin struct {
	d     *District
	ix    geo.Index[int32]
	once  []sync.Once
	preps []*geo.Prepared
	errs  []error
}

func newCompoundJoin(d *District) *compoundJoin {
	j := &compoundJoin{d: d, once: make([]sync.Once, len(d.Compounds)), preps: make([]*geo.Prepared, len(d.Compounds)), errs: make([]error, len(d.Compounds))}
	for i := range d.Compounds {
		if b := d.Compounds[i].Boundary; b != nil {
			_ = j.ix.Insert(b.Bound(), int32(i)) // a non-finite bound is reported when prepared
		}
	}
	return j
}

func (j *compoundJoin) prepared(i int) (*geo.Prepared, error) {
	j.once[i].Do(func() {
		c := &j.d.Compounds[i]
		if err := checkLonLat(c.ID, c.Boundary, false); err != nil {
			j.errs[i] = &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: "boundary", Err: err}
			return
		}
		p, err := geo.Prepare(c.Boundary)
		if err != nil {
			j.errs[i] = &MeasureError{CompoundID: c.ID, Compound: c.Label(), What: "boundary", Err: err}
			return
		}
		j.preps[i] = p
	})
	return j.preps[i], j.errs[i]
}

// place decides where building k goes: the index of the compound, or −1.
func (j *compoundJoin) place(k int, b *Building, tol float64) (JoinPlacement, int, error) {
	p := JoinPlacement{Index: k, ID: b.ID, Candidates: []JoinCandidate{}}
	if b.Footprint == nil {
		return p, -1, nil
	}
	if err := checkLonLat(b.ID, b.Footprint, false); err != nil {
		return p, -1, &FeatureError{Index: k, ID: b.ID, Field: "footprint", Err: err}
	}
	p.Footprint = geo.Area(b.Footprint)
	type cand struct {
		i    int
		area float64
	}
	var cs []cand
	var err error
	j.ix.Search(b.Footprint.Bound(), func(_ orb.Bound, i int32) bool {
		prep, e := j.prepared(int(i))
		if e != nil {
			err = e
			return false
		}
		a, e := prep.IntersectionArea(b.Footprint)
		if e != nil {
			err = &FeatureError{Index: k, ID: b.ID, Field: "footprint", Err: e}
			return false
		}
		if a > 0 {
			cs = append(cs, cand{int(i), a})
		}
		return true
	})
	if err != nil {
		return p, -1, err
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if c := cmp.Compare(y.area, x.area); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	for _, c := range cs {
		p.Candidates = append(p.Candidates, JoinCandidate{CompoundID: j.d.Compounds[c.i].ID, Overlap: c.area})
	}
	if len(cs) == 0 || (len(cs) >= 2 && cs[0].area-cs[1].area < tol*p.Footprint) {
		return p, -1, nil
	}
	p.CompoundID = j.d.Compounds[cs[0].i].ID
	if p.Footprint > 0 {
		p.Share = math.Min(cs[0].area/p.Footprint, 1)
	}
	return p, cs[0].i, nil
}
