package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/gpkg"
)

// runForTest runs the program and returns its exit code, standard output and error.
func runForTest(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func readFixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "compound-wgs84.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pointsOfDoc lists every position of every feature, in order.
func pointsOfDoc(t *testing.T, text string) []orb.Point {
	t.Helper()
	doc, err := readDocument([]byte(text), readOptions{maxDepth: 32})
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, text)
	}
	var pts []orb.Point
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			pts = append(pts, g)
		case orb.MultiPoint:
			pts = append(pts, g...)
		case orb.LineString:
			pts = append(pts, g...)
		case orb.MultiLineString:
			for _, x := range g {
				walk(x)
			}
		case orb.Polygon:
			for _, x := range g {
				pts = append(pts, x...)
			}
		case orb.MultiPolygon:
			for _, x := range g {
				walk(x)
			}
		case orb.Collection:
			for _, x := range g {
				walk(x)
			}
		}
	}
	for _, f := range doc.features {
		walk(f.geometry)
	}
	return pts
}

func metresApart(a, b orb.Point) float64 {
	const r = 6378137 * math.Pi / 180
	return math.Hypot((a[0]-b[0])*r*math.Cos(b[1]*math.Pi/180), (a[1]-b[1])*r)
}

func TestRoundTripWGS84GCJ02(t *testing.T) {
	in := readFixture(t)
	dir := t.TempDir()
	gcjPath := filepath.Join(dir, "gcj.geojson")
	code, gcj, stderr := runForTest(t, "", "-from", "wgs84", "-to", "gcj02", filepath.Join("testdata", "compound-wgs84.geojson"))
	if code != exitOK {
		t.Fatalf("wgs84→gcj02: exit %d: %s", code, stderr)
	}
	if err := os.WriteFile(gcjPath, []byte(gcj), 0o644); err != nil {
		t.Fatal(err)
	}
	code, back, stderr := runForTest(t, "", "-from", "gcj02", "-to", "wgs84", gcjPath)
	if code != exitOK {
		t.Fatalf("gcj02→wgs84: exit %d: %s", code, stderr)
	}
	want, mid, got := pointsOfDoc(t, in), pointsOfDoc(t, gcj), pointsOfDoc(t, back)
	if len(got) != len(want) || len(mid) != len(want) || len(want) != 18 {
		t.Fatalf("%d points in, %d in GCJ-02, %d back; want 18", len(want), len(mid), len(got))
	}
	var worst float64
	for i := range want {
		if d := metresApart(mid[i], want[i]); d < 100 {
			t.Errorf("point %d moved only %.3g m into GCJ-02", i, d)
		}
		worst = max(worst, metresApart(got[i], want[i]))
	}
	if worst > 1e-3 {
		t.Errorf("round trip moved a point %.3g m, want under 1 mm", worst)
	}
	t.Logf("wgs84→gcj02→wgs84 through files: max error %.3g m", worst)
	// The written GCJ-02 numbers are exactly what the library computes: nothing is rounded.
	for i := range want {
		if w := geo.WGS84ToGCJ02(want[i]); mid[i] != w {
			t.Errorf("point %d written as %.17g, computed %.17g", i, mid[i], w)
		}
	}
}

