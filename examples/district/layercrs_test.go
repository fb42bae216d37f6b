package main

import (
	"context"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// TestLayerCRSFlag: -layer-crs is parsed into the options, and a bad one is an error naming
// the problem.
func TestLayerCRSFlag(t *testing.T) {
	o, err := parseFlags([]string{"-compounds", "c.geojson", "-facilities", "f.gpkg", "-crs", "gcj02", "-layer-crs", "设施=wgs84, compounds=bd09"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]geo.CRS{"facilities": geo.WGS84, "compounds": geo.BD09}, o.layerCRS, cmp.Comparer(func(a, b geo.CRS) bool { return a == b })); diff != "" {
		t.Errorf("layer CRS (-want +got):\n%s", diff)
	}
	for _, c := range []struct {
		arg, msg string
	}{
		{"facility=wgs84", `-layer-crs: "facility=wgs84": "facility" is not a layer role`},
		{"facilities=mars", `-layer-crs: "facilities=mars": `},
		{"facilities:wgs84", `is not ROLE=CRS`},
		{"gates=wgs84", "this program reads no gates layer"},
		{"buildings=gcj02", "it names the buildings layer, but no -buildings file is given"},
	} {
		_, err := parseFlags([]string{"-compounds", "c.geojson", "-facilities", "f.gpkg", "-layer-crs", c.arg}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("-layer-crs %s: %v, want an error with %q", c.arg, err, c.msg)
		}
	}
}

// TestLayerCRSLoads: the BUPT sample's facilities written in GCJ-02 beside its WGS84
// compounds land where the sample has them with -layer-crs facilities=gcj02, and hundreds of
// metres off without it.
func TestLayerCRSLoads(t *testing.T) {
	files, err := sample.Files(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"compounds.geojson", "facilities.geojson"} {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "facilities.geojson" {
			fc, err := geojson.UnmarshalFeatureCollection(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fc.Features {
				if f.Geometry, err = geo.Transform(f.Geometry, geo.WGS84, geo.GCJ02); err != nil {
					t.Fatal(err)
				}
			}
			if b, err = fc.MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := sample.Load(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		layerCRS string
		right    bool
	}{{"facilities=gcj02", true}, {"", false}} {
		o, err := parseFlags([]string{"-compounds", filepath.Join(dir, "compounds.geojson"), "-facilities", filepath.Join(dir, "facilities.geojson"), "-layer-crs", c.layerCRS}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := loadDistrict(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Facilities) != len(want.Facilities) {
			t.Fatalf("%d facilities, want %d", len(d.Facilities), len(want.Facilities))
		}
		worst := 0.0
		for i, f := range d.Facilities {
			a, b := f.Location.Bound().Center(), want.Facilities[i].Location.Bound().Center()
			worst = math.Max(worst, geo.Distance(a, b))
		}
		if right := worst < 0.01; right != c.right {
			t.Errorf("-layer-crs %q: facilities up to %.3f m from the sample's", c.layerCRS, worst)
		}
	}
}
