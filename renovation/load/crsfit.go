package load

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// The fit test of District: a buildings or facilities layer read in the wrong one of WGS84,
// GCJ-02 and BD-09 sits 30–1,000 m off its compounds, always in about the same direction, so
// moving it by the offset it would have had in another of them brings it home. A warning is
// given when such a move fits clearly better; the thresholds are set so that a layer in the
// right CRS, whose features sit in and around the compounds, is not flagged.
const (
	// fitMinFeatures is the smallest layer judged: a handful of points tells nothing.
	fitMinFeatures = 5
	// fitMaxFeatures bounds the features measured (evenly spaced through the layer), so that
	// the test costs a few milliseconds on a city's layer.
	fitMaxFeatures = 2000
	// Moved, either the share inside a compound must rise by fitShareGain and reach
	// fitShareMin (buildings, and facilities inside the compounds),
	fitShareGain = 0.20
	fitShareMin  = 0.50
	// or the median distance to the nearest compound must fall to at most fitDistRatio of
	// the distance as read, and by at least fitDistGain metres (facilities around them).
	fitDistRatio = 0.5
	fitDistGain  = 100.0
)

// shiftCRS is one of the systems an offset tells apart, with its conversions from and to WGS84.
type shiftCRS struct {
	crs      geo.CRS
	from, to func(orb.Point) orb.Point // WGS84 → crs, crs → WGS84
}

var shiftCRSs = []shiftCRS{
	{geo.WGS84, func(p orb.Point) orb.Point { return p }, func(p orb.Point) orb.Point { return p }},
	{geo.GCJ02, geo.WGS84ToGCJ02, geo.GCJ02ToWGS84},
	{geo.BD09, geo.WGS84ToBD09, geo.BD09ToWGS84},
}

// compoundFit measures how points fit a district's compounds.
type compoundFit struct {
	ix   geo.Index[int]
	prep []*geo.Prepared
}

func newCompoundFit(cs []renovation.Compound) *compoundFit {
	f := &compoundFit{}
	for _, c := range cs {
		if c.Boundary == nil {
			continue
		}
		p, err := geo.Prepare(c.Boundary)
		if err != nil {
			continue // Validate reports it
		}
		if f.ix.Insert(p.Bound(), len(f.prep)) == nil {
			f.prep = append(f.prep, p)
		}
	}
	return f
}

// inside reports whether p lies in or on some compound.
func (f *compoundFit) inside(p orb.Point) bool {
	in := false
	f.ix.Search(orb.Bound{Min: p, Max: p}, func(_ orb.Bound, i int) bool {
		in = f.prep[i].LocatePoint(p) != geo.PointOutside
		return !in
	})
	return in
}

// distance is the distance in metres from p to the nearest compound (0 inside), measured
// exactly to the compounds of the three nearest bounds.
func (f *compoundFit) distance(p orb.Point) float64 {
	best := math.Inf(1)
	for _, n := range f.ix.NearestGeodesic(p, 3) {
		if d, err := f.prep[n.Value].DistanceTo(p); err == nil {
			best = math.Min(best, d)
		}
	}
	return best
}

// share is the share of points inside a compound, and median the median distance to the
// nearest one.
func (f *compoundFit) share(ps []orb.Point) float64 {
	n := 0
	for _, p := range ps {
		if f.inside(p) {
			n++
		}
	}
	return float64(n) / float64(len(ps))
}

func (f *compoundFit) median(ps []orb.Point) float64 {
	ds := make([]float64, len(ps))
	for i, p := range ps {
		ds[i] = f.distance(p)
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// fitPoints are up to fitMaxFeatures points of a layer, one a feature: a point as it is,
// anything else the centre of its bounds (inside a building's footprint but for odd shapes).
func fitPoints(l *Layer) []orb.Point {
	step := max(1, len(l.Features)/fitMaxFeatures)
	var ps []orb.Point
	for i := 0; i < len(l.Features); i += step {
		f := l.Features[i]
		if f == nil || f.Geometry == nil {
			continue
		}
		if p, ok := f.Geometry.(orb.Point); ok {
			ps = append(ps, p)
		} else {
			ps = append(ps, f.Geometry.Bound().Center())
		}
	}
	return ps
}

// crsFitWarning returns a warning when the role's layer (buildings or facilities; role names
// it in the message) fits the compounds clearly better moved as if its file were in another
// of WGS84, GCJ-02 and BD-09 than as read, naming the likely CRS; "" otherwise, for layers
// read in a projected CRS and for those of fewer than fitMinFeatures features.
func (f *compoundFit) crsFitWarning(role string, l *Layer) string {
	var read *shiftCRS
	for i := range shiftCRSs {
		if sameCRS(shiftCRSs[i].crs, l.CRS) {
			read = &shiftCRSs[i]
		}
	}
	ps := fitPoints(l)
	if read == nil || len(ps) < fitMinFeatures || len(f.prep) == 0 {
		return ""
	}
	moved := func(alt shiftCRS) []orb.Point {
		out := make([]orb.Point, len(ps))
		for i, p := range ps {
			out[i] = alt.to(read.from(p))
		}
		return out
	}
	shareRead, distRead := f.share(ps), f.median(ps)
	best, bestShare, bestDist := -1, 0.0, 0.0
	for i, alt := range shiftCRSs {
		if alt.crs == read.crs {
			continue
		}
		m := moved(alt)
		share, dist := f.share(m), f.median(m)
		byShare := share >= shareRead+fitShareGain && share >= fitShareMin
		byDist := dist <= fitDistRatio*distRead && distRead-dist >= fitDistGain
		if (byShare || byDist) && (best < 0 || share > bestShare || share == bestShare && dist < bestDist) {
			best, bestShare, bestDist = i, share, dist
		}
	}
	if best < 0 {
		return ""
	}
	likely := shiftCRSs[best].crs
	return fmt.Sprintf("%s: the %s fit the compounds far better as if the file were in %s (%.0f %% of them inside a compound, half within %.0f m of one, against %.0f %% and %.0f m read as %s): is its CRS %s, or are the compounds in another? Give each layer its CRS",
		l.label(), role, likely.Name(), 100*bestShare, bestDist, 100*shareRead, distRead, read.crs.Name(), crsName(likely))
}
