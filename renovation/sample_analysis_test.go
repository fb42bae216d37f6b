package renovation_test

import (
	"context"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// TestSampleAnalyses runs every analysis on the sample districts and checks that the numbers
// are those of old walk-up estates: the named Lujiazui estates (six-storey slabs, generated
// where OpenStreetMap has none) at FAR 0.8–1.4 and coverage 13–24 %, the BUPT blocks denser.
func TestSampleAnalyses(t *testing.T) {
	for _, c := range []struct {
		name           string
		farLo, farHi   float64
		coverLo, cover float64
	}{
		{sample.Lujiazui, 0.75, 2, 0.12, 0.35},
		{sample.BUPT, 0.75, 2, 0.12, 0.35},
	} {
		d, err := sample.Load(c.name)
		if err != nil {
			t.Fatal(err)
		}
		a := renovation.NewAnalyzer(d)
		ind, err := a.Indicators(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		estates := 0
		for _, ci := range ind.Compounds {
			if ci.Name == "" || ci.BuildingsMapped == 0 {
				continue // unnamed residential areas: towers, or no buildings mapped
			}
			estates++
			if ci.FAR < c.farLo || ci.FAR > c.farHi || ci.BuildingCoverage < c.coverLo || ci.BuildingCoverage > c.cover {
				t.Errorf("%s %s: FAR %.2f, coverage %.1f%%", c.name, ci.Name, ci.FAR, 100*ci.BuildingCoverage)
			}
		}
		if estates == 0 {
			t.Errorf("%s: no named estate with buildings", c.name)
		}
		lc, err := a.LifeCircle(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		covered := 0
		for _, s := range lc.Kinds {
			covered += s.CompoundsCovered
		}
		if covered == 0 {
			t.Errorf("%s: no compound within reach of anything", c.name)
		}
		sc, err := a.Scope(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Zones) > 0 && sc.Totals.Compounds == 0 {
			t.Errorf("%s: no compound in the programme's scope", c.name)
		}
	}
}
