package main

import (
	"context"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// TestNameAndUnknownAges runs the example on a planner's own files whose roster gives no
// ages: the title names the district (-name, else the folder), and the households with an
// elderly resident show as 未知, not 0.
func TestNameAndUnknownAges(t *testing.T) {
	files, err := sample.Files(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "海淀北邮")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"compounds.geojson", "buildings.geojson", "facilities.geojson"} {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "compounds.geojson" { // a planner's file names no district
			b = regexp.MustCompile(`"name":"北邮家属区样例 BUPT staff housing sample",`).ReplaceAll(b, nil)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The roster without its 最大年龄 column.
	b, err := fs.ReadFile(files, "households.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	age := -1
	for i, h := range rows[0] {
		if h == "最大年龄" {
			age = i
		}
	}
	if age < 0 {
		t.Fatal("the sample roster has no 最大年龄 column")
	}
	var out strings.Builder
	w := csv.NewWriter(&out)
	for _, r := range rows {
		w.Write(append(append([]string(nil), r[:age]...), r[age+1:]...))
	}
	w.Flush()
	if err := os.WriteFile(filepath.Join(dir, "households.csv"), []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := func(extra ...string) []string {
		return append([]string{"-compounds", filepath.Join(dir, "compounds.geojson"), "-buildings", filepath.Join(dir, "buildings.geojson"),
			"-facilities", filepath.Join(dir, "facilities.geojson"), "-households", filepath.Join(dir, "households.csv")}, extra...)
	}
	title := func(page string) string {
		m := regexp.MustCompile(`<title>(.*?)</title>`).FindStringSubmatch(page)
		if m == nil {
			return ""
		}
		return m[1]
	}
	for _, c := range []struct {
		extra []string
		want  string
	}{
		{[]string{"-name", "北邮家属区改造"}, "北邮家属区改造 · 老旧小区改造分析报告"},
		{nil, "海淀北邮 · 老旧小区改造分析报告"}, // the data name no district: the folder does
	} {
		outDir := filepath.Join(t.TempDir(), "out")
		if err := run(context.Background(), args(append(c.extra, "-out", outDir)...), io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(outDir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := title(string(page)); got != c.want {
			t.Errorf("%v: title %q, want %q", c.extra, got, c.want)
		}
		table := regexp.MustCompile(`(?s)<table class="data" data-sheet="小区概况">.*?</table>`).FindString(string(page))
		rows := regexp.MustCompile(`(?s)<tbody>.*</tbody>`).FindString(table)
		// Every row but that of way/1377379914, a compound with no households.
		if n, want := strings.Count(rows, "<td>未知</td></tr>"), strings.Count(rows, "<tr>")-1; n != want {
			t.Errorf("%d of %d rows of 小区概况 show 未知 for the households with elderly residents:\n%s", n, want, rows)
		}
		if !strings.Contains(string(page), "花名册未给出年龄") {
			t.Error("the report does not say that the roster gives no ages")
		}
	}
}