func TestMembersAndOrderKept(t *testing.T) {
	code, out, stderr := runForTest(t, readFixture(t), "-from", "cgcs2000", "-to", "wgs84")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Identity transform: the output is the input minus its whitespace and stale bboxes.
	want := `{"type":"FeatureCollection","name":"fixture","features":[
{"type":"Feature","id":7,"properties":{"z_last":"字段顺序","a_first":1,"big":1234567890123456789,"nested":{"b":[1,2.50],"a":null}},"geometry":{"type":"Polygon","coordinates":[[[116.347,39.9627],[116.351,39.9626],[116.3511,39.965],[116.3475,39.9651],[116.347,39.9627]],[[116.3488,39.9635],[116.3489,39.9641],[116.3496,39.964],[116.3488,39.9635]]]}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[116.34992005066597,39.9645156308732]},"properties":{"楼栋":"3号楼"}},
{"type":"Feature","properties":null,"geometry":null},
{"type":"Feature","properties":{"k":"multi"},"geometry":{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[116.35,39.96],[116.351,39.961]]},{"type":"MultiLineString","coordinates":[[[116.35,39.96],[116.36,39.97]]]},{"type":"MultiPolygon","coordinates":[[[[116.35,39.96],[116.36,39.96],[116.36,39.97],[116.35,39.96]]]]}]}}
]}
`
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
	if !json.Valid([]byte(out)) {
		t.Error("output is not valid JSON")
	}
}

func TestGK3ChoosesZone(t *testing.T) {
	fixture := readFixture(t)
	tests := []struct {
		name  string
		from  string
		input string
		epsg  string
		check func(t *testing.T, pts []orb.Point)
	}{
		{"Haidian, from WGS84", "wgs84", fixture, "EPSG:4548", func(t *testing.T, pts []orb.Point) {
			// cs2cs -f %.6f EPSG:4490 EPSG:4548 <<< "39.9645156308732 116.34992005066597"
			//   → 4425791.439269 444458.230618
			want := orb.Point{444458.230618, 4425791.439269}
			if d := math.Hypot(pts[9][0]-want[0], pts[9][1]-want[1]); d > 1e-3 {
				t.Errorf("point projects to %.6f, PROJ %.6f", pts[9], want)
			}
		}},
		{"Haidian, from GCJ-02", "gcj02", mustConvert(t, fixture, "-from", "wgs84", "-to", "gcj02"), "EPSG:4548", func(t *testing.T, pts []orb.Point) {
			want := orb.Point{444458.230618, 4425791.439269}
			if d := math.Hypot(pts[9][0]-want[0], pts[9][1]-want[1]); d > 1e-3 {
				t.Errorf("point projects to %.6f, PROJ %.6f", pts[9], want)
			}
		}},
		{"Shanghai People's Square", "cgcs2000", `{"type":"Point","coordinates":[121.4737,31.2304]}`, "EPSG:4549", func(t *testing.T, pts []orb.Point) {
			// cs2cs -f %.6f EPSG:4490 EPSG:4549 <<< "31.2304 121.4737" → 3457455.488582 640412.315037
			want := orb.Point{640412.315037, 3457455.488582}
			if d := math.Hypot(pts[0][0]-want[0], pts[0][1]-want[1]); d > 1e-3 {
				t.Errorf("point projects to %.6f, PROJ %.6f", pts[0], want)
			}
		}},
		// Centre exactly on 118.5°E, the boundary of zones 39 and 40: the eastern zone, CM 120E.
		{"tie at 118.5°E", "wgs84", `{"type":"LineString","coordinates":[[118.4,31],[118.6,31.1]]}`, "EPSG:4549", nil},
		// Centre at 118.49°E: zone 39, CM 117E.
		{"just west of the boundary", "wgs84", `{"type":"LineString","coordinates":[[118.38,31],[118.6,31.1]]}`, "EPSG:4548", nil},
	}
	for _, tc := range tests {
		code, out, stderr := runForTest(t, tc.input, "-from", tc.from, "-to", "gk3")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.name, code, stderr)
		}
		codes := regexp.MustCompile(`EPSG:\d+`).FindAllString(stderr, -1)
		if len(codes) != 1 || codes[0] != tc.epsg {
			t.Errorf("%s: stderr names %v, want %s:\n%s", tc.name, codes, tc.epsg, stderr)
		}
		wantCRS := `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::` + strings.TrimPrefix(tc.epsg, "EPSG:") + `"}}`
		if !strings.Contains(out, wantCRS) {
			t.Errorf("%s: output lacks %s", tc.name, wantCRS)
		}
		if tc.check != nil {
			tc.check(t, pointsOfDoc(t, out))
		}
	}
}

