package geo

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCRS(t *testing.T) {
	gk39, _ := GK3(39)
	cm117, _ := GK3CM(117)
	gk6z20, _ := GK6(20)
	cm6117, _ := GK6CM(117)
	utm50, _ := UTM(50, true)
	utm50s, _ := UTM(50, false)
	tests := []struct {
		in   string
		want CRS
	}{
		{"wgs84", WGS84}, {" WGS84 ", WGS84}, {"WGS-84", WGS84}, {"EPSG:4326", WGS84}, {"4326", WGS84},
		{"epsg:4326", WGS84}, {"urn:ogc:def:crs:EPSG::4326", WGS84}, {"CRS84", WGS84},
		{"urn:ogc:def:crs:OGC:1.3:CRS84", WGS84},
		{"cgcs2000", CGCS2000}, {"CGCS2000", CGCS2000}, {"EPSG:4490", CGCS2000}, {"4490", CGCS2000},
		{"gcj02", GCJ02}, {"GCJ-02", GCJ02},
		{"bd09", BD09}, {"BD-09", BD09},
		{"EPSG:4527", gk39}, {"4527", gk39}, {"urn:ogc:def:crs:EPSG::4527", gk39},
		{"EPSG:4548", cm117}, {"EPSG:4498", gk6z20}, {"EPSG:4509", cm6117},
		{"EPSG:32650", utm50}, {"32750", utm50s},
		// The forms GeoJSON files and GDAL write: a versioned URN, OGC URLs.
		{"urn:ogc:def:crs:EPSG:6.6:4548", cm117}, {"http://www.opengis.net/def/crs/EPSG/0/4548", cm117},
		{"https://www.opengis.net/def/crs/EPSG/0/4490", CGCS2000}, {"http://www.opengis.net/def/crs/OGC/1.3/CRS84", WGS84},
	}
	for _, tc := range tests {
		got, err := ParseCRS(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseCRS(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseCRSErrors(t *testing.T) {
	for _, in := range []string{"", "wgs", "gk3", "EPSG:", "EPSG:3857", "4512x", "4555", "4533.0", "+4326",
		"-4326", "EPSG:32600", "EPSG:32661", "99999999999999999999", "urn:ogc:def:crs:EPSG:6.6:", "http://www.opengis.net/def/crs/EPSG/0/x"} {
		c, err := ParseCRS(in)
		if !errors.Is(err, ErrUnknownCRS) {
			t.Errorf("ParseCRS(%q) = %v, %v; want an error wrapping ErrUnknownCRS", in, c, err)
		}
	}
}

// allCRSForTest lists every CRS the package handles.
func allCRSForTest() []CRS {
	all := []CRS{WGS84, CGCS2000, GCJ02, BD09}
	for z := 25; z <= 45; z++ {
		a, _ := GK3(z)
		b, _ := GK3CM(3 * z)
		all = append(all, a, b)
	}
	for z := 13; z <= 23; z++ {
		a, _ := GK6(z)
		b, _ := GK6CM(6*z - 3)
		all = append(all, a, b)
	}
	for z := 1; z <= 60; z++ {
		a, _ := UTM(z, true)
		b, _ := UTM(z, false)
		all = append(all, a, b)
	}
	return all
}

func TestCRSRoundTrips(t *testing.T) {
	seen := map[int]CRS{}
	for _, c := range allCRSForTest() {
		text, err := c.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText: %v", c, err)
		}
		var back CRS
		if err := back.UnmarshalText(text); err != nil || back != c {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, c)
		}
		if code := c.EPSG(); code != 0 {
			if other, dup := seen[code]; dup {
				t.Errorf("EPSG:%d for both %v and %v", code, other, c)
			}
			seen[code] = c
			got, err := ParseCRS(strconv.Itoa(code))
			if err != nil || got != c {
				t.Errorf("ParseCRS(%d) = %v, %v; want %v", code, got, err, c)
			}
		}
	}
	// 4326, 4490, 21+21 3° zones, 11+11 6° zones, 120 UTM zones.
	if len(seen) != 2+42+22+120 {
		t.Errorf("%d distinct EPSG codes, want %d", len(seen), 2+42+22+120)
	}
}

func TestCRSJSON(t *testing.T) {
	gk, _ := GK3CM(120)
	in := map[string]CRS{"data": GCJ02, "survey": gk}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"data":"gcj02","survey":"EPSG:4549"}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	var out map[string]CRS
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(in, out, cmp.AllowUnexported(CRS{})); d != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", d)
	}
	if _, err := json.Marshal(CRS{}); !errors.Is(err, ErrUnknownCRS) {
		t.Errorf("json.Marshal(CRS{}) error = %v, want ErrUnknownCRS", err)
	}
}

func TestCRSProperties(t *testing.T) {
	tests := []struct {
		c         CRS
		epsg      int
		projected bool
		ellipsoid Ellipsoid
		str       string
	}{
		{WGS84, 4326, false, EllipsoidWGS84, "WGS 84 (EPSG:4326)"},
		{CGCS2000, 4490, false, EllipsoidCGCS2000, "China Geodetic Coordinate System 2000 (EPSG:4490)"},
		{GCJ02, 0, false, EllipsoidWGS84, "GCJ-02"},
		{BD09, 0, false, EllipsoidWGS84, "BD-09"},
		{CRS{}, 0, false, Ellipsoid{}, "unset CRS"},
	}
	for _, tc := range tests {
		if tc.c.EPSG() != tc.epsg || tc.c.Projected() != tc.projected || tc.c.Ellipsoid() != tc.ellipsoid || tc.c.String() != tc.str {
			t.Errorf("%v: EPSG %d projected %v ellipsoid %v; want %d %v %v %q",
				tc.c, tc.c.EPSG(), tc.c.Projected(), tc.c.Ellipsoid().Name, tc.epsg, tc.projected, tc.ellipsoid.Name, tc.str)
		}
	}
}

// FuzzParseCRS checks that ParseCRS never panics and that whatever it accepts survives
// MarshalText and ParseCRS again.
func FuzzParseCRS(f *testing.F) {
	for _, s := range []string{"wgs84", "EPSG:4527", "4548", "urn:ogc:def:crs:EPSG::32650", "gcj-02", "epsg:", "", "EPSG:-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCRS(s)
		if err != nil {
			if !errors.Is(err, ErrUnknownCRS) && !errors.Is(err, ErrZone) {
				t.Fatalf("ParseCRS(%q): error %v wraps neither ErrUnknownCRS nor ErrZone", s, err)
			}
			return
		}
		text, err := c.MarshalText()
		if err != nil {
			t.Fatalf("ParseCRS(%q) = %v, whose MarshalText fails: %v", s, c, err)
		}
		back, err := ParseCRS(string(text))
		if err != nil || back != c {
			t.Fatalf("ParseCRS(%q) = %v; its text %q parses to %v, %v", s, c, text, back, err)
		}
	})
}
