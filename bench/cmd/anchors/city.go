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

// indicatorAgreement compares the library's indicators with indicators.sql's.
type indicatorAgreement struct {
	site, footprint, floor, green, coverage, far, greenRatio worst
	crossingDiffer                                           int
}

func compareIndicators(lib libCity, pg *pgCity) indicatorAgreement {
	var a indicatorAgreement
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
	}
	return a
}

func (a indicatorAgreement) maxArea() float64 {
	return max(a.site.rel, a.footprint.rel, a.green.rel, a.floor.rel)
}

// flagAgreement compares the library's covered flags with a coverage query's.
type flagAgreement struct {
	pairs, differ int
	// margin is the largest |library's nearest distance − radius| among the pairs whose flags
	// differ, in metres; list names the first few.
	margin float64
	list   []string
}

func compareFlags(lib libCity, covered []bool, kinds int) flagAgreement {
	var a flagAgreement
	for i := range lib.lc.Compounds {
		cl := &lib.lc.Compounds[i]
		for e := range cl.Reach {
			fr := &cl.Reach[e]
			a.pairs++
			if fr.Covered == covered[i*kinds+e] {
				continue
			}
			a.differ++
			a.margin = max(a.margin, math.Abs(*fr.Nearest-fr.Radius))
			if len(a.list) < 5 {
				a.list = append(a.list, fmt.Sprintf("%s %s: library nearest %.6f m (covered %v), radius %.0f m", cl.ID, fr.Kind, *fr.Nearest, fr.Covered, fr.Radius))
			}
		}
	}
	return a
}

func (a flagAgreement) String() string {
	s := fmt.Sprintf("covered flags: %d of %d differ", a.differ, a.pairs)
	if a.differ > 0 {
		s += fmt.Sprintf(", all within %.2g mm of the radius", a.margin*1000)
	}
	return s
}

// nearestAgreement compares the library's nearest facilities with a nearest query's.
type nearestAgreement struct {
	// dist is the largest relative disagreement of the distances over 10 m (below that a
	// relative figure says little), absMax the largest absolute one over all, in metres.
	dist   worst
	absMax float64
	// differ counts the pairs whose nearest facility differs, zero those of them at distance
	// 0 (two facilities inside the compound), and gap the largest difference of the two
	// distances among them, in metres: ties when it is tiny.
	differ, zero int
	gap          float64
}

func compareNearest(d *renovation.District, lib libCity, n nearestSet, kinds int) nearestAgreement {
	var a nearestAgreement
	index := make(map[string]int32, len(d.Facilities))
	for i, f := range d.Facilities {
		index[f.ID] = int32(i)
	}
	for i := range lib.lc.Compounds {
		cl := &lib.lc.Compounds[i]
		for e := range cl.Reach {
			fr := &cl.Reach[e]
			k := i*kinds + e
			if *fr.Nearest >= 10 {
				a.dist.add(cl.ID+" "+string(fr.Kind), *fr.Nearest, n.dist[k])
			}
			a.absMax = max(a.absMax, math.Abs(*fr.Nearest-n.dist[k]))
			if index[fr.NearestID] != n.fac[k] {
				a.differ++
				if *fr.Nearest == 0 && n.dist[k] == 0 {
					a.zero++
				}
				a.gap = max(a.gap, math.Abs(*fr.Nearest-n.dist[k]))
			}
		}
	}
	return a
}

func (a nearestAgreement) String() string {
	s := fmt.Sprintf("nearest distance ≤ %.2g mm (≤ %.1e relative over 10 m); nearest facility differs in %d pairs", a.absMax*1000, a.dist.rel, a.differ)
	switch {
	case a.differ > 0 && a.gap == 0:
		s += fmt.Sprintf(", all ties at equal distance (%d of them two facilities inside the compound)", a.zero)
	case a.differ > 0:
		s += fmt.Sprintf(", ties to %.2g mm (%d of them two facilities inside the compound)", a.gap*1000, a.zero)
	}
	return s
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
		if x.covered[k] != y.covered[k] || x.coveredGeog[k] != y.coveredGeog[k] ||
			x.nearest.fac[k] != y.nearest.fac[k] || x.nearest.dist[k] != y.nearest.dist[k] ||
			x.nearestGeog.fac[k] != y.nearestGeog.fac[k] || x.nearestGeog.dist[k] != y.nearestGeog.dist[k] {
			return fmt.Sprintf("compound %s kind %d differs", x.ids[k/x.kinds], k%x.kinds)
		}
	}
	return ""
}
