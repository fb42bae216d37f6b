package gpkg

import (
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

func TestGaussKrugerSRS(t *testing.T) {
	s, err := GaussKrugerSRS(4548)
	if err != nil {
		t.Fatal(err)
	}
	// gdalsrsinfo -o wkt1 EPSG:4548 (GDAL 3.6.2, PROJ 9.1.1), line breaks and indentation removed.
	want := `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 117E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4548"]]`
	if s.Definition != want || s.ID != 4548 || s.OrganizationID != 4548 || s.Organization != "EPSG" || s.Name != "CGCS2000 / 3-degree Gauss-Kruger CM 117E" {
		t.Errorf("GaussKrugerSRS(4548) = %+v", s)
	}
	for _, code := range []int{4490, 4555, 32650} {
		if _, err := GaussKrugerSRS(code); err == nil {
			t.Errorf("GaussKrugerSRS(%d): no error", code)
		}
	}
}

// The WKT is what GDAL prints for the code, checked at the ends and middle of each of the
// four ranges (the template is the same within a range). Needs gdalsrsinfo (gdal-bin).
func TestGaussKrugerSRSAgainstGDAL(t *testing.T) {
	if _, err := exec.LookPath("gdalsrsinfo"); err != nil {
		testtool.SkipOrFail(t, "gdalsrsinfo not found on PATH; install gdal-bin to check the Gauss-Kruger definitions")
	}
	for _, code := range []int{4491, 4496, 4501, 4502, 4507, 4512, 4513, 4523, 4533, 4534, 4548, 4554} {
		out, err := exec.Command("gdalsrsinfo", "-o", "wkt1", "EPSG:"+strconv.Itoa(code)).Output()
		if err != nil {
			t.Fatalf("gdalsrsinfo EPSG:%d: %v", code, err)
		}
		var b strings.Builder
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			b.WriteString(strings.TrimSpace(line))
		}
		s, err := GaussKrugerSRS(code)
		if err != nil {
			t.Fatal(err)
		}
		if s.Definition != b.String() {
			t.Errorf("EPSG:%d:\n got %s\nwant %s", code, s.Definition, b.String())
		}
	}
}
