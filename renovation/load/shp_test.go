package load_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/internal/testtool"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// TestDistrictShapefile converts the fixture's polygon layers to shapefiles with GDAL's
// ogr2ogr — in a CGCS2000 Gauss-Krüger zone, the .dbf in GBK, the compounds' .cpg removed so
// that the reader must take GBK itself — and reads the district from them: the same measures
// as from GeoJSON, the CRS taken from the .prj. (The facilities stay GeoJSON: they mix points
// and polygons, which a shapefile cannot.) Needs ogr2ogr (gdal-bin).
func TestDistrictShapefile(t *testing.T) {
	ogr := testtool.Command(t, "ogr2ogr", "gdal-bin")
	f := newFixture(orb.Point{116.36, 39.96})
	dir := t.TempDir()
	paths := f.write(t, dir, geo.WGS84, "")
	orig, _, err := load.District(context.Background(), options(paths))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"compounds", "buildings", "green", "zones"} {
		out := filepath.Join(dir, name+".shp")
		cmd := exec.Command(ogr, "-f", "ESRI Shapefile", "-t_srs", "EPSG:4548", "-lco", "ENCODING=CP936", out, paths[name])
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr %s: %v\n%s", name, err, b)
		}
		paths[name] = out
	}
	if err := os.Remove(filepath.Join(dir, "compounds.cpg")); err != nil {
		t.Fatal(err)
	}
	d, rep, err := load.District(context.Background(), options(paths))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range rep.Layers {
		if strings.HasSuffix(l.File, ".shp") && (l.CRSFrom != load.FromFile || l.CRS != "EPSG:4548") {
			t.Errorf("layer %+v", l)
		}
	}
	if len(rep.Unread) != 0 {
		t.Errorf("unread %v", rep.Unread)
	}
	if d.Compounds[0].Name != "北苑" || d.Compounds[1].Name != "南苑" {
		t.Errorf("compound names %q %q", d.Compounds[0].Name, d.Compounds[1].Name)
	}
	close(t, "shapefile", measures(t, d), measures(t, orig))

	// A property the model does not read is reported, as for GeoJSON.
	g := filepath.Join(dir, "extra.geojson")
	os.WriteFile(g, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"c1","备注":"拆迁"},"geometry":{"type":"Polygon","coordinates":[[[116.36,39.96],[116.361,39.96],[116.361,39.961],[116.36,39.96]]]}}]}`), 0o644)
	out := filepath.Join(dir, "extra.shp")
	if b, err := exec.Command(ogr, "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", out, g).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, b)
	}
	paths["compounds"] = out
	_, rep, err = load.District(context.Background(), options(paths))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range rep.Unread {
		found = found || (u.Name == "备注" && strings.HasSuffix(u.File, "extra.shp"))
	}
	if !found {
		t.Errorf("unread %v", rep.Unread)
	}
}
