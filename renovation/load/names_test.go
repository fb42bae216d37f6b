package load_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// namesFixture writes a one-compound district whose property names, facility kinds and
// roster header are given, and returns its load options.
func namesFixture(t *testing.T, builtKey, storeysKey, kind, tenureHeader string) load.Options {
	t.Helper()
	dir := t.TempDir()
	tm := geo.LocalTM(orb.Point{121.5, 31.2})
	rect := func(x0, y0, x1, y1 float64) orb.Polygon {
		var r orb.Ring
		for _, p := range []orb.Point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}} {
			r = append(r, tm.Inverse(p))
		}
		return orb.Polygon{r}
	}
	write := func(name string, fs ...*geojson.Feature) string {
		fc := geojson.NewFeatureCollection()
		for _, f := range fs {
			fc.Append(f)
		}
		b, err := fc.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	feat := func(g orb.Geometry, props geojson.Properties) *geojson.Feature {
		f := geojson.NewFeature(g)
		f.Properties = props
		return f
	}
	o := load.Options{
		Compounds: write("compounds.geojson", feat(rect(-100, -100, 100, 100), geojson.Properties{"id": "c1", "name": "北苑", builtKey: 1986})),
		Buildings: write("buildings.geojson", feat(rect(-80, -80, -40, -68), geojson.Properties{"id": "1", storeysKey: 6})),
		Facilities: write("facilities.geojson",
			feat(tm.Inverse(orb.Point{0, 150}), geojson.Properties{"id": "f1", "类型": kind}),
			feat(tm.Inverse(orb.Point{0, 200}), geojson.Properties{"id": "f2", "类型": "幼儿园"})),
	}
	roster := "户号,楼栋,单元,楼层,建筑面积," + tenureHeader + "\n0101,1,1,1,56.30,出租\n0102,1,1,1,48.75,人户合一\n"
	o.Households = filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(o.Households, []byte(roster), 0o644); err != nil {
		t.Fatal(err)
	}
	o.DefaultCompound = "c1"
	return o
}

// outcome is what the analyses see of a district: built year, storeys, facility kinds,
// tenures.
func outcome(d *renovation.District) string {
	c := &d.Compounds[0]
	var kinds []string
	for _, f := range d.Facilities {
		kinds = append(kinds, string(f.Kind))
	}
	n := renovation.CountHouseholds(c)
	return fmt.Sprintf("built %d, storeys %d, kinds %v, rented %d, owner-occupied %d", c.BuiltYear, c.Buildings[0].Storeys, kinds, n.ByTenure[renovation.Rented], n.ByTenure[renovation.OwnerOccupied])
}

// Issue 12's table, rows 1–4: each slip either reads as the correctly named input (the
// synonym is read) or is reported with the nearest name, and under Strict is an error.
func TestNamesPlannersUse(t *testing.T) {
	ctx := context.Background()
	right := namesFixture(t, "建成年份", "层数", "养老服务设施", "居住情况")
	d, rep, err := load.District(ctx, right)
	if err != nil {
		t.Fatal(err)
	}
	want := outcome(d)
	if len(rep.Unread) != 0 {
		t.Errorf("correctly named input: unread %v", rep.Unread)
	}
	synonyms := []struct {
		row                          string
		built, storeys, kind, tenure string
	}{
		{"建成年代 for 建成年份", "建成年代", "层数", "养老服务设施", "居住情况"},
		{"楼层数 for 层数", "建成年份", "楼层数", "养老服务设施", "居住情况"},
		{"居住状况 for 居住情况", "建成年份", "层数", "养老服务设施", "居住状况"},
		{"社区养老驿站 for 养老服务设施", "建成年份", "层数", "社区养老驿站", "居住情况"},
	}
	for _, tc := range synonyms {
		t.Run(tc.row, func(t *testing.T) {
			o := namesFixture(t, tc.built, tc.storeys, tc.kind, tc.tenure)
			o.Strict = true
			d, rep, err := load.District(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := outcome(d); got != want {
				t.Errorf("got %s\nwant %s", got, want)
			}
			if len(rep.Unread) != 0 {
				t.Errorf("unread %v", rep.Unread)
			}
		})
	}
	// Names no table lists: reported with the nearest name, an error under Strict.
	reported := []struct {
		row                          string
		built, storeys, kind, tenure string
		note                         string
	}{
		{"建成年月", "建成年月", "层数", "养老服务设施", "居住情况", `compounds.geojson: property "建成年月" is not read (1 feature) — did you mean "建成年份"?`},
		{"层高", "建成年份", "层高", "养老服务设施", "居住情况", `buildings.geojson: property "层高" is not read (1 feature) — did you mean "层数"?`},
		{"居住情形", "建成年份", "层数", "养老服务设施", "居住情形", `roster.csv: column "居住情形" is not read — did you mean "居住情况"?`},
		{"amenity=clinic, a 站 or a 中心", "建成年份", "层数", "amenity=clinic", "居住情况",
			`facilities.geojson: 类型 "amenity=clinic" is not a known value (1 feature): "amenity=clinic" is ambiguous: it could mean clinic or health_centre (OSM tag used for both the 站 and the 中心 in China); write one of them; kept as a kind of its own meanwhile`},
		{"养老驿點", "建成年份", "层数", "养老驿點", "居住情况",
			`facilities.geojson: 类型 "养老驿點" is not a known value (1 feature): not a known facility kind: kept as a kind of its own, which no default radius measures — did you mean "养老驿站"?`},
	}
	for _, tc := range reported {
		t.Run(tc.row, func(t *testing.T) {
			o := namesFixture(t, tc.built, tc.storeys, tc.kind, tc.tenure)
			_, rep, err := load.District(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			var notes []string
			for _, n := range rep.Notes() {
				notes = append(notes, filepath.Base(n))
			}
			if diff := cmp.Diff([]string{tc.note}, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
			o.Strict = true
			if _, _, err := load.District(ctx, o); !errors.Is(err, load.ErrUnread) || !strings.Contains(err.Error(), tc.note[strings.Index(tc.note, ":"):]) {
				t.Errorf("strict: %v", err)
			}
		})
	}
}

// 社区卫生服务中心 and 社区卫生服务站 are different facilities at different tiers.
func TestHealthCentreIsNotClinic(t *testing.T) {
	for in, want := range map[string]renovation.FacilityKind{
		"社区卫生服务中心": renovation.HealthCentre, "社区卫生服务站": renovation.Clinic,
		"医疗保健服务;综合医院;三级甲等医院": renovation.Hospital, "科教文化服务;学校;小学": renovation.PrimarySchool,
		"amenity=kindergarten": renovation.Kindergarten, "amenity=clinic": "amenity=clinic",
	} {
		if got, err := renovation.ParseFacilityKind(in); err != nil || got != want {
			t.Errorf("ParseFacilityKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
