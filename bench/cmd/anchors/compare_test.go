package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqu/xiaoqu/renovation"
)

func TestRelDiffAndWorst(t *testing.T) {
	for _, c := range []struct{ a, b, want float64 }{
		{0, 0, 0}, {1, 1, 0}, {100, 99, 0.01}, {-2, 2, 2}, {0, 5, 1},
	} {
		if got := relDiff(c.a, c.b); got != c.want {
			t.Errorf("relDiff(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	var w worst
	w.add("a", 100, 100)
	w.add("b", 100, 99)
	w.add("c", 10, 9.95)
	if w.where != "b" || w.rel != 0.01 || w.abs != 1 {
		t.Errorf("worst %+v, want b at 0.01", w)
	}
	if !strings.Contains(w.String(), "1.00e-02 relative") || !strings.Contains(w.String(), "at b") {
		t.Errorf("worst prints %q", w.String())
	}
}

func TestComparePoints(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "3454118.132166\t642964.159847 0.000000\n1000.000000\t2000.000000 0.000000\n")
	b := write("b.txt", "3454118.132166\t642964.159848 0.000000\n1000.000003\t2000.000004 0.000000\n")
	got, err := compareProjected(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got.points != 2 || got.textDiffer != 2 || got.where != 2 || got.maxDist < 4.99e-6 || got.maxDist > 5.01e-6 {
		t.Errorf("compareProjected: %+v, want 2 points, 2 differing, 5 µm at line 2", got)
	}
	short := write("c.txt", "1 2\n")
	if _, err := compareProjected(a, short); err == nil || !strings.Contains(err.Error(), "different numbers of lines") {
		t.Errorf("files of 2 and 1 lines: %v", err)
	}
	ll := write("d.txt", "31 121\n")
	ll2 := write("e.txt", "31.00001 121\n")
	got, err = compareLatLon(ll, ll2)
	if err != nil {
		t.Fatal(err)
	}
	if got.maxDist < 1.11 || got.maxDist > 1.12 { // 1e-5° of latitude is 1.113 m on the sphere
		t.Errorf("compareLatLon: %v m, want 1.11 m", got.maxDist)
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{fmtDur(1412 * time.Millisecond), "1.41 s"},
		{fmtDur(726 * time.Millisecond), "726 ms"},
		{fmtDur(0), "–"},
		{per(130*time.Millisecond, 162262, "vertex"), "801 ns/vertex"},
		{per(2130*time.Millisecond, 1000000, "point"), "2.13 µs/point"},
		{ratio(2760*time.Millisecond, 1410*time.Millisecond), "1.96×"},
		{ratio(0, time.Second), "–"},
		{coresName(1), "1 core"},
		{coresName(2), "2 cores"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestOthersBetween(t *testing.T) {
	t0 := time.Unix(0, 0)
	a := cpuSnap{wall: t0, busy: 10, steal: 1, ours: 4, ok: true}
	b := cpuSnap{wall: t0.Add(10 * time.Second), busy: 25, steal: 1, ours: 17, ok: true}
	if got, want := othersBetween(a, b), "others kept 0.20 cores busy, steal 0.00 cores, we used 1.30 cores"; got != want {
		t.Errorf("othersBetween = %q, want %q", got, want)
	}
	if got := othersBetween(cpuSnap{}, b); got != "others' load unknown" {
		t.Errorf("without a snapshot: %q", got)
	}
}

func TestCompareCity(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	d := &renovation.District{Facilities: []renovation.Facility{{ID: "F1"}, {ID: "F2"}}}
	lib := libCity{
		ind: &renovation.IndicatorReport{Compounds: []renovation.CompoundIndicators{
			{ID: "C1", SiteArea: 1000, FootprintArea: 200, FloorArea: 1000, GreenArea: 50, BuildingsCrossing: 1},
		}},
		lc: &renovation.LifeCircleReport{Compounds: []renovation.CompoundLifeCircle{{ID: "C1", Reach: []renovation.FacilityReach{
			{Kind: "clinic", Radius: 300, Nearest: f(299.999), NearestID: "F1", Covered: true},
			{Kind: "park", Radius: 500, Nearest: f(0), NearestID: "F1", Covered: true},
		}}}},
	}
	pg := newPgCity(1, 2)
	pg.siteArea[0], pg.footprint[0], pg.floorArea[0], pg.greenArea[0], pg.crossing[0] = 1000, 200.0002, 1000, 50, 0
	pg.covered = []bool{false, true}
	pg.nearest.fac = []int32{0, 1}
	pg.nearest.dist = []float64{300.0005, 0}

	ia := compareIndicators(lib, pg)
	if ia.footprint.where != "C1" || ia.footprint.rel < 0.99e-6 || ia.footprint.rel > 1.01e-6 || ia.site.rel != 0 || ia.crossingDiffer != 1 {
		t.Errorf("indicators: %+v", ia)
	}
	fa := compareFlags(lib, pg.covered, 2)
	if fa.pairs != 2 || fa.differ != 1 || fa.margin < 0.00099 || fa.margin > 0.00101 {
		t.Errorf("flags: %+v", fa)
	}
	if s := fa.String(); s != "covered flags: 1 of 2 differ, all within 1 mm of the radius" {
		t.Errorf("flags print %q", s)
	}
	na := compareNearest(d, lib, pg.nearest, 2)
	if na.differ != 1 || na.zero != 1 || na.gap != 0 || na.absMax < 0.0014 || na.absMax > 0.0016 {
		t.Errorf("nearest: %+v", na)
	}
}