// mustConvert runs the program on input and returns its output.
func mustConvert(t *testing.T, input string, args ...string) string {
	t.Helper()
	code, out, stderr := runForTest(t, input, args...)
	if code != exitOK {
		t.Fatalf("convert %v: exit %d: %s", args, code, stderr)
	}
	return out
}

func TestStdinAndOutputFile(t *testing.T) {
	in := `{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[116.391305,39.907366]}}`
	want := "{\"type\":\"FeatureCollection\",\"features\":[\n" +
		`{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[116.39754616712922,39.90876727272318]}}` +
		"\n]}\n"
	for _, args := range [][]string{{"-from", "wgs84", "-to", "gcj02"}, {"-from", "wgs84", "-to", "gcj02", "-"}} {
		if got := mustConvert(t, in, args...); got != want {
			t.Errorf("%v: got\n%s\nwant\n%s", args, got, want)
		}
	}
	path := filepath.Join(t.TempDir(), "out.geojson")
	if code, out, stderr := runForTest(t, in, "-from", "wgs84", "-to", "gcj02", "-o", path); code != exitOK || out != "" {
		t.Fatalf("-o: exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != want {
		t.Errorf("-o file: %q, %v", b, err)
	}
	// BD-09 of the domain-rules test vector, and the CGCS2000 label.
	bd := pointsOfDoc(t, mustConvert(t, in, "-from", "wgs84", "-to", "bd09"))
	if want := (orb.Point{116.40391904422326, 39.91511071270824}); len(bd) != 1 ||
		math.Abs(bd[0][0]-want[0]) > 1e-12 || math.Abs(bd[0][1]-want[1]) > 1e-12 {
		t.Errorf("bd09: %.17g, want %.17g", bd, want)
	}
	if got := mustConvert(t, in, "-from", "wgs84", "-to", "cgcs2000"); !strings.Contains(got, `"urn:ogc:def:crs:EPSG::4490"`) {
		t.Errorf("cgcs2000 output lacks its crs member: %s", got)
	}
}

func TestSampleRuns(t *testing.T) {
	code, out, stderr := runForTest(t, "")
	if code != exitOK || !strings.Contains(stderr, "embedded sample") {
		t.Fatalf("no arguments: exit %d: %s", code, stderr)
	}
	if pts := pointsOfDoc(t, out); len(pts) != 14 {
		t.Errorf("sample converted to %d points, want 14", len(pts))
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.geojson")
	if err := os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[116,39]}},
		{"type":"Feature","id":"B-2","properties":{},"geometry":{"type":"Polygon","coordinates":[[[116,39],[116,95],[117,39],[116,39]]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		msg   string
	}{
		{"latitude 95", "", []string{"-from", "wgs84", "-to", "gcj02", bad}, exitError,
			"convert: " + bad + ": features[1] (id \"B-2\"): transform WGS 84 (EPSG:4326) to GCJ-02: ring 0 point 1 (116, 95): longitude or latitude out of range: latitude 95 is outside −90…90\n"},
		{"altitude", `{"type":"Point","coordinates":[116,39,50]}`, []string{"-from", "wgs84", "-to", "gcj02"}, exitError,
			"convert: stdin: geometry (Point) coordinates: position [116 39 50] has 3 numbers; this program keeps only x and y, so it refuses to drop the rest (use -drop-z to accept that): not valid GeoJSON\n"},
		{"one number", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[116,39],[117]]}}]}`,
			[]string{"-from", "wgs84", "-to", "gcj02"}, exitError,
			"convert: stdin: features[0]: geometry (LineString) coordinates[1]: position [117] has 1 numbers, want 2: not valid GeoJSON\n"},
		{"not JSON", `{"type":`, []string{"-from", "wgs84", "-to", "gcj02"}, exitError, ""},
		{"missing file", "", []string{"-from", "wgs84", "-to", "gcj02", filepath.Join(dir, "nope.geojson")}, exitError, ""},
		{"outside the zone", `{"type":"MultiPoint","coordinates":[[100,30],[120,30]]}`, []string{"-from", "wgs84", "-to", "gk3"}, exitError, ""},
		{"no coordinates for gk3", `{"type":"FeatureCollection","features":[]}`, []string{"-from", "wgs84", "-to", "gk3"}, exitError,
			"convert: stdin: -to gk3: the data has no coordinates to choose a zone from\n"},
		{"too big", `{"type":"Point","coordinates":[116,39]}`, []string{"-from", "wgs84", "-to", "gcj02", "-max-bytes", "10"}, exitError,
			"convert: stdin: larger than -max-bytes 10\n"},
		{"gpkg without -o", "", []string{"-from", "gcj02", "-to", "gpkg"}, exitUsage,
			"convert: -to gpkg writes a file: give it with -o FILE\n"},
		{"unknown CRS", "", []string{"-from", "mars", "-to", "wgs84"}, exitUsage, ""},
		{"gk3 as input", "", []string{"-from", "gk3", "-to", "wgs84"}, exitUsage, ""},
		{"no -to", "", []string{"-from", "wgs84", "in.geojson"}, exitUsage, ""},
		{"two inputs", "", []string{"-from", "wgs84", "-to", "gcj02", "a", "b"}, exitUsage, ""},
	}
	for _, tc := range tests {
		code, out, stderr := runForTest(t, tc.stdin, tc.args...)
		if code != tc.code || out != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit %d and no output", tc.name, code, out, tc.code)
		}
		if tc.msg != "" && stderr != tc.msg {
			t.Errorf("%s: stderr\n  %s\nwant\n  %s", tc.name, stderr, tc.msg)
		}
		if stderr == "" {
			t.Errorf("%s: nothing on stderr", tc.name)
		}
	}
	// -drop-z accepts the altitude and drops it.
	if got := mustConvert(t, `{"type":"Point","coordinates":[116,39,50]}`, "-from", "wgs84", "-to", "cgcs2000", "-drop-z"); !strings.Contains(got, `"coordinates":[116,39]}`) {
		t.Errorf("-drop-z: %s", got)
	}
}

func TestDeclaredCRSWarning(t *testing.T) {
	in := `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4549"}},"features":[]}`
	_, _, stderr := runForTest(t, in, "-from", "wgs84", "-to", "gcj02")
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "EPSG:4549") {
		t.Errorf("no warning for a file declaring EPSG:4549 read as wgs84: %q", stderr)
	}
	in = `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}`
	if _, _, stderr := runForTest(t, in, "-from", "gcj02", "-to", "wgs84"); stderr != "" {
		t.Errorf("a GCJ-02 file labelled CRS84 (common) warned: %q", stderr)
	}
}

