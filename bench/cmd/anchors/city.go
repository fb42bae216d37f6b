package main

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/xiaoqu/xiaoqu/renovation"
)

// libCity is what the library computes for the city.
type libCity struct {
	ind *renovation.IndicatorReport
	lc  *renovation.LifeCircleReport
}

// runLibrary runs the renovation benchmark's work — a fresh Analyzer, Indicators, then
// LifeCircle — on workers goroutines with GOMAXPROCS set to workers (so that a one-core run
// keeps the garbage collector on that core too), and returns its wall-clock time.
func runLibrary(ctx context.Context, d *renovation.District, radii renovation.RadiusTable, workers int) (libCity, time.Duration, error) {
	prev := runtime.GOMAXPROCS(workers)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	opts := renovation.RunOptions{Workers: workers}
	start := time.Now()
	a := renovation.NewAnalyzer(d)
	ind, err := a.Indicators(ctx, &renovation.IndicatorOptions{RunOptions: opts})
	if err != nil {
		return libCity{}, 0, err
	}
	lc, err := a.LifeCircle(ctx, &renovation.LifeCircleOptions{RunOptions: opts, Radii: radii})
	if err != nil {
		return libCity{}, 0, err
	}
	return libCity{ind, lc}, time.Since(start), nil
}

// relDiff is |a − b| ÷ max(|a|, |b|), 0 when both are 0.
func relDiff(a, b float64) float64 {
	m := math.Max(math.Abs(a), math.Abs(b))
	if m == 0 {
		return 0
	}
	return math.Abs(a-b) / m
}

// worst tracks the largest relative disagreement of one measure and where it is.
type worst struct {
	rel      float64
	abs      float64
	where    string
	lib, anc float64
}

func (w *worst) add(where string, lib, anchor float64) {
	if r := relDiff(lib, anchor); r > w.rel || w.where == "" {
		*w = worst{rel: r, abs: math.Abs(lib - anchor), where: where, lib: lib, anc: anchor}
	}
}

func (w worst) String() string {
	return fmt.Sprintf("%.2e relative (%.3g absolute) at %s: library %.9g, anchor %.9g", w.rel, w.abs, w.where, w.lib, w.anc)
}

// cityAgreement compares the library's results with PostGIS's.
type cityAgreement struct {
	site, footprint, floor, green, coverage, far, greenRatio worst
	crossingDiffer                                           int
	pairs                                                    int // compound × kind
	coveredDiffer                                            int
	// coveredMargin is the largest |library's nearest distance − radius| among the pairs
	// whose covered flags differ, in metres.
	coveredMargin float64
	coveredList   []string
	// The nearest facility, when PostGIS computed it: its distance (the largest relative and
	// absolute disagreement, metres), and the pairs whose nearest facility differs.
	nearest        worst
	nearestAbs     float64 // metres
	nearestDiffer  int
	nearestChecked bool
}

func compareCity(d *renovation.District, radii renovation.RadiusTable, lib libCity, pg *pgCity) cityAgreement {
	var a cityAgreement
	facIndex := map[string]int32{}
	for i, f := range d.Facilities {
		facIndex[f.ID] = int32(i)
	}
	for i := range lib.ind.Compounds {
		ci := &lib.ind.Compounds[i]
		a.site.add(ci.ID, ci.SiteArea, pg.siteArea[i])
		a.footprint.add(ci.ID, ci.FootprintArea, pg.footprint[i])
		a.floor.add(ci.ID, ci.FloorArea, pg.floorArea[i])
		a.green.add(ci.ID, ci.GreenArea, pg.greenArea[i])
		a.coverage.add(ci.ID, ci.BuildingCoverage, pg.coverage[i])
		a.far.add(ci.ID, ci.FAR, pg.far[i])
		a.greenRatio.add(ci.ID, ci.GreenRatio, pg.greenRatio[i])
		if ci.BuildingsCrossing != pg.crossing[i] {
			a.crossingDiffer++
		}
		for e := range radii {
			fr := &lib.lc.Compounds[i].Reach[e]
			k := i*pg.kinds + e
			a.pairs++
			if fr.Covered != pg.covered[k] {
				a.coveredDiffer++
				m := math.Abs(*fr.Nearest - fr.Radius)
				a.coveredMargin = math.Max(a.coveredMargin, m)
				if len(a.coveredList) < 10 {
					a.coveredList = append(a.coveredList, fmt.Sprintf("%s %s: library nearest %.6f m (covered %v), radius %.0f m, PostGIS covered %v",
						ci.ID, fr.Kind, *fr.Nearest, fr.Covered, fr.Radius, pg.covered[k]))
				}
			}
			if pg.nearestFac[k] < 0 {
				continue
			}
			a.nearestChecked = true
			a.nearest.add(ci.ID+" "+string(fr.Kind), *fr.Nearest, pg.nearestDist[k])
			a.nearestAbs = math.Max(a.nearestAbs, math.Abs(*fr.Nearest-pg.nearestDist[k]))
			if facIndex[fr.NearestID] != pg.nearestFac[k] {
				a.nearestDiffer++
			}
		}
	}
	return a
}

// samePgCity reports whether two PostGIS runs gave the same results, bit for bit, or the
// first difference.
func samePgCity(x, y *pgCity) string {
	for i := range x.ids {
		if x.siteArea[i] != y.siteArea[i] || x.footprint[i] != y.footprint[i] || x.floorArea[i] != y.floorArea[i] ||
			x.greenArea[i] != y.greenArea[i] || x.crossing[i] != y.crossing[i] {
			return fmt.Sprintf("compound %s differs", x.ids[i])
		}
	}
	for k := range x.covered {
		if x.covered[k] != y.covered[k] || x.nearestFac[k] != y.nearestFac[k] || x.nearestDist[k] != y.nearestDist[k] {
			return fmt.Sprintf("compound %s kind %d differs", x.ids[k/x.kinds], k%x.kinds)
		}
	}
	return ""
}
