package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xiaoqu/xiaoqu/geo/gpkg"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
	"github.com/xuri/excelize/v2"
)

// The Lujiazui sample's shape, which the outputs must reflect.
const (
	sampleCompounds  = 18
	sampleBuildings  = 156
	sampleFacilities = 113
)

var (
	once   sync.Once
	outDir string
	outErr error
	stdout string
)

// sampleOutputs runs the example once on the Lujiazui sample and returns its folder.
func sampleOutputs(t *testing.T) string {
	t.Helper()
	once.Do(func() {
		dir, err := os.MkdirTemp("", "district-test-")
		if err != nil {
			outErr = err
			return
		}
		outDir = filepath.Join(dir, "out")
		var out strings.Builder
		outErr = run(context.Background(), []string{"-out", outDir}, &out, io.Discard)
		stdout = out.String()
	})
	if outErr != nil {
		t.Fatal(outErr)
	}
	return outDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if outDir != "" {
		os.RemoveAll(filepath.Dir(outDir))
	}
	os.Exit(code)
}

func TestSummaryAndFiles(t *testing.T) {
	dir := sampleOutputs(t)
	for _, want := range []string{"陆家嘴样例片区", "18 compounds, 156 buildings, 7072 households", "elevator candidates:", "wrote:",
		filepath.Join(dir, "report.html"), filepath.Join(dir, "district.kml")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}

func TestReportHTML(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sampleOutputs(t), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if n := strings.Count(page, `<path class="compound"`); n != sampleCompounds {
		t.Errorf("%d compound paths in the map, want one per compound (%d)", n, sampleCompounds)
	}
	// Self-contained: nothing is fetched when the page is opened.
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).FindString(page); m != "" {
		t.Errorf("report.html loads something from the network: %s", m)
	}
	// The sample's tiles end at 121.5208°E and 31.2264°N: the compounds there are cut, and the
	// map says so.
	if !regexp.MustCompile(`数据范围在红色虚线处截断：梅一小区、梅园三街坊、osm-50323218、osm-406771006、osm-497032154 的边界`).MatchString(page) {
		t.Error("the map does not name the compounds the data's extent cuts")
	}
	for _, want := range []string{"小区指标 Compound indicators", "生活圈覆盖", "加装电梯", "改造预算", "乳山二村", "© OpenStreetMap contributors", "模拟数据"} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

func TestXLSX(t *testing.T) {
	f, err := excelize.OpenFile(filepath.Join(sampleOutputs(t), "district.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	for _, want := range []string{"小区概况", "小区指标", "改造资格", "实施范围", "生活圈覆盖", "设施缺口", "加装电梯", "电梯分摊", "改造预算", "说明"} {
		if !strings.Contains(strings.Join(sheets, ","), want) {
			t.Errorf("no sheet %s in %v", want, sheets)
		}
	}
	rows, err := f.GetRows("小区指标")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < sampleCompounds+2 || rows[0][0] != "小区" || rows[0][5] != "容积率" {
		t.Fatalf("小区指标 has %d rows, header %v", len(rows), rows[0])
	}
	// Numbers are numbers, so a planner can sum them.
	// (OOXML writes a number without a type attribute, which excelize reports as Unset; text
	// gets a string type.)
	numeric := func(cell string) bool {
		typ, err := f.GetCellType("小区指标", cell)
		if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			return false
		}
		v, err := f.GetCellValue("小区指标", cell, excelize.Options{RawCellValue: true})
		_, perr := strconv.ParseFloat(v, 64)
		return err == nil && perr == nil
	}
	if !numeric("B2") || !numeric("F2") {
		t.Error("site area and FAR cells are not numbers")
	}
	if numeric("A2") {
		t.Error("the compound name cell reads as a number; the check cannot tell text from numbers")
	}
	if v, _ := f.GetCellValue("小区指标", "A2"); v != "三航小区" {
		t.Errorf("first compound %q", v)
	}
}

func TestGeoPackageAndKML(t *testing.T) {
	dir := sampleOutputs(t)
	r, err := gpkg.Open(filepath.Join(dir, "district.gpkg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	layers, err := r.Layers()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, l := range layers {
		got[l.Name] = l.Count
		if l.SRSID != 4490 {
			t.Errorf("layer %s SRS %d, want 4490", l.Name, l.SRSID)
		}
	}
	if got["compounds"] != sampleCompounds || got["buildings"] != sampleBuildings || got["facilities"] != sampleFacilities || got["gaps"] == 0 {
		t.Errorf("layers %v", got)
	}
}

// TestKMLStyledLikeTheMap reads district.kml back: a folder per layer, compounds coloured in
// the map's coverage colours, one folder and one icon per facility kind, every facility of
// the data, and a description balloon on every placemark.
func TestKMLStyledLikeTheMap(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sampleOutputs(t), "district.kml"))
	if err != nil {
		t.Fatal(err)
	}
	var k struct {
		Document struct {
			Styles []struct {
				ID        string `xml:"id,attr"`
				IconColor string `xml:"IconStyle>color"`
				IconHref  string `xml:"IconStyle>Icon>href"`
				PolyColor string `xml:"PolyStyle>color"`
			} `xml:"Style"`
			Folders []struct {
				Name       string `xml:"name"`
				Placemarks []struct {
					Name        string `xml:"name"`
					StyleURL    string `xml:"styleUrl"`
					Description string `xml:"description"`
				} `xml:"Placemark"`
			} `xml:"Folder"`
		} `xml:"Document"`
	}
	if err := xml.Unmarshal(b, &k); err != nil {
		t.Fatal(err)
	}
	styles := map[string]int{}
	for i, s := range k.Document.Styles {
		styles["#"+s.ID] = i
	}
	// KML colours are aabbggrr.
	rgb := func(aabbggrr string) string {
		if len(aabbggrr) != 8 {
			return aabbggrr
		}
		return "#" + aabbggrr[6:8] + aabbggrr[4:6] + aabbggrr[2:4]
	}
	ramp := map[string]bool{}
	for _, c := range coverageRamp {
		ramp[c] = true
	}
	folders := k.Document.Folders
	if len(folders) < 4 || !strings.HasPrefix(folders[0].Name, "小区") || !strings.HasPrefix(folders[1].Name, "楼栋") {
		t.Fatalf("folders %d, first %q", len(folders), folders[0].Name)
	}
	colours := map[string]bool{}
	icons := map[string]string{}
	facilities := 0
	for _, f := range folders {
		for _, p := range f.Placemarks {
			i, ok := styles[p.StyleURL]
			if !ok {
				t.Errorf("%s: placemark %q has no style", f.Name, p.Name)
				continue
			}
			if !strings.Contains(p.Description, "<table>") {
				t.Errorf("%s: placemark %q has no description balloon", f.Name, p.Name)
			}
			s := k.Document.Styles[i]
			switch {
			case strings.HasPrefix(f.Name, "小区"):
				if !ramp[rgb(s.PolyColor)] {
					t.Errorf("compound %q is filled %s, not a coverage colour of the map", p.Name, rgb(s.PolyColor))
				}
				colours[rgb(s.PolyColor)] = true
			case strings.HasPrefix(f.Name, "设施："):
				facilities++
				if s.IconHref == "" {
					t.Errorf("facility %q has no icon", p.Name)
				}
				if other, ok := icons[s.IconHref]; ok && other != f.Name {
					t.Errorf("folders %s and %s share the icon %s", other, f.Name, s.IconHref)
				}
				icons[s.IconHref] = f.Name
			}
		}
	}
	if len(folders[0].Placemarks) != sampleCompounds || len(folders[1].Placemarks) != sampleBuildings || facilities != sampleFacilities {
		t.Errorf("%d compounds, %d buildings, %d facilities in the KML; want %d, %d, %d",
			len(folders[0].Placemarks), len(folders[1].Placemarks), facilities, sampleCompounds, sampleBuildings, sampleFacilities)
	}
	if len(colours) < 2 || len(icons) < 5 {
		t.Errorf("%d compound colours and %d facility icons: the KML is not styled like the map", len(colours), len(icons))
	}
}

