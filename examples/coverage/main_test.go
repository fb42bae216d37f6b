package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
)

// siteAreaA is the geodesic area on WGS84 of compound 甲, the 100 m square [−50, 50]² of a
// transverse Mercator centred on lon 121.5, lat 31.2, from GeographicLib's Planimeter
// (geographiclib-tools) on its corners:
//
//	printf '31.199549032119727 121.49947536750322\n31.199549032119727 121.50052463249678\n31.200450965709532 121.50052463747384\n31.200450965709532 121.49947536252616\n' | Planimeter -p 15
//	4 399.9999999916 10000.00000
const siteAreaA = 10000.00000

var tm = geo.LocalTM(orb.Point{121.5, 31.2})

func rect(x0, y0, x1, y1 float64) orb.Ring {
	var r orb.Ring
	for _, p := range []orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}} {
		r = append(r, tm.Inverse(p))
	}
	return r
}

// fixture writes the test district, transformed into crs, and returns the flags that read
// it. In metres about the centre: compounds 乙 (listed first), 甲 and 丙 (with a school cut out
// of it); two buildings of 甲 that name no compound, one across its east edge; kindergartens
// 200 m west of 甲, 150 m north of 乙 and in 丙's school; a park site west of 甲; two
// overlapping green spaces in 甲 (700 m² together).
func fixture(t *testing.T, crs geo.CRS) []string {
	t.Helper()
	hole := rect(2080, -20, 2120, 20)
	slices.Reverse(hole)
	layers := map[string][]*geojson.Feature{}
	add := func(layer string, g orb.Geometry, props geojson.Properties) {
		g, err := geo.Transform(g, geo.WGS84, crs)
		if err != nil {
			t.Fatal(err)
		}
		f := geojson.NewFeature(g)
		f.Properties = props
		layers[layer] = append(layers[layer], f)
	}
	add("compounds", orb.Polygon{rect(1000, -50, 1100, 50)}, geojson.Properties{"id": "B", "name": "乙"})
	add("compounds", orb.Polygon{rect(-50, -50, 50, 50)}, geojson.Properties{"id": "A", "name": "甲"})
	add("compounds", orb.Polygon{rect(2000, -100, 2200, 100), hole}, geojson.Properties{"id": "C", "name": "丙"})
	add("buildings", orb.Polygon{rect(-45, 0, -25, 10)}, geojson.Properties{"id": "a1", "storeys": 6})
	add("buildings", orb.Polygon{rect(40, 30, 60, 40)}, geojson.Properties{"id": "a2", "storeys": 5})
	add("buildings", orb.Polygon{rect(2020, 40, 2060, 52)}, geojson.Properties{"id": "c1", "storeys": 4, "compound": "丙"})
	add("facilities", tm.Inverse(orb.Point{-250, 0}), geojson.Properties{"id": "k1", "kind": "kindergarten"})
	add("facilities", tm.Inverse(orb.Point{1050, 200}), geojson.Properties{"id": "k2", "kind": "幼儿园"})
	add("facilities", tm.Inverse(orb.Point{2100, 0}), geojson.Properties{"id": "k3", "kind": "kindergarten"})
	add("facilities", orb.Polygon{rect(-400, -50, -300, 50)}, geojson.Properties{"id": "p1", "kind": "park"})
	add("green", orb.Polygon{rect(-40, -40, -20, -20)}, geojson.Properties{"id": "g1"})
	add("green", orb.Polygon{rect(-30, -30, -10, -10)}, geojson.Properties{"id": "g2"})
	dir := t.TempDir()
	var args []string
	for _, name := range []string{"compounds", "buildings", "facilities", "green"} {
		fc := geojson.NewFeatureCollection()
		fc.Features = layers[name]
		var buf bytes.Buffer
		if err := xgeojson.Write(&buf, fc, nil); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".geojson")
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-"+name, p)
	}
	return args
}

