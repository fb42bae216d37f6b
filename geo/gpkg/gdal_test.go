package gpkg

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// ogrinfo runs GDAL's ogrinfo and returns its standard output; it fails the test if the
// command fails or writes anything to standard error (warnings included).
func ogrinfo(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("ogrinfo", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("ogrinfo %s wrote to standard error:\n%s", strings.Join(args, " "), stderr.String())
	}
	return stdout.String()
}

// TestGDALReadsOurFile writes a two-layer GeoPackage, in versions 1.3 and 1.2, and checks
// what GDAL's ogrinfo says about it, and that GDAL's validate_gpkg.py passes it. It needs
// ogrinfo (Debian package gdal-bin) and skips without it.
func TestGDALReadsOurFile(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		testtool.SkipOrFail(t, "ogrinfo not found on PATH; install gdal-bin to check GeoPackage files with GDAL")
	}
	for _, v := range []int{Version13, Version12} {
		t.Run(fmt.Sprint(v), func(t *testing.T) { checkWithGDAL(t, v) })
	}
}

func checkWithGDAL(t *testing.T, version int) {
	path := filepath.Join(t.TempDir(), "renovation.gpkg")
	compounds := Layer{Name: "小区", Description: "compound boundaries", SRSID: 4490, Features: []*geojson.Feature{
		{ID: "way/1", Geometry: orb.Polygon{{{121.50, 31.23}, {121.51, 31.23}, {121.51, 31.24}, {121.50, 31.24}, {121.50, 31.23}}},
			Properties: geojson.Properties{"名称": "陆家嘴小区", "面积": json.Number("12345.67"), "楼栋数": json.Number("12"), "加装电梯": true}},
		{ID: "way/2", Geometry: orb.Polygon{{{121.52, 31.23}, {121.53, 31.23}, {121.53, 31.24}, {121.52, 31.23}}},
			Properties: geojson.Properties{"名称": "崂山新村", "面积": json.Number("9876.5"), "楼栋数": json.Number("8"), "加装电梯": false}},
	}}
	facilities := Layer{Name: "facilities", SRSID: 4326, Features: []*geojson.Feature{
		{ID: json.Number("7"), Geometry: orb.Point{121.505, 31.235}, Properties: geojson.Properties{"kind": "kindergarten"}},
		{ID: json.Number("9"), Geometry: orb.Point{121.525, 31.236}, Properties: geojson.Properties{"kind": "clinic"}},
		{ID: json.Number("11"), Geometry: orb.Point{121.515, 31.233}, Properties: geojson.Properties{"kind": "shop"}},
	}}
	if err := WriteFile(path, &Options{Version: version, Time: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}, compounds, facilities); err != nil {
		t.Fatal(err)
	}

	list := ogrinfo(t, path)
	// GDAL lists layers in the order they were written.
	for _, want := range []string{"using driver `GPKG' successful", "1: 小区 (Polygon)", "2: facilities (Point)"} {
		if !strings.Contains(list, want) {
			t.Errorf("ogrinfo layer list lacks %q:\n%s", want, list)
		}
	}

	summary := ogrinfo(t, "-so", "-al", path)
	layers := strings.Split(summary, "\nLayer name: ")
	if len(layers) != 3 {
		t.Fatalf("ogrinfo -so -al shows %d layers, want 2:\n%s", len(layers)-1, summary)
	}
	checks := []struct {
		layer string
		want  []string
		srs   *regexp.Regexp
	}{
		{"小区", []string{"DESCRIPTION=compound boundaries", "Geometry: Polygon", "Feature Count: 2",
			"Extent: (121.500000, 31.230000) - (121.530000, 31.240000)", "FID Column = fid", "Geometry Column = geom",
			"名称: String (0.0)", "面积: Real (0.0)", "楼栋数: Integer64 (0.0)", "加装电梯: Integer(Boolean) (0.0)", "id: String (0.0)"},
			regexp.MustCompile(`(China Geodetic Coordinate System 2000|CGCS2000)[\s\S]*ID\["EPSG",4490\]`)},
		{"facilities", []string{"Geometry: Point", "Feature Count: 3", "Extent: (121.505000, 31.233000) - (121.525000, 31.236000)",
			"FID Column = fid", "Geometry Column = geom", "kind: String (0.0)"},
			regexp.MustCompile(`GEOGCRS\["WGS 84"[\s\S]*ID\["EPSG",4326\]`)},
	}
	for i, c := range checks {
		body := layers[i+1]
		if !strings.HasPrefix(body, c.layer+"\n") {
			t.Errorf("layer %d is %q, want %q", i+1, strings.SplitN(body, "\n", 2)[0], c.layer)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("layer %s: ogrinfo output lacks %q", c.layer, w)
			}
		}
		if !c.srs.MatchString(body) {
			t.Errorf("layer %s: SRS not reported as %s", c.layer, c.srs)
		}
	}

	features := ogrinfo(t, "-al", "-q", path, "小区")
	for _, want := range []string{"名称 (String) = 陆家嘴小区", "面积 (Real) = 12345.67", "楼栋数 (Integer64) = 12", "加装电梯 (Integer(Boolean)) = 1",
		"id (String) = way/2", "POLYGON ((121.5 31.23,121.51 31.23,121.51 31.24,121.5 31.24,121.5 31.23))"} {
		if !strings.Contains(features, want) {
			t.Errorf("ogrinfo -al lacks %q:\n%s", want, features)
		}
	}
	features = ogrinfo(t, "-al", "-q", path, "facilities")
	for _, want := range []string{"OGRFeature(facilities):7", "OGRFeature(facilities):11", "kind (String) = clinic", "POINT (121.525 31.236)"} {
		if !strings.Contains(features, want) {
			t.Errorf("ogrinfo -al lacks %q:\n%s", want, features)
		}
	}

	// GDAL's conformance checker ships with gdal-bin's python3-gdal.
	var out bytes.Buffer
	cmd := exec.Command("python3", "-m", "osgeo_utils.samples.validate_gpkg", path)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if strings.Contains(out.String(), "No module named") || errors.Is(err, exec.ErrNotFound) {
			t.Logf("GDAL's validate_gpkg.py not available to python3 (%v); not run", strings.TrimSpace(out.String()))
			return
		}
		t.Errorf("validate_gpkg.py: %v\n%s", err, out.String())
	}
}