// TestDeterministic runs the example twice: the same district gives the same files.
func TestDeterministic(t *testing.T) {
	first := sampleOutputs(t)
	second := filepath.Join(t.TempDir(), "out")
	if err := run(context.Background(), []string{"-out", second}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.html", "district.gpkg", "district.kml", "district.xlsx"} {
		a, errA := os.ReadFile(filepath.Join(first, name))
		b, errB := os.ReadFile(filepath.Join(second, name))
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v, %v", name, errA, errB)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestOwnFiles runs the example on files a user would bring: the BUPT sample written out.
func TestOwnFiles(t *testing.T) {
	files, err := sample.Files(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"compounds.geojson", "buildings.geojson", "facilities.geojson", "households.csv"} {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A building far from every compound and naming none: the loader leaves it out, and the
	// report must say so.
	bpath := filepath.Join(dir, "buildings.geojson")
	bjs, err := os.ReadFile(bpath)
	if err != nil {
		t.Fatal(err)
	}
	stray := `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[116.30,39.90],[116.3003,39.90],[116.3003,39.9003],[116.30,39.9003],[116.30,39.90]]]},"properties":{"id":"stray","storeys":6}},` + "\n"
	bjs = bytes.Replace(bjs, []byte(`"features":[`+"\n"), []byte(`"features":[`+"\n"+stray), 1)
	if err := os.WriteFile(bpath, bjs, 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	args := []string{"-compounds", filepath.Join(dir, "compounds.geojson"), "-buildings", filepath.Join(dir, "buildings.geojson"),
		"-facilities", filepath.Join(dir, "facilities.geojson"), "-households", filepath.Join(dir, "households.csv"), "-out", filepath.Join(dir, "out")}
	if err := run(context.Background(), args, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "3 compounds, 29 buildings, 1460 households") {
		t.Errorf("own files: %s", out.String())
	}
	page, err := os.ReadFile(filepath.Join(dir, "out", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `building &#34;stray&#34; (feature 0) lies in no compound: left out`) {
		t.Error("the report does not say that the stray building was left out")
	}
	if strings.Contains(string(page), "模拟数据 Generated data") {
		t.Error("the report's banner about generated sample data shows for the user's own files")
	}
	bad := "小区,楼栋,单元,户号,楼层,建筑面积\n北邮家属区（一）,no-such,1,0101,1,50\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	args[7] = filepath.Join(dir, "bad.csv")
	err = run(context.Background(), args, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `bad.csv row 2 column 楼栋: building "no-such" is not among the 23 mapped buildings of compound 北邮家属区（一）`) {
		t.Errorf("bad roster: %v", err)
	}
	if err := run(context.Background(), []string{"-households", "h.csv"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "need -compounds") {
		t.Errorf("households without compounds: %v", err)
	}
}

// TestJSON: -json prints the analyses, in place of the summary.
func TestJSON(t *testing.T) {
	out := string(defaultJSON(t))
	var v struct {
		District   string `json:"district"`
		Indicators struct {
			Compounds []json.RawMessage `json:"compounds"`
		} `json:"indicators"`
		Elevators struct {
			Summary struct {
				Stairwells int `json:"stairwells"`
			} `json:"summary"`
		} `json:"elevator_plans"`
		Budget json.RawMessage `json:"programme_budget"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("-json output: %v", err)
	}
	if v.District == "" || len(v.Indicators.Compounds) != sampleCompounds || v.Elevators.Summary.Stairwells == 0 || len(v.Budget) == 0 {
		t.Errorf("-json: district %q, %d compounds, %d stairwells", v.District, len(v.Indicators.Compounds), v.Elevators.Summary.Stairwells)
	}
	if strings.Contains(out, "wrote:") {
		t.Error("-json also printed the summary")
	}
}
