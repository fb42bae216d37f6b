package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// planner writes a small district's files with the given property names, facility kind and
// roster tenure header, and returns the command line that reads them.
func planner(t *testing.T, built, storeys, kind, tenure string) []string {
	t.Helper()
	dir := t.TempDir()
	sq := func(x0, y0, d float64) string {
		return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[1]g,%[2]g],[%[3]g,%[2]g],[%[3]g,%[4]g],[%[1]g,%[4]g],[%[1]g,%[2]g]]]}`, x0, y0, x0+d, y0+d)
	}
	files := map[string]string{
		"compounds.geojson": `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"c1","name":"北苑","` + built + `":1986},"geometry":` + sq(121.5, 31.2, 0.002) + `}]}`,
		"buildings.geojson": `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1","compound":"c1","` + storeys + `":6},"geometry":` + sq(121.5005, 31.2005, 0.0003) + `}]}`,
		"facilities.geojson": `{"type":"FeatureCollection","features":[` +
			`{"type":"Feature","properties":{"id":"f1","类型":"` + kind + `"},"geometry":{"type":"Point","coordinates":[121.501,31.2025]}},` +
			`{"type":"Feature","properties":{"id":"f2","类型":"幼儿园"},"geometry":{"type":"Point","coordinates":[121.501,31.2026]}}]}`,
		"roster.csv": "户号,小区,楼栋,单元,楼层,建筑面积," + tenure + "\n0301,c1,1,1,3,56.30,出租\n0501,c1,1,1,5,48.75,人户合一\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := func(n string) string { return filepath.Join(dir, n) }
	return []string{"-compounds", p("compounds.geojson"), "-buildings", p("buildings.geojson"), "-facilities", p("facilities.geojson"),
		"-households", p("roster.csv"), "-out", filepath.Join(dir, "out")}
}

// runPlanner runs the example on args; it returns the JSON report with the files' folder
// taken out, standard error, and the report.html text.
func runPlanner(t *testing.T, args []string) (string, string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append(args, "-json"), &out, &errb)
	dir := filepath.Dir(args[1])
	html, _ := os.ReadFile(filepath.Join(dir, "out", "report.html"))
	return strings.ReplaceAll(out.String(), dir+string(filepath.Separator), ""), errb.String(), string(html), err
}

// Issue 12's table, rows 1–4, through the example: a synonym gives the same report as the
// correct name (and passes -strict); an unknown name is on standard error and in the
// report's 说明, and -strict fails.
func TestPlannersNames(t *testing.T) {
	want, _, _, err := runPlanner(t, planner(t, "建成年份", "层数", "养老服务设施", "居住情况"))
	if err != nil {
		t.Fatal(err)
	}
	rows := []struct {
		row                          string
		built, storeys, kind, tenure string
		note                         string // empty: read as a synonym
	}{
		{"建成年代", "建成年代", "层数", "养老服务设施", "居住情况", ""},
		{"楼层数", "建成年份", "楼层数", "养老服务设施", "居住情况", ""},
		{"居住状况", "建成年份", "层数", "养老服务设施", "居住状况", ""},
		{"社区养老驿站", "建成年份", "层数", "社区养老驿站", "居住情况", ""},
		{"建成年月", "建成年月", "层数", "养老服务设施", "居住情况", `property "建成年月" is not read (1 feature) — did you mean "建成年份"?`},
		{"层高", "建成年份", "层高", "养老服务设施", "居住情况", `property "层高" is not read (1 feature) — did you mean "层数"?`},
		{"居住情形", "建成年份", "层数", "养老服务设施", "居住情形", `column "居住情形" is not read — did you mean "居住情况"?`},
		{"诊所", "建成年份", "层数", "诊所", "居住情况", `类型 "诊所" is not a known value (1 feature): "诊所" is ambiguous`},
	}
	for _, tc := range rows {
		t.Run(tc.row, func(t *testing.T) {
			args := planner(t, tc.built, tc.storeys, tc.kind, tc.tenure)
			got, stderr, html, err := runPlanner(t, args)
			if err != nil {
				t.Fatal(err)
			}
			_, _, _, strictErr := runPlanner(t, append(args, "-strict"))
			if tc.note == "" {
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("report differs from the correctly named one (-want +got):\n%s", diff)
				}
				if strictErr != nil {
					t.Errorf("-strict: %v", strictErr)
				}
				return
			}
			if !strings.Contains(stderr, tc.note) {
				t.Errorf("stderr lacks %s:\n%s", tc.note, stderr)
			}
			if !strings.Contains(html, strings.ReplaceAll(tc.note, `"`, "&#34;")) {
				t.Errorf("report.html lacks %s", tc.note)
			}
			if strictErr == nil || !strings.Contains(strictErr.Error(), tc.note) {
				t.Errorf("-strict: %v", strictErr)
			}
		})
	}
}
