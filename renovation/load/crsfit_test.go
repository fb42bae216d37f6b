package load_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation/load"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// writeShifted writes the sample's layer into dir with its coordinates converted from WGS84
// to crs, and returns its path.
func writeShifted(t *testing.T, files fs.FS, dir, name string, crs geo.CRS) string {
	t.Helper()
	b, err := fs.ReadFile(files, name)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if f.Geometry, err = geo.Transform(f.Geometry, geo.WGS84, crs); err != nil {
			t.Fatal(err)
		}
	}
	if b, err = fc.MarshalJSON(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, crsKey(crs)+"-"+name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mapFile(t *testing.T, files fs.FS, name string) *fstest.MapFile {
	t.Helper()
	b, err := fs.ReadFile(files, name)
	if err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: b}
}

func crsKey(c geo.CRS) string { b, _ := c.MarshalText(); return string(b) }

// TestCRSFitWarning: a buildings or facilities layer in another CRS than it is read in (the
// Lujiazui sample's, shifted in the test) is warned about, naming the layer and the likely
// CRS; the layers read right are not. The sample's own facilities (OpenStreetMap POIs, half
// of them over 550 m from any compound) are too spread out for a 500 m offset to show, so the
// facilities here are community facilities at the sample's buildings ("service"), as a street
// office's list of 社区服务站 and 养老驿站 inside the compounds would be.
func TestCRSFitWarning(t *testing.T) {
	files, err := sample.Files(sample.Lujiazui)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(files, "buildings.geojson")
	if err != nil {
		t.Fatal(err)
	}
	bs, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	service := geojson.NewFeatureCollection()
	for i, f := range bs.Features {
		if i%3 == 0 {
			s := geojson.NewFeature(f.Geometry.Bound().Center())
			s.Properties = geojson.Properties{"id": fmt.Sprint("s", i), "kind": "elderly_care"}
			service.Append(s)
		}
	}
	if b, err = service.MarshalJSON(); err != nil {
		t.Fatal(err)
	}
	files = fstest.MapFS{"service.geojson": &fstest.MapFile{Data: b}, "compounds.geojson": mapFile(t, files, "compounds.geojson"),
		"buildings.geojson": mapFile(t, files, "buildings.geojson"), "facilities.geojson": mapFile(t, files, "facilities.geojson")}
	dir := t.TempDir()
	layer := func(name string, c geo.CRS) string { return writeShifted(t, files, dir, name+".geojson", c) }
	for _, c := range []struct {
		name     string
		o        load.Options
		warnings []string // the fit warnings: file and the CRS named
	}{
		{"all right", load.Options{Compounds: layer("compounds", geo.WGS84), Buildings: layer("buildings", geo.WGS84), Facilities: layer("facilities", geo.WGS84)}, nil},
		{"all in GCJ-02, read so", load.Options{Compounds: layer("compounds", geo.GCJ02), Buildings: layer("buildings", geo.GCJ02), Facilities: layer("facilities", geo.GCJ02), CRS: geo.GCJ02}, nil},
		{"buildings in GCJ-02 read as WGS84", load.Options{Compounds: layer("compounds", geo.WGS84), Buildings: layer("buildings", geo.GCJ02), Facilities: layer("facilities", geo.WGS84)},
			[]string{layer("buildings", geo.GCJ02) + " gcj02"}},
		{"services right", load.Options{Compounds: layer("compounds", geo.WGS84), Facilities: layer("service", geo.WGS84)}, nil},
		{"services in BD-09 read as WGS84", load.Options{Compounds: layer("compounds", geo.WGS84), Buildings: layer("buildings", geo.WGS84), Facilities: layer("service", geo.BD09)},
			[]string{layer("service", geo.BD09) + " bd09"}},
		{"services in WGS84 read as GCJ-02 (issue 12)", load.Options{Compounds: layer("compounds", geo.GCJ02), Buildings: layer("buildings", geo.GCJ02), Facilities: layer("service", geo.WGS84), CRS: geo.GCJ02},
			[]string{layer("service", geo.WGS84) + " wgs84"}},
		{"the same with the layer's CRS", load.Options{Compounds: layer("compounds", geo.GCJ02), Buildings: layer("buildings", geo.GCJ02), Facilities: layer("service", geo.WGS84), CRS: geo.GCJ02,
			LayerCRS: map[string]geo.CRS{"facilities": geo.WGS84}}, nil},
		{"buildings in BD-09 read as GCJ-02", load.Options{Compounds: layer("compounds", geo.GCJ02), Buildings: layer("buildings", geo.BD09), Facilities: layer("facilities", geo.GCJ02), CRS: geo.GCJ02},
			[]string{layer("buildings", geo.BD09) + " bd09"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, rep, err := load.District(context.Background(), c.o)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range rep.Warnings {
				if file, rest, ok := strings.Cut(w, ": "); ok && strings.Contains(rest, "fit the compounds far better") {
					_, crs, _ := strings.Cut(rest, "is its CRS ")
					crs, _, _ = strings.Cut(crs, ",")
					got = append(got, file+" "+crs)
				}
			}
			if diff := cmp.Diff(c.warnings, got); diff != "" {
				t.Errorf("fit warnings (-want +got):\n%s\nall warnings: %q", diff, rep.Warnings)
			}
		})
	}
}