func runOK(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(args, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	return out.Bytes()
}

// squareDiscArea is the area of [x0, x1] × [y0, y1] within r of c, by the midpoint rule on
// 200,000 strips: an independent check of the library's exact method.
func squareDiscArea(x0, y0, x1, y1 float64, c orb.Point, r float64) float64 {
	const n = 200000
	h := (x1 - x0) / n
	var sum float64
	for k := range n {
		dx := x0 + (float64(k)+0.5)*h - c[0]
		if dx*dx >= r*r {
			continue
		}
		w := math.Sqrt(r*r - dx*dx)
		if lo, hi := max(y0, c[1]-w), min(y1, c[1]+w); hi > lo {
			sum += hi - lo
		}
	}
	return sum * h
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestJSONContract checks the exact keys, the input order and the numbers of the fixture.
func TestJSONContract(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(runOK(t, append(fixture(t, geo.WGS84), "-json")...), &doc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"compounds", "summary"}, keys(doc)); diff != "" {
		t.Fatalf("top-level keys (-want +got):\n%s", diff)
	}
	kinds := []string{"clinic", "elderly_care", "kindergarten", "market", "middle_school", "nursery", "park", "primary_school"}
	compounds := doc["compounds"].([]any)
	var ids []string
	byID := map[string]map[string]any{}
	for _, c := range compounds {
		c := c.(map[string]any)
		if diff := cmp.Diff([]string{"building_coverage", "facilities", "far", "floor_area_m2", "footprint_area_m2", "green_ratio", "households", "id", "name", "site_area_m2"}, keys(c)); diff != "" {
			t.Fatalf("compound keys (-want +got):\n%s", diff)
		}
		fac := c["facilities"].(map[string]any)
		if diff := cmp.Diff(kinds, keys(fac)); diff != "" {
			t.Fatalf("facility kinds (-want +got):\n%s", diff)
		}
		for _, k := range kinds {
			if diff := cmp.Diff([]string{"area_share", "covered", "nearest_m"}, keys(fac[k].(map[string]any))); diff != "" {
				t.Fatalf("facility keys (-want +got):\n%s", diff)
			}
		}
		ids = append(ids, c["id"].(string))
		byID[c["id"].(string)] = c
	}
	if diff := cmp.Diff([]string{"B", "A", "C"}, ids); diff != "" {
		t.Errorf("compounds out of input order (-want +got):\n%s", diff)
	}
	summary := doc["summary"].(map[string]any)
	if diff := cmp.Diff([]string{"by_kind", "compounds", "households"}, keys(summary)); diff != "" {
		t.Fatalf("summary keys (-want +got):\n%s", diff)
	}
	byKind := summary["by_kind"].(map[string]any)
	if diff := cmp.Diff(kinds, keys(byKind)); diff != "" {
		t.Fatalf("summary kinds (-want +got):\n%s", diff)
	}
	for _, k := range kinds {
		if diff := cmp.Diff([]string{"compound_rate", "compounds_covered", "household_rate", "households_covered"}, keys(byKind[k].(map[string]any))); diff != "" {
			t.Fatalf("summary kind keys (-want +got):\n%s", diff)
		}
	}

	near := func(what string, got any, want, tol float64) {
		t.Helper()
		g, ok := got.(float64)
		if !ok || math.Abs(g-want) > tol {
			t.Errorf("%s: %v, want %.9f", what, got, want)
		}
	}
	a := byID["A"]
	near("甲 site area (Planimeter)", a["site_area_m2"], siteAreaA, 5e-6)
	near("甲 footprint (a2 half outside)", a["footprint_area_m2"], 300, 1e-6)
	near("甲 building coverage", a["building_coverage"], 300/siteAreaA, 1e-9)
	near("甲 floor area", a["floor_area_m2"], 6*200+5*200, 1e-6)
	near("甲 FAR", a["far"], 2200/siteAreaA, 1e-9)
	near("甲 green ratio (overlap counted once)", a["green_ratio"], 700/siteAreaA, 1e-9)
	kg := a["facilities"].(map[string]any)["kindergarten"].(map[string]any)
	near("甲 nearest kindergarten", kg["nearest_m"], geo.Distance(tm.Inverse(orb.Point{-250, 0}), tm.Inverse(orb.Point{-50, 0})), 1e-6)
	near("甲 kindergarten area share", kg["area_share"], squareDiscArea(-50, -50, 50, 50, orb.Point{-250, 0}, 300)/10000, 1e-7)
	if kg["covered"] != true {
		t.Errorf("甲 kindergarten not covered: %v", kg)
	}
	park := a["facilities"].(map[string]any)["park"].(map[string]any)
	near("甲 nearest park", park["nearest_m"], 250, 1e-5)
	near("甲 park share", park["area_share"], 1, 1e-12)
	// No primary school in the data at all: unknown, so null, not false or 0.
	if ps := a["facilities"].(map[string]any)["primary_school"].(map[string]any); ps["nearest_m"] != nil || ps["covered"] != nil || ps["area_share"] != nil {
		t.Errorf("no primary school: %v, want every value null", ps)
	}
	nullKind := map[string]any{"compounds_covered": nil, "households_covered": nil, "compound_rate": nil, "household_rate": nil}
	if diff := cmp.Diff(nullKind, byKind["primary_school"]); diff != "" {
		t.Errorf("primary school summary, no data (-want +got):\n%s", diff)
	}
	b := byID["B"]["facilities"].(map[string]any)
	near("乙 nearest kindergarten", b["kindergarten"].(map[string]any)["nearest_m"], 150, 1e-5)
	near("乙 kindergarten share (every corner within reach)", b["kindergarten"].(map[string]any)["area_share"], 1, 0)
	if b["park"].(map[string]any)["covered"] != false {
		t.Errorf("乙 covered by a park 1.3 km away")
	}
	c := byID["C"]
	// 丙 lies 2 km from the centre of the plan, where the plan's own scale is 1 + 5.4e-8:
	// its areas there are 1.1e-7 larger than on the ellipsoid.
	near("丙 site area less its school", c["site_area_m2"], 40000-1600, 38400*2e-7)
	near("丙 nearest kindergarten (in its school)", c["facilities"].(map[string]any)["kindergarten"].(map[string]any)["nearest_m"], 20, 1e-5)
	near("丙 FAR", c["far"], 4*480/38400.0, 0.05*2e-7)

	kgSum := byKind["kindergarten"].(map[string]any)
	near("kindergarten compounds covered", kgSum["compounds_covered"], 3, 0)
	near("kindergarten compound rate", kgSum["compound_rate"], 1, 0)
	near("park compound rate", byKind["park"].(map[string]any)["compound_rate"], 1.0/3, 1e-15)
	near("compounds", summary["compounds"], 3, 0)
}

// TestHouseholds reads a roster: 4 households in a1, within reach of the kindergarten, and 6
// in a2, whose inner point lies 302 m from it.
func TestHouseholds(t *testing.T) {
	roster := "小区,楼栋,单元,户号,楼层,建筑面积\n"
	for k, b := range []string{"a1", "a1", "a1", "a1", "a2", "a2", "a2", "a2", "a2", "a2"} {
		roster += "甲," + b + ",1,0" + string(rune('1'+k)) + "01," + string(rune('1'+k%4)) + ",60.00\n"
	}
	path := filepath.Join(t.TempDir(), "households.csv")
	if err := os.WriteFile(path, []byte(roster), 0o644); err != nil {
		t.Fatal(err)
	}
	var out output
	if err := json.Unmarshal(runOK(t, append(fixture(t, geo.WGS84), "-households", path, "-json")...), &out); err != nil {
		t.Fatal(err)
	}
	k := out.Summary.ByKind["kindergarten"]
	if out.Summary.Households != 10 || out.Compounds[1].Households != 10 || k.HouseholdsCovered == nil || *k.HouseholdsCovered != 4 || k.HouseholdRate == nil || *k.HouseholdRate != 0.4 {
		t.Errorf("households: %+v, kindergarten %+v", out.Summary, k)
	}
}

// TestCRS: the fixture written in GCJ-02 and read with -crs gcj02 gives the WGS84 numbers to
// 1e-6; read without -crs, its coordinates would be taken for WGS84, hundreds of metres off,
// which moves every compound and facility alike: so the test compares against the WGS84 run.
func TestCRS(t *testing.T) {
	var want, got output
	if err := json.Unmarshal(runOK(t, append(fixture(t, geo.WGS84), "-json")...), &want); err != nil {
		t.Fatal(err)
	}
	for _, crs := range []struct {
		name string
		c    geo.CRS
	}{{"gcj02", geo.GCJ02}, {"bd09", geo.BD09}, {"cgcs2000", geo.CGCS2000}} {
		if err := json.Unmarshal(runOK(t, append(fixture(t, crs.c), "-crs", crs.name, "-json")...), &got); err != nil {
			t.Fatal(err)
		}
		rel := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Abs(b)+1e-9 }
		opt := cmp.Comparer(func(a, b float64) bool { return rel(a, b) })
		if diff := cmp.Diff(want, got, opt); diff != "" {
			t.Errorf("-crs %s (-wgs84 +%s):\n%s", crs.name, crs.name, diff)
		}
	}
}