// TestReadGDALFile reads a GeoPackage written by GDAL's ogr2ogr, with its R-tree index,
// gpkg_ogr_contents table and narrower column types. It needs ogr2ogr (gdal-bin).
func TestReadGDALFile(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		testtool.SkipOrFail(t, "ogr2ogr not found on PATH; install gdal-bin to read a GeoPackage written by GDAL")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "in.geojson")
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[116.35,39.96],[116.36,39.96],[116.36,39.97],[116.35,39.96]]]},"properties":{"名称":"北邮家属院","楼栋数":29,"面积":1.5,"有电梯":true,"建成":"1985-06-01"}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[116.37,39.96],[116.38,39.96],[116.38,39.97],[116.37,39.96]],[[116.372,39.962],[116.375,39.965],[116.375,39.962],[116.372,39.962]]]},"properties":{"名称":"中","楼栋数":3,"面积":null,"有电梯":false,"建成":null}},
{"type":"Feature","geometry":null,"properties":{"名称":"无图形","楼栋数":null,"面积":2,"有电梯":null,"建成":null}}]}`
	if err := os.WriteFile(src, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "gdal.gpkg")
	var out bytes.Buffer
	cmd := exec.Command("ogr2ogr", "-f", "GPKG", "-a_srs", "EPSG:4490", "-nln", "小区", dst, src)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out.String())
	}
	r, err := Open(dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	infos, err := r.Layers()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Name != "小区" || infos[0].GeometryType != "POLYGON" || infos[0].SRSID != 4490 || infos[0].Count != 3 {
		t.Fatalf("layers %+v", infos)
	}
	fc, err := r.ReadLayer("小区")
	if err != nil {
		t.Fatal(err)
	}
	got := fc.Features[1]
	want := &geojson.Feature{Type: "Feature", ID: int64(2),
		Geometry:   orb.Polygon{{{116.37, 39.96}, {116.38, 39.96}, {116.38, 39.97}, {116.37, 39.96}}, {{116.372, 39.962}, {116.375, 39.965}, {116.375, 39.962}, {116.372, 39.962}}},
		Properties: geojson.Properties{"名称": "中", "楼栋数": int64(3), "面积": nil, "有电梯": false, "建成": nil}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("feature 2 (-want +got):\n%s", diff)
	}
	if fc.Features[2].Geometry != nil || fc.Features[0].Properties["有电梯"] != true {
		t.Errorf("features 1 and 3: %+v %+v", fc.Features[0], fc.Features[2])
	}
	// GDAL made 建成 a DATE column; the driver gives time.Time for it.
	if d, ok := fc.Features[0].Properties["建成"].(time.Time); !ok || !d.Equal(time.Date(1985, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("建成 = %#v, want 1985-06-01 as time.Time", fc.Features[0].Properties["建成"])
	}
}
