package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// TestOwnContext draws a planner's own roads, water and green under the map (-context), and
// says what it left out.
func TestOwnContext(t *testing.T) {
	files, err := sample.Files(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(files, "compounds.geojson")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	compounds := filepath.Join(dir, "compounds.geojson")
	if err := os.WriteFile(compounds, b, 0o644); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	c := fc.Features[0].Geometry.Bound().Center()
	x, y := c[0], c[1]
	ctx := fmt.Sprintf(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"highway":"primary","name":"学院路"},"geometry":{"type":"LineString","coordinates":[[%[1]f,%[2]f],[%[3]f,%[2]f]]}},
{"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[%[1]f,%[4]f],[%[3]f,%[4]f]]}},
{"type":"Feature","properties":{"natural":"water"},"geometry":{"type":"Polygon","coordinates":[[[%[1]f,%[5]f],[%[3]f,%[5]f],[%[3]f,%[6]f],[%[1]f,%[5]f]]]}},
{"type":"Feature","properties":{"leisure":"park"},"geometry":{"type":"Polygon","coordinates":[[[%[1]f,%[6]f],[%[3]f,%[6]f],[%[3]f,%[2]f],[%[1]f,%[6]f]]]}},
{"type":"Feature","properties":{"building":"yes"},"geometry":{"type":"Polygon","coordinates":[[[%[1]f,%[2]f],[%[3]f,%[2]f],[%[3]f,%[4]f],[%[1]f,%[2]f]]]}}
]}`, x-0.002, y, x+0.002, y+0.001, y-0.001, y-0.0005)
	path := filepath.Join(dir, "context.geojson")
	if err := os.WriteFile(path, []byte(ctx), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := run(context.Background(), []string{"-compounds", compounds, "-context", path, "-out", out}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<path class="water"`, `<path class="green"`, `<path class="road major"`, `<path class="road minor"`,
		"context.geojson 中有 1 个要素既非道路、水系也非绿地"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the report with -context lacks %q", want)
		}
	}
	err = run(context.Background(), []string{"-compounds", compounds, "-context", filepath.Join(dir, "none.geojson"), "-out", out}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "none.geojson") {
		t.Errorf("a missing -context file: %v", err)
	}
}