// TestRadii: a custom table listing the clinic at two tiers keys it "clinic/5min" and
// "clinic/15min"; the object form overrides the defaults.
func TestRadii(t *testing.T) {
	dir := t.TempDir()
	arr := filepath.Join(dir, "radii.json")
	os.WriteFile(arr, []byte(`[{"kind":"幼儿园","tier":"5min","metres":150},{"kind":"clinic","tier":"5min","metres":300},{"kind":"clinic","tier":"15min","metres":1000}]`), 0o644)
	var out output
	if err := json.Unmarshal(runOK(t, append(fixture(t, geo.WGS84), "-radii", arr, "-json")...), &out); err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := range out.Summary.ByKind {
		got = append(got, k)
	}
	slices.Sort(got)
	if diff := cmp.Diff([]string{"clinic/15min", "clinic/5min", "kindergarten"}, got); diff != "" {
		t.Errorf("kind keys (-want +got):\n%s", diff)
	}
	if k := out.Compounds[1].Facilities["kindergarten"]; k.Covered == nil || *k.Covered || *k.Nearest < 199 {
		t.Errorf("kindergarten at 150 m: %+v", k)
	}
	obj := filepath.Join(dir, "override.json")
	os.WriteFile(obj, []byte(`{"kindergarten": 100}`), 0o644)
	out = output{}
	if err := json.Unmarshal(runOK(t, append(fixture(t, geo.WGS84), "-radii", obj, "-json")...), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Summary.ByKind) != 8 || out.Summary.ByKind["kindergarten"].CompoundsCovered == nil || *out.Summary.ByKind["kindergarten"].CompoundsCovered != 1 {
		t.Errorf("override: %+v", out.Summary.ByKind["kindergarten"])
	}
}

