package gpkg

import (
	"fmt"
	"github.com/xiaoqu/xiaoqu/geo"
	"strconv"
	"strings"
)

// SRS is a row of gpkg_spatial_ref_sys: a spatial reference system that layers refer to by
// ID.
type SRS struct {
	// ID is the srs_id layers refer to; by convention the EPSG code.
	ID int
	// Name is a human-readable name, such as "China Geodetic Coordinate System 2000".
	Name string
	// Organization is the defining body, "EPSG", or "NONE" for the undefined systems.
	Organization string
	// OrganizationID is the code the organization gives it.
	OrganizationID int
	// Definition is the OGC WKT 1 (OGC 01-009) text, or "undefined".
	Definition string
	// Description is free text; it may be empty.
	Description string
}

// wktCGCS2000 is EPSG:4490's WKT 1 as GDAL 3.6 (PROJ 9.1) prints it.
const wktCGCS2000 = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`

// builtinSRS are written to every GeoPackage: the three the standard requires (GeoPackage
// 1.3 §1.1.2.1.2, requirement 11) and CGCS2000.
func builtinSRS() []SRS {
	return []SRS{
		{ID: -1, Name: "Undefined Cartesian SRS", Organization: "NONE", OrganizationID: -1, Definition: "undefined",
			Description: "undefined Cartesian coordinate reference system"},
		{ID: 0, Name: "Undefined geographic SRS", Organization: "NONE", OrganizationID: 0, Definition: "undefined",
			Description: "undefined geographic coordinate reference system"},
		{ID: 4326, Name: "WGS 84 geodetic", Organization: "EPSG", OrganizationID: 4326,
			Definition:  `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`,
			Description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"},
		{ID: 4490, Name: "China Geodetic Coordinate System 2000", Organization: "EPSG", OrganizationID: 4490,
			Definition:  wktCGCS2000,
			Description: "CGCS2000 longitude/latitude coordinates in decimal degrees"},
	}
}

// GaussKrugerSRS returns the definition of a CGCS2000 Gauss-Krüger zone for a layer in
// projected metres, to be given in Options.SRS: EPSG:4491–4501 (6° zones 13–23, zone number
// in the false easting), 4502–4512 (6° zones by central meridian 75°E–135°E), 4513–4533
// (3° zones 25–45, zone number in the false easting) and 4534–4554 (3° zones by central
// meridian 75°E–135°E). The WKT is the one GDAL 3.6 (PROJ 9.1) prints for the code. Other
// codes give an error.
func GaussKrugerSRS(epsg int) (SRS, error) {
	c, err := geo.ParseCRS("EPSG:" + strconv.Itoa(epsg))
	if err != nil || !c.GaussKruger() {
		return SRS{}, fmt.Errorf("gpkg: EPSG:%d is not a CGCS2000 Gauss-Kruger zone (4491–4554)", epsg)
	}
	tm := c.TransverseMercator()
	name, cm, fe := c.Name(), int(tm.CentralMeridian()), int(tm.FalseEasting())
	geog := strings.Replace(wktCGCS2000, `AXIS["Latitude",NORTH],AXIS["Longitude",EAST],`, "", 1)
	wkt := fmt.Sprintf(`PROJCS["%s",%s,PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],`+
		`PARAMETER["central_meridian",%d],PARAMETER["scale_factor",1],PARAMETER["false_easting",%d],`+
		`PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],`+
		`AXIS["Easting",EAST],AUTHORITY["EPSG","%d"]]`, name, geog, cm, fe, epsg)
	return SRS{ID: epsg, Name: name, Organization: "EPSG", OrganizationID: epsg, Definition: wkt,
		Description: fmt.Sprintf("CGCS2000 transverse Mercator, central meridian %d°E, metres", cm)}, nil
}
