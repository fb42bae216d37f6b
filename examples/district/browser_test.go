package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// chromium runs headless Chromium on the report with the flags a closed machine needs, and
// returns its standard output.
func chromium(t *testing.T, bin string, extra ...string) []byte {
	t.Helper()
	report, err := filepath.Abs(filepath.Join(sampleOutputs(t), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + t.TempDir()}, extra...)
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+report)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.Bytes()
}

// TestReportInBrowser renders report.html in headless Chromium, as a person would open it: the
// DOM the browser built must hold one map path per compound and the expected table rows, and
// a screenshot must show the map in the coverage colours.
func TestReportInBrowser(t *testing.T) {
	bin := testtool.Command(t, "chromium", "chromium")
	dom := string(chromium(t, bin, "--dump-dom"))
	if n := len(regexp.MustCompile(`<path class="compound"`).FindAllString(dom, -1)); n != sampleCompounds {
		t.Errorf("the rendered page has %d compound paths, want %d", n, sampleCompounds)
	}
	table := regexp.MustCompile(`(?s)<table class="data" data-sheet="小区指标">.*?</table>`).FindString(dom)
	if rows := strings.Count(table, "<tr>"); rows != 1+sampleCompounds+1 { // header, compounds, total
		t.Errorf("the indicators table shows %d rows, want %d", rows, sampleCompounds+2)
	}
	if !strings.Contains(table, "乳山二村") || !strings.Contains(table, "合计 total") {
		t.Errorf("the indicators table lacks its rows: %.300s", table)
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	chromium(t, bin, "--window-size=1280,1800", "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 1800 {
		t.Fatalf("screenshot is %v", b)
	}
	seen := colourCounts(img)
	used := 0
	for _, c := range coverageRamp {
		if seen[c] > 200 {
			used++
		}
	}
	if used < 2 {
		t.Errorf("the screenshot shows %d coverage colours over 200 pixels; the map should show compounds in at least two", used)
	}
	if seen["#fbfbf8"] < 100000 {
		t.Errorf("the map's background covers %d pixels; the map is missing from the screenshot", seen["#fbfbf8"])
	}
}

// colourCounts counts the screenshot's pixels by exact colour, as "#rrggbb".
func colourCounts(img image.Image) map[string]int {
	out := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			out[fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, bl>>8)]++
		}
	}
	return out
}

// TestGeoPackageInGDAL lists the GeoPackage with GDAL's ogrinfo, as QGIS would open it.
func TestGeoPackageInGDAL(t *testing.T) {
	bin := testtool.Command(t, "ogrinfo", "gdal-bin")
	path := filepath.Join(sampleOutputs(t), "district.gpkg")
	cmd := exec.Command(bin, "-ro", "-so", "-al", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("ogrinfo warned: %s", stderr.String())
	}
	out := stdout.String()
	for _, l := range []struct {
		name, geometry string
		count          int
	}{
		{"compounds", "Multi Polygon", sampleCompounds},
		{"buildings", "Multi Polygon", sampleBuildings},
		{"facilities", "Point", sampleFacilities},
	} {
		// The layer's description comes as metadata between its name and its geometry.
		want := fmt.Sprintf(`(?m)^Layer name: %s\n(?:Metadata:\n(?:  .*\n)*)?Geometry: %s\nFeature Count: %d$`, l.name, l.geometry, l.count)
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("ogrinfo does not list layer %s as %s with %d features", l.name, l.geometry, l.count)
		}
	}
	if !regexp.MustCompile(`(?m)^Layer name: gaps\n(?:Metadata:\n(?:  .*\n)*)?Geometry: Multi Polygon\nFeature Count: [1-9]`).MatchString(out) {
		t.Error("ogrinfo does not list the gaps layer with features")
	}
	if n := strings.Count(out, `ID["EPSG",4490]`); n != 4 {
		t.Errorf("%d layers in EPSG:4490, want 4", n)
	}
	for _, field := range []string{"far: Real", "building_coverage: Real", "households: Integer", "eligibility: String"} {
		if !strings.Contains(out, field) {
			t.Errorf("compounds layer lacks the column %q", field)
		}
	}
}
