package load_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// osmDoc is a compound with two buildings (one of 6 levels, one with unreadable levels), one
// building outside it, a kindergarten node, a parking lot the table does not map, a school
// whose name says primary, a park area and a gate.
const osmDoc = `<?xml version="1.0"?><osm version="0.6">
<node id="1" lat="39.9600" lon="116.3600"/><node id="2" lat="39.9600" lon="116.3620"/><node id="3" lat="39.9615" lon="116.3620"/><node id="4" lat="39.9615" lon="116.3600"/>
<node id="11" lat="39.9602" lon="116.3602"/><node id="12" lat="39.9602" lon="116.3608"/><node id="13" lat="39.9604" lon="116.3608"/><node id="14" lat="39.9604" lon="116.3602"/>
<node id="21" lat="39.9606" lon="116.3602"/><node id="22" lat="39.9606" lon="116.3608"/><node id="23" lat="39.9608" lon="116.3608"/><node id="24" lat="39.9608" lon="116.3602"/>
<node id="31" lat="39.9700" lon="116.3702"/><node id="32" lat="39.9700" lon="116.3708"/><node id="33" lat="39.9702" lon="116.3708"/>
<node id="40" lat="39.9610" lon="116.3610"><tag k="amenity" v="kindergarten"/><tag k="name" v="北苑幼儿园"/></node>
<node id="41" lat="39.9611" lon="116.3611"><tag k="amenity" v="parking"/></node>
<node id="42" lat="39.9612" lon="116.3612"><tag k="amenity" v="school"/><tag k="name" v="北苑小学"/></node>
<node id="43" lat="39.9600" lon="116.3610"><tag k="barrier" v="gate"/></node>
<way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="landuse" v="residential"/><tag k="name" v="北苑小区"/></way>
<way id="101"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/><tag k="building" v="residential"/><tag k="building:levels" v="6"/></way>
<way id="102"><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="24"/><nd ref="21"/><tag k="building" v="yes"/><tag k="building:levels" v="六"/></way>
<way id="103"><nd ref="31"/><nd ref="32"/><nd ref="33"/><nd ref="31"/><tag k="building" v="yes"/></way>
<way id="104"><nd ref="31"/><nd ref="33"/><nd ref="32"/><nd ref="31"/><tag k="leisure" v="park"/></way>
</osm>`

func TestReadOSM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "beiyuan.osm")
	if err := os.WriteFile(path, []byte(osmDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	d, rep, err := load.ReadOSM(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	type building struct {
		ID      string
		Storeys int
	}
	type compound struct {
		ID, Name  string
		Buildings []building
	}
	var got []compound
	for _, c := range d.Compounds {
		cc := compound{ID: c.ID, Name: c.Name}
		for _, b := range c.Buildings {
			cc.Buildings = append(cc.Buildings, building{b.ID, b.Storeys})
			if len(b.Synthetic) > 0 {
				t.Errorf("building %s marked synthetic: %v", b.ID, b.Synthetic)
			}
		}
		got = append(got, cc)
	}
	want := []compound{{ID: "way/100", Name: "北苑小区", Buildings: []building{{"way/101", 6}, {"way/102", 0}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("compounds (-want +got):\n%s", diff)
	}
	type facility struct {
		ID, Name string
		Kind     renovation.FacilityKind
	}
	var fs []facility
	for _, f := range d.Facilities {
		fs = append(fs, facility{f.ID, f.Name, f.Kind})
	}
	wantF := []facility{{"node/40", "北苑幼儿园", renovation.Kindergarten}, {"node/42", "北苑小学", renovation.PrimarySchool}, {"way/104", "", renovation.Park}}
	if diff := cmp.Diff(wantF, fs); diff != "" {
		t.Errorf("facilities (-want +got):\n%s", diff)
	}
	if d.Attribution != load.OSMAttribution || d.Name != "beiyuan" {
		t.Errorf("district %q, attribution %q", d.Name, d.Attribution)
	}
	wantNotes := []string{
		`way 102: building:levels "六" is not a whole number of storeys; left unknown`,
		`OSM: 1 feature tagged amenity=parking maps to no facility kind: left out`,
	}
	notes := rep.Notes()
	for _, w := range wantNotes {
		found := false
		for _, n := range notes {
			if strings.Contains(n, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no note %q in %q", w, notes)
		}
	}
	if rep.OSM.Gates != 1 || rep.Join == nil || len(rep.Join.Unassigned) != 1 || rep.Join.Unassigned[0].ID != "way/103" {
		t.Errorf("report: %+v, join %+v", rep.OSM, rep.Join)
	}
}

// TestReadOSMExtracts loads the Haidian extracts: the XML and PBF copies give the same
// district, with a compound for each landuse=residential area the counts name.
func TestReadOSMExtracts(t *testing.T) {
	for _, c := range []struct {
		name      string
		compounds int
	}{{"beijing-qinghuadonglu-osm", 10}, {"beijing-tsinghua-wudaokou-osm", 6}} {
		dir := sharedData(t, c.name)
		x, xr, err := load.ReadOSM(context.Background(), filepath.Join(dir, "map.osm"), &load.OSMOptions{Name: c.name})
		if err != nil {
			t.Fatal(err)
		}
		p, pr, err := load.ReadOSM(context.Background(), filepath.Join(dir, "map.osm.pbf"), &load.OSMOptions{Name: c.name})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := renovation.Indicators(context.Background(), x, nil)
		if err != nil {
			t.Fatal(err)
		}
		ip, err := renovation.Indicators(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ix, ip); diff != "" {
			t.Errorf("%s: XML and PBF indicators differ:\n%s", c.name, diff)
		}
		pn := pr.Notes()
		for i := range pn {
			pn[i] = strings.ReplaceAll(pn[i], "map.osm.pbf", "map.osm")
		}
		if diff := cmp.Diff(xr.Notes(), pn); diff != "" {
			t.Errorf("%s: XML and PBF notes differ:\n%s", c.name, diff)
		}
		if len(x.Compounds) < c.compounds {
			t.Errorf("%s: %d compounds, want at least %d", c.name, len(x.Compounds), c.compounds)
		}
		kinds := map[renovation.FacilityKind]int{}
		placed := 0
		for _, f := range x.Facilities {
			kinds[f.Kind]++
		}
		for _, cp := range x.Compounds {
			placed += len(cp.Buildings)
		}
		t.Logf("%s: %d compounds, %d buildings placed, facilities %v, %d notes", c.name, len(x.Compounds), placed, kinds, len(xr.Notes()))
	}
}

// sharedData is a folder of the project's shared data, or skips t.
func sharedData(t testing.TB, name string) string {
	t.Helper()
	for _, dir := range []string{os.Getenv("XIAOQU_SHARED_DATA"), "../../../shared/data", "../../../../shared/data"} {
		if dir == "" {
			continue
		}
		if p := filepath.Join(dir, name); fileExists(p) {
			return p
		}
	}
	t.Skipf("shared data %s not found (set XIAOQU_SHARED_DATA)", name)
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
