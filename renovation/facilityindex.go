package renovation

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// kindIndex holds the facilities of one kind, indexed by their lon/lat bounds.
type kindIndex struct {
	ix    geo.Index[int32] // values index District.Facilities
	bound orb.Bound        // of every facility of the kind
	n     int
}

// facilityIndex returns the district's facilities indexed by kind, built on first use, or
// MeasureErrors naming every facility whose location is missing or not a point or polygon
// in range.
func (a *Analyzer) facilityIndex() (map[FacilityKind]*kindIndex, error) {
	a.facOnce.Do(func() {
		byKind := map[FacilityKind]*kindIndex{}
		var errs MeasureErrors
		for i := range a.d.Facilities {
			f := &a.d.Facilities[i]
			what := "facility " + labelOr(f.ID, f.Name, fmt.Sprint(i+1)) + " location"
			if f.Location == nil {
				errs = append(errs, &MeasureError{What: what, Err: fmt.Errorf("facility has no location")})
				continue
			}
			if err := checkLonLat(f.ID, f.Location, true); err != nil {
				errs = append(errs, &MeasureError{What: what, Err: err})
				continue
			}
			k := byKind[f.Kind]
			if k == nil {
				k = &kindIndex{}
				byKind[f.Kind] = k
			}
			b := f.Location.Bound()
			if err := k.ix.Insert(b, int32(i)); err != nil {
				errs = append(errs, &MeasureError{What: what, Err: err})
				continue
			}
			if k.n == 0 {
				k.bound = b
			} else {
				k.bound = k.bound.Union(b)
			}
			k.n++
		}
		a.facilities = byKind
		if len(errs) > 0 {
			a.facErr = errs
		}
	})
	return a.facilities, a.facErr
}
