package load_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// TestDistrictLayerCRS loads the fixture with its layers in different coordinate systems —
// compounds in GCJ-02 as Amap gives them, facilities in WGS84, buildings in BD-09 — and
// checks that with each layer's CRS given every measure agrees with the all-WGS84 original,
// and that each layer says where its CRS came from.
func TestDistrictLayerCRS(t *testing.T) {
	f := newFixture(orb.Point{121.5, 31.2})
	orig, _, err := load.District(context.Background(), options(f.write(t, t.TempDir(), geo.WGS84, "")))
	if err != nil {
		t.Fatal(err)
	}
	gcj := f.write(t, t.TempDir(), geo.GCJ02, "")
	wgs := f.write(t, t.TempDir(), geo.WGS84, "")
	bd := f.write(t, t.TempDir(), geo.BD09, "")
	wgsDeclared := f.write(t, t.TempDir(), geo.WGS84, "urn:ogc:def:crs:EPSG::4326")
	for _, c := range []struct {
		name     string
		files    map[string]string // role → path
		crs      geo.CRS
		layerCRS map[string]geo.CRS
		from     map[string]string // role → CRSFrom
	}{
		{"per layer over a global CRS", map[string]string{"compounds": gcj["compounds"], "buildings": bd["buildings"], "facilities": wgs["facilities"], "green": gcj["green"], "zones": gcj["zones"]},
			geo.GCJ02, map[string]geo.CRS{"facilities": geo.WGS84, "buildings": geo.BD09},
			map[string]string{"compounds": load.FromOption, "buildings": load.FromLayerOption, "facilities": load.FromLayerOption, "green": load.FromOption, "zones": load.FromOption}},
		{"per layer over the default", map[string]string{"compounds": gcj["compounds"], "buildings": wgs["buildings"], "facilities": wgs["facilities"], "green": wgs["green"], "zones": wgs["zones"]},
			geo.CRS{}, map[string]geo.CRS{"compounds": geo.GCJ02},
			map[string]string{"compounds": load.FromLayerOption, "buildings": load.FromDefault, "facilities": load.FromDefault, "green": load.FromDefault, "zones": load.FromDefault}},
		{"per layer agreeing with the file", map[string]string{"compounds": gcj["compounds"], "buildings": gcj["buildings"], "facilities": wgsDeclared["facilities"], "green": gcj["green"], "zones": gcj["zones"]},
			geo.GCJ02, map[string]geo.CRS{"facilities": geo.CGCS2000},
			map[string]string{"compounds": load.FromOption, "buildings": load.FromOption, "facilities": load.FromLayerOption, "green": load.FromOption, "zones": load.FromOption}},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := options(c.files)
			o.CRS, o.LayerCRS = c.crs, c.layerCRS
			d, rep, err := load.District(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			from := map[string]string{}
			for _, l := range rep.Layers {
				from[l.Role] = l.CRSFrom
			}
			if diff := cmp.Diff(c.from, from); diff != "" {
				t.Errorf("CRS from (-want +got):\n%s", diff)
			}
			if len(rep.Warnings) > 0 {
				t.Errorf("warnings: %q", rep.Warnings)
			}
			close(t, c.name, measures(t, d), measures(t, orig))
		})
	}
}

// TestDistrictLayerCRSOverride: GCJ-02 facilities in a file labelled EPSG:4326 (GCJ-02 has no
// code of its own) are read as GCJ-02 when the layer's CRS says so, with a warning naming the
// file and its declaration; under Strict that is an ErrCRSConflict. The global CRS against the
// same file stays a conflict.
func TestDistrictLayerCRSOverride(t *testing.T) {
	f := newFixture(orb.Point{121.5, 31.2})
	orig, _, err := load.District(context.Background(), options(f.write(t, t.TempDir(), geo.WGS84, "")))
	if err != nil {
		t.Fatal(err)
	}
	gcj := f.write(t, t.TempDir(), geo.GCJ02, "")
	labelled := f.write(t, t.TempDir(), geo.GCJ02, "urn:ogc:def:crs:EPSG::4326")
	o := options(gcj)
	o.Facilities = labelled["facilities"]
	o.CRS = geo.GCJ02
	if _, _, err := load.District(context.Background(), o); !errors.Is(err, load.ErrCRSConflict) || !strings.Contains(err.Error(), o.Facilities) {
		t.Errorf("global CRS against the declaration: %v, want an ErrCRSConflict naming %s", err, o.Facilities)
	}
	o.LayerCRS = map[string]geo.CRS{"facilities": geo.GCJ02}
	d, rep, err := load.District(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{o.Facilities + ": the file declares WGS 84 (EPSG:4326), but gcj02 was given for the facilities layer and is used"}
	if diff := cmp.Diff(want, rep.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if !strings.Contains(strings.Join(rep.Notes(), "\n"), want[0]) {
		t.Errorf("notes do not carry the warning: %q", rep.Notes())
	}
	close(t, "override", measures(t, d), measures(t, orig))
	o.Strict = true
	if _, _, err := load.District(context.Background(), o); !errors.Is(err, load.ErrCRSConflict) || !strings.Contains(err.Error(), o.Facilities) {
		t.Errorf("strict: %v, want an ErrCRSConflict naming %s", err, o.Facilities)
	}
	o.Strict, o.LayerCRS = false, map[string]geo.CRS{"facility": geo.GCJ02}
	if _, _, err := load.District(context.Background(), o); err == nil || !strings.Contains(err.Error(), `"facility"`) {
		t.Errorf("unknown role: %v", err)
	}
}

func TestParseLayerCRS(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[string]geo.CRS
		err  string // a part of the error; "" for none
	}{
		{"", map[string]geo.CRS{}, ""},
		{"facilities=wgs84", map[string]geo.CRS{"facilities": geo.WGS84}, ""},
		{" facilities = wgs84 , buildings=gcj02,compounds=EPSG:4548", map[string]geo.CRS{"facilities": geo.WGS84, "buildings": geo.GCJ02, "compounds": mustCRS(t, "EPSG:4548")}, ""},
		{"小区=bd09,green_spaces=cgcs2000,Gates=wgs84", map[string]geo.CRS{"compounds": geo.BD09, "green": geo.CGCS2000, "gates": geo.WGS84}, ""},
		{"facility=wgs84", nil, `"facility" is not a layer role (compounds, buildings, facilities, green, zones, gates)`},
		{"facilities=wgs85", nil, `"facilities=wgs85": `},
		{"facilities", nil, `"facilities" is not ROLE=CRS`},
		{"facilities=", nil, `"facilities=" is not ROLE=CRS`},
		{"facilities=wgs84,", nil, `"" is not ROLE=CRS`},
		{"facilities=wgs84,设施=gcj02", nil, "the facilities layer's CRS is given twice"},
	} {
		got, err := load.ParseLayerCRS(c.in)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want one containing %q", c.in, err, c.err)
		case c.err == "":
			if diff := cmp.Diff(c.want, got, cmp.Comparer(func(a, b geo.CRS) bool { return a == b })); diff != "" {
				t.Errorf("%q (-want +got):\n%s", c.in, diff)
			}
		}
	}
	if _, err := load.ParseLayerCRS("facilities=wgs85"); !errors.Is(err, geo.ErrUnknownCRS) {
		t.Errorf("bad CRS: %v, want geo.ErrUnknownCRS", err)
	}
}
