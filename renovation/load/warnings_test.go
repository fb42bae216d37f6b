package load_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// A compound with no buildings is warned about (in Report.Warnings and so in Notes), not
// taken silently as zero; a roster with only a header row is an error naming the file.
func TestWarningsForEmptyData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	compounds := write("compounds.geojson", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}},"features":[
{"type":"Feature","properties":{"编号":"c1","名称":"甲"},"geometry":{"type":"Polygon","coordinates":[[[442000,4425000],[442100,4425000],[442100,4425100],[442000,4425100],[442000,4425000]]]}},
{"type":"Feature","properties":{"编号":"c2","名称":"乙"},"geometry":{"type":"Polygon","coordinates":[[[443000,4425000],[443100,4425000],[443100,4425100],[443000,4425100],[443000,4425000]]]}}]}`)
	buildings := write("buildings.geojson", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}},"features":[
{"type":"Feature","properties":{"id":"3","层数":6},"geometry":{"type":"Polygon","coordinates":[[[442010,4425010],[442010,4425022],[442070,4425022],[442070,4425010]]]}}]}`)
	households := write("households.csv", "小区,楼栋,单元,户号,楼层,房号,建筑面积,面积来源,业主,状态,居住情况,人数,最大年龄\n")
	if _, _, err := load.District(context.Background(), load.Options{Compounds: compounds, Buildings: buildings, Households: households}); err == nil {
		t.Error("a roster with only a header row was accepted")
	}
	_, rep, err := load.District(context.Background(), load.Options{Compounds: compounds, Buildings: buildings})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		compounds + ` compound "c2" (乙) has no buildings: its floor area and households are unknown, not zero`,
	}
	if diff := cmp.Diff(want, rep.Warnings); diff != "" {
		t.Errorf("Warnings (-want +got):\n%s", diff)
	}
	notes := rep.Notes()
	if len(notes) < 1 || !cmp.Equal(want, notes[:1]) {
		t.Errorf("Notes lack the warnings: %q", notes)
	}
}
