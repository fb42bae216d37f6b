package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// chromium runs headless Chromium on the page at path (the sample's report.html when empty)
// with the flags a closed machine needs, and returns its standard output.
func chromium(t *testing.T, bin, path string, extra ...string) []byte {
	t.Helper()
	if path == "" {
		path = filepath.Join(sampleOutputs(t), "report.html")
	}
	report, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
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

// probeScript measures, in the page Chromium laid out, the boxes the map test checks, and
// writes them as JSON into the page for --dump-dom to return.
const probeScript = `<script>
(function () {
  function box(el) { var r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; }
  function all(sel, attr) { return Array.prototype.map.call(document.querySelectorAll(sel), function (el) { var b = box(el); b.id = el.getAttribute(attr); return b; }); }
  var out = {
    map: box(document.getElementById('districtmap')),
    legend: box(document.getElementById('maplegend')),
    scale: box(document.getElementById('mapscale')),
    compounds: all('#districtmap path.compound', 'data-id'),
    labels: all('#districtmap text.label', 'data-for'),
    facilities: all('#districtmap .facility', 'data-id'),
    charts: Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (svg) {
      var b = box(svg);
      b.id = svg.getAttribute('aria-label');
      b.texts = Array.prototype.map.call(svg.querySelectorAll('text'), function (t) { var c = box(t); c.id = t.textContent; return c; });
      return b;
    })
  };
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`

type probeBox struct {
	ID         string
	X, Y, W, H float64
	Texts      []probeBox // a chart's texts
}

func (a probeBox) overlaps(b probeBox) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func (a probeBox) inside(b probeBox) bool {
	return a.X >= b.X-1 && a.Y >= b.Y-1 && a.X+a.W <= b.X+b.W+1 && a.Y+a.H <= b.Y+b.H+1
}

// TestReportInBrowser renders report.html in headless Chromium, as a person would open it, and
// checks the page the browser laid out: the legend and the scale sit outside every compound,
// every compound has a label and no two labels overlap, every facility of the data is drawn
// inside the map, the indicators table has its rows; and a screenshot shows the map in the
// coverage colours.
func TestReportInBrowser(t *testing.T) {
	bin := testtool.Command(t, "chromium", "chromium")
	src, err := os.ReadFile(filepath.Join(sampleOutputs(t), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	probed := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(probed, bytes.Replace(src, []byte("</body>"), []byte(probeScript+"</body>"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := string(chromium(t, bin, probed, "--window-size=1280,1800", "--dump-dom"))
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
	m := regexp.MustCompile(`(?s)<pre id="probe">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatal("the probe found no map")
	}
	var probe struct {
		Map, Legend, Scale            probeBox
		Compounds, Labels, Facilities []probeBox
		Charts                        []probeBox
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &probe); err != nil {
		t.Fatalf("probe: %v", err)
	}
	if len(probe.Compounds) != sampleCompounds || probe.Legend.W == 0 || probe.Scale.W == 0 {
		t.Fatalf("probe: %d compounds, legend %+v, scale %+v", len(probe.Compounds), probe.Legend, probe.Scale)
	}
	labelled := map[string]bool{}
	for i, l := range probe.Labels {
		labelled[l.ID] = true
		if !l.inside(probe.Map) {
			t.Errorf("label of %s at %+v lies outside the map %+v", l.ID, l, probe.Map)
		}
		for _, o := range probe.Labels[i+1:] {
			if l.overlaps(o) {
				t.Errorf("labels of %s and %s overlap", l.ID, o.ID)
			}
		}
	}
	for _, c := range probe.Compounds {
		if c.overlaps(probe.Legend) || c.overlaps(probe.Scale) {
			t.Errorf("compound %s's box %+v overlaps the legend %+v or the scale %+v", c.ID, c, probe.Legend, probe.Scale)
		}
		if !labelled[c.ID] {
			t.Errorf("compound %s has no label", c.ID)
		}
	}
	if len(probe.Charts) < 2 {
		t.Errorf("%d charts in the page, want at least 2", len(probe.Charts))
	}
	for _, c := range probe.Charts {
		if len(c.Texts) < 3 {
			t.Errorf("chart %q has %d texts", c.ID, len(c.Texts))
		}
		for _, x := range c.Texts {
			if !x.inside(c) {
				t.Errorf("chart %q: text %q (x %.0f–%.0f, y %.0f–%.0f) is clipped by the chart's box (x %.0f–%.0f, y %.0f–%.0f)",
					c.ID, x.ID, x.X, x.X+x.W, x.Y, x.Y+x.H, c.X, c.X+c.W, c.Y, c.Y+c.H)
			}
		}
	}
	drawn := map[string]bool{}
	for _, f := range probe.Facilities {
		if f.W > 0 && f.H > 0 && f.inside(probe.Map) {
			drawn[f.ID] = true
		}
	}
	if len(drawn) != sampleFacilities {
		t.Errorf("%d facilities drawn inside the map, want all %d of the data", len(drawn), sampleFacilities)
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	chromium(t, bin, "", "--window-size=1280,1800", "--screenshot="+shot)
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
	if seen[mapBackground] < 50000 {
		t.Errorf("the map's background covers %d pixels; the map is missing from the screenshot", seen[mapBackground])
	}
	// The legend's part of the screenshot holds the coverage swatches and no map.
	legend := colourCounts(img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(int(probe.Legend.X), int(probe.Legend.Y), int(probe.Legend.X+probe.Legend.W), int(probe.Legend.Y+probe.Legend.H))))
	if legend[mapBackground] > 0 {
		t.Errorf("the legend's box shows %d pixels of the map's background", legend[mapBackground])
	}
	if legend[coverageRamp[0]] == 0 {
		t.Error("the legend's box shows no coverage swatch")
	}
}

// TestReportPrints prints report.html to PDF with Chromium, as a street office would, and
// reads it back with pdftotext: every row of every table must be in it, and the pages A4.
func TestReportPrints(t *testing.T) {
	bin := testtool.Command(t, "chromium", "chromium")
	pdftotext := testtool.Command(t, "pdftotext", "poppler-utils")
	pdf := filepath.Join(t.TempDir(), "report.pdf")
	chromium(t, bin, "", "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := squeeze(string(out))
	src, err := os.ReadFile(filepath.Join(sampleOutputs(t), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	tables := regexp.MustCompile(`(?s)<table class="data" data-sheet="([^"]+)">(.*?)</table>`).FindAllStringSubmatch(string(src), -1)
	if len(tables) < 9 {
		t.Fatalf("%d tables in the report", len(tables))
	}
	cellRE := regexp.MustCompile(`(?s)<t[dh][^>]*>(.*?)</t[dh]>`)
	rows, missing := 0, 0
	for _, tb := range tables {
		for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(tb[2], -1) {
			rows++
			var row strings.Builder
			for _, c := range cellRE.FindAllStringSubmatch(tr[1], -1) {
				row.WriteString(html.UnescapeString(c[1]))
			}
			if want := squeeze(row.String()); !strings.Contains(text, want) {
				if missing++; missing <= 5 {
					t.Errorf("the printed report lacks a row of %s: %q", tb[1], want)
				}
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d table rows are missing from the printed report", missing, rows)
	}
	if pdfinfo, err := exec.LookPath("pdfinfo"); err == nil { // poppler-utils, as pdftotext
		info, err := exec.Command(pdfinfo, "-f", "1", "-l", "1000", pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		sizes := regexp.MustCompile(`(?m)^Page +\d+ size: +([\d.]+) x ([\d.]+) pts`).FindAllStringSubmatch(string(info), -1)
		landscape := 0
		for i, m := range sizes {
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			a4 := func(a, b float64) bool { return math.Abs(a-595.3) < 2 && math.Abs(b-841.9) < 2 }
			switch {
			case a4(w, h):
			case a4(h, w):
				landscape++
			default:
				t.Errorf("page %d is %s × %s pt, not A4", i+1, m[1], m[2])
			}
		}
		if len(sizes) == 0 || landscape == 0 {
			t.Errorf("%d pages, %d landscape: the map should print on a landscape page of its own", len(sizes), landscape)
		}
	}
}

// squeeze drops the white space that line breaks and cell padding put into extracted text.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
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