func TestPropertiesForWriters(t *testing.T) {
	doc, err := readDocument([]byte(readFixture(t)), readOptions{maxDepth: 32})
	if err != nil {
		t.Fatal(err)
	}
	props, err := doc.features[0].properties()
	if err != nil {
		t.Fatal(err)
	}
	want := []property{
		{"z_last", "字段顺序"}, {"a_first", json.Number("1")}, {"big", json.Number("1234567890123456789")},
		{"nested", map[string]any{"b": []any{json.Number("1"), json.Number("2.50")}, "a": nil}},
	}
	if d := cmp.Diff(want, props); d != "" {
		t.Errorf("properties (-want +got):\n%s", d)
	}
	if p, err := doc.features[2].properties(); p != nil || err != nil {
		t.Errorf("null properties: %v, %v", p, err)
	}
}

// FuzzReadDocument checks that the reader never panics, and that whatever it accepts is
// written and read back to the same geometries.
func FuzzReadDocument(f *testing.F) {
	f.Add([]byte(`{"type":"Point","coordinates":[116,39]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"properties":{"a":[1,{"b":2}]},"geometry":{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]]]]}}]}`))
	f.Add([]byte(`{"type":"Feature","properties":null,"geometry":{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[]}]}}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1e300,-1e-300],[0,-0]]}}`))
	if b, err := os.ReadFile(filepath.Join("testdata", "compound-wgs84.geojson")); err == nil {
		f.Add(b)
	}
	f.Add(sample)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readDocument(data, readOptions{maxDepth: 8})
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := writeDocument(&buf, doc, ""); err != nil {
			t.Fatalf("writing what the reader accepted: %v", err) // the reader only keeps valid JSON text
		}
		again, err := readDocument(buf.Bytes(), readOptions{maxDepth: 8})
		if err != nil {
			t.Fatalf("output does not read back: %v\n%s", err, buf.Bytes())
		}
		if len(again.features) != len(doc.features) {
			t.Fatalf("%d features, %d after a round trip", len(doc.features), len(again.features))
		}
		for i := range doc.features {
			a, b := doc.features[i].geometry, again.features[i].geometry
			if (a == nil) != (b == nil) || (a != nil && !orb.Equal(a, b)) {
				t.Fatalf("feature %d: %v became %v", i, a, b)
			}
		}
	})
}