// TestSample runs without flags on the embedded sample, as a table and as JSON, and the same
// input gives the same bytes.
func TestSample(t *testing.T) {
	table := string(runOK(t))
	for _, s := range []string{"陆家嘴", "三航小区", "容积率 FAR", "幼儿园 300m", "覆盖 coverage by kind", "OpenStreetMap"} {
		if !strings.Contains(table, s) {
			t.Errorf("table lacks %q:\n%s", s, table)
		}
	}
	a, b := runOK(t, "-json"), runOK(t, "-json")
	if !bytes.Equal(a, b) {
		t.Error("two runs gave different JSON")
	}
	var out output
	if err := json.Unmarshal(a, &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary.Compounds != 18 || out.Summary.Households != 7072 || out.Compounds[0].Name != "三航小区" {
		t.Errorf("sample summary %+v, first %q", out.Summary, out.Compounds[0].Name)
	}
}

func TestErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-crs", "mars"}, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("bad -crs: %v", err)
	}
	if err := run([]string{"-nope"}, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("bad flag: %v", err)
	}
	if err := run([]string{"-buildings", "b.geojson"}, &out, &errOut); err == nil {
		t.Error("-buildings without -compounds accepted")
	}
	if err := run([]string{"-compounds", filepath.Join(t.TempDir(), "none.geojson")}, &out, &errOut); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	args := fixture(t, geo.WGS84)
	bad := filepath.Join(t.TempDir(), "radii.json")
	os.WriteFile(bad, []byte(`[{"kind":"clinic","tier":"1min","metres":300}]`), 0o644)
	if err := run(append(args, "-radii", bad), &out, &errOut); err == nil || !strings.Contains(err.Error(), "radii.json") {
		t.Errorf("bad radius table: %v", err)
	}
}

// TestTablesNoData: a kind with no facility in the data reads 无数据 in the coverage table,
// not "0/3 0.0%", and lists no gaps; a kind with facilities out of reach keeps its gaps.
func TestTablesNoData(t *testing.T) {
	out := string(runOK(t, fixture(t, geo.WGS84)...))
	_, byKind, ok := strings.Cut(out, "覆盖 coverage by kind")
	if !ok {
		t.Fatalf("no coverage-by-kind table:\n%s", out)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(byKind, "\n") {
		if f := strings.Fields(line); len(f) > 2 {
			rows[f[1]] = strings.Join(f[2:], " ")
		}
	}
	want := map[string]string{
		"primary_school": "10min 500 m 0 无数据 no data 无数据 no data",
		"park":           "10min 500 m 1 1/3 33.3% 0/0 0.0% 乙 (0), 丙 (0)",
	}
	got := map[string]string{}
	for k := range want {
		got[k] = rows[k]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("coverage-by-kind rows (-want +got):\n%s\n%s", diff, byKind)
	}
}
