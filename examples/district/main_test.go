package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

func TestSampleTable(t *testing.T) {
	var out strings.Builder
	if err := run(nil, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"陆家嘴样例片区", "乳山二村", "合计 total", "7072", "not real people", "© OpenStreetMap contributors"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func TestSampleJSON(t *testing.T) {
	var out strings.Builder
	if err := run([]string{"-sample", "bupt", "-json"}, &out); err != nil {
		t.Fatal(err)
	}
	var r struct {
		District  string
		Compounds []struct {
			Name       string `json:"name"`
			Households int    `json:"households"`
		}
		Total struct {
			Buildings, Households int
			Area                  string `json:"exclusive_area_m2"`
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, c := range r.Compounds {
		sum += c.Households
	}
	if len(r.Compounds) != 3 || r.Total.Buildings != 29 || r.Total.Households != 1460 || sum != r.Total.Households {
		t.Errorf("bupt: %d compounds, %d buildings, %d households (compounds sum to %d)", len(r.Compounds), r.Total.Buildings, r.Total.Households, sum)
	}
}

// TestOwnFiles runs the example on files a user would bring: the BUPT sample written out.
func TestOwnFiles(t *testing.T) {
	files, err := sample.Files(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"compounds.geojson", "buildings.geojson", "households.csv"} {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	args := []string{"-compounds", filepath.Join(dir, "compounds.geojson"), "-buildings", filepath.Join(dir, "buildings.geojson"),
		"-households", filepath.Join(dir, "households.csv"), "-json"}
	if err := run(args, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"households": 1460`) {
		t.Errorf("own files: %s", out.String())
	}
	// A roster row naming a building the map does not have is reported with its row.
	bad := "小区,楼栋,单元,户号,楼层,建筑面积\n北邮家属区（一）,no-such,1,0101,1,50\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	args[5] = filepath.Join(dir, "bad.csv")
	err = run(args, &out)
	if err == nil || !strings.Contains(err.Error(), `bad.csv row 2 column 楼栋: building "no-such" is not among the 23 mapped buildings of compound 北邮家属区（一）`) {
		t.Errorf("bad roster: %v", err)
	}
	if err := run([]string{"-households", "h.csv"}, &out); err == nil || !strings.Contains(err.Error(), "need -compounds") {
		t.Errorf("households without compounds: %v", err)
	}
}