// TestFileOutputs converts the WGS84 fixture to a GeoPackage and to KML and reads both back.
func TestFileOutputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join("testdata", "compound-wgs84.geojson")
	want, err := readDocument(mustRead(t, in), readOptions{maxDepth: 32})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ from, srs string }{{"wgs84", "4326"}, {"cgcs2000", "4490"}} {
		path := filepath.Join(dir, "compound-"+tc.from+".gpkg")
		for range 2 { // a second run overwrites the file
			if code, _, stderr := runForTest(t, "", "-from", tc.from, "-to", "gpkg", "-o", path, in); code != exitOK {
				t.Fatalf("gpkg from %s: exit %d: %s", tc.from, code, stderr)
			}
		}
		r, err := gpkg.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		layers, err := r.Layers()
		if err != nil {
			t.Fatal(err)
		}
		fc, err := r.ReadLayer(layers[0].Name)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(layers) != 1 || strconv.Itoa(layers[0].SRSID) != tc.srs || len(fc.Features) != len(want.features) {
			t.Fatalf("gpkg from %s: layers %+v, %d features; want SRS %s and %d features", tc.from, layers, len(fc.Features), tc.srs, len(want.features))
		}
		for i, f := range fc.Features {
			if !orb.Equal(f.Geometry, want.features[i].geometry) {
				t.Errorf("gpkg feature %d geometry changed: %v", i, f.Geometry)
			}
		}
	}
	kmlPath := filepath.Join(dir, "compound.kml")
	if code, _, stderr := runForTest(t, "", "-from", "wgs84", "-to", "kml", "-o", kmlPath, in); code != exitOK {
		t.Fatalf("kml: exit %d: %s", code, stderr)
	}
	b := mustRead(t, kmlPath)
	if n := strings.Count(string(b), "<Placemark"); n != len(want.features) {
		t.Errorf("kml has %d placemarks, want %d", n, len(want.features))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A top-level Feature's legacy "crs" is the document's: it is checked against -from, not copied
// into the output feature, where it would name the input's CRS under the output's.
func TestFeatureCRSMember(t *testing.T) {
	in := `{"type":"Feature","crs":{"type":"name","properties":{"name":"http://www.opengis.net/def/crs/EPSG/0/4548"}},` +
		`"properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[116.4,39.9]}}`
	code, out, stderr := runForTest(t, in, "-from", "wgs84", "-to", "gcj02")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out, "4548") {
		t.Errorf("the input's crs member was copied into the output: %s", out)
	}
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "EPSG:4548") {
		t.Errorf("no warning that the file declares EPSG:4548 but -from is wgs84: %q", stderr)
	}
}
