package shp

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/geo"
)

var (
	reAuthority = regexp.MustCompile(`(?i)AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$`)
	reParameter = regexp.MustCompile(`(?i)PARAMETER\s*\[\s*"([^"]*)"\s*,\s*([-+0-9.eE]+)\s*\]`)
	reUTM       = regexp.MustCompile(`(?i)UTM[_ ]zone[_ ](\d+)([NS])`)
)

// ParsePRJ maps the WKT of a .prj (ESRI's WKT 1 as ArcGIS writes it, or OGC WKT 1 with an
// EPSG AUTHORITY as GDAL writes it) to a geo.CRS: WGS 84 (GCS_WGS_1984), CGCS2000
// (GCS_China_Geodetic_Coordinate_System_2000), the CGCS2000 Gauss-Krüger zones
// ("CGCS2000_3_Degree_GK_Zone_39", "CGCS2000_3_Degree_GK_CM_117E", "CGCS2000_GK_Zone_20",
// "CGCS2000_GK_CM_117E", or any Transverse Mercator on the CGCS2000 datum with scale 1, false
// northing 0 and a zone's central meridian and false easting) and WGS 84 UTM. Anything else
// (Beijing 1954, Xian 1980, a local grid) is an error wrapping geo.ErrUnknownCRS. GCJ-02 and
// BD-09 cannot be declared in a .prj: files in them say WGS 84 or nothing.
func ParsePRJ(wkt string) (geo.CRS, error) {
	s := strings.TrimSpace(wkt)
	if m := reAuthority.FindStringSubmatch(s); m != nil {
		if c, err := geo.ParseCRS("EPSG:" + m[1]); err == nil {
			return c, nil
		}
	}
	upper := strings.ToUpper(s)
	short := s
	if len(short) > 80 {
		short = short[:80] + "…"
	}
	unknown := func(why string) (geo.CRS, error) {
		return geo.CRS{}, fmt.Errorf("prj %q: %s (%w)", short, why, geo.ErrUnknownCRS)
	}
	datum := ""
	switch {
	case strings.Contains(upper, "CHINA_2000") || strings.Contains(upper, "CGCS2000") || strings.Contains(upper, "CHINA GEODETIC COORDINATE SYSTEM 2000") ||
		strings.Contains(upper, "CHINA_GEODETIC_COORDINATE_SYSTEM_2000"):
		datum = "cgcs2000"
	case strings.Contains(upper, "WGS_1984") || strings.Contains(upper, "WGS 84") || strings.Contains(upper, "WGS84"):
		datum = "wgs84"
	case strings.Contains(upper, "BEIJING") || strings.Contains(upper, "XIAN") || strings.Contains(upper, "XI'AN"):
		return unknown("Beijing 1954 and Xian 1980 are not handled; convert the file to CGCS2000")
	default:
		return unknown("not a datum this library handles")
	}
	if !strings.HasPrefix(upper, "PROJCS") {
		if !strings.HasPrefix(upper, "GEOGCS") {
			return unknown("neither GEOGCS nor PROJCS")
		}
		if datum == "cgcs2000" {
			return geo.CGCS2000, nil
		}
		return geo.WGS84, nil
	}
	if datum == "wgs84" {
		if m := reUTM.FindStringSubmatch(s); m != nil {
			zone, _ := strconv.Atoi(m[1])
			if c, err := geo.UTM(zone, strings.EqualFold(m[2], "N")); err == nil {
				return c, nil
			}
		}
		return unknown("a WGS 84 projection other than UTM")
	}
	if !strings.Contains(upper, "TRANSVERSE_MERCATOR") && !strings.Contains(upper, "GAUSS_KRUGER") && !strings.Contains(upper, "TRANSVERSE MERCATOR") {
		return unknown("a CGCS2000 projection other than Gauss-Krüger")
	}
	params := map[string]float64{}
	for _, m := range reParameter.FindAllStringSubmatch(s, -1) {
		if v, err := strconv.ParseFloat(m[2], 64); err == nil {
			params[strings.ToLower(m[1])] = v
		}
	}
	cm, okCM := params["central_meridian"]
	fe, okFE := params["false_easting"]
	scale, okScale := params["scale_factor"]
	if !okCM || !okFE || (okScale && scale != 1) || params["false_northing"] != 0 || params["latitude_of_origin"] != 0 {
		return unknown("Transverse Mercator parameters that are no Gauss-Krüger zone")
	}
	if cm != math.Trunc(cm) || fe != math.Trunc(fe) {
		return unknown("a central meridian or false easting that is no zone's")
	}
	icm, ife := int(cm), int(fe)
	three := strings.Contains(upper, "3_DEGREE") || strings.Contains(upper, "3-DEGREE") || strings.Contains(upper, "3 DEGREE")
	var c geo.CRS
	var err error
	switch {
	case ife == 500000 && (three || icm%6 != 3):
		c, err = geo.GK3CM(icm)
	case ife == 500000:
		c, err = geo.GK6CM(icm)
	case ife%1000000 == 500000:
		zone := ife / 1000000
		if three || (zone >= 25 && zone <= 45) {
			c, err = geo.GK3(zone)
		} else {
			c, err = geo.GK6(zone)
		}
		if err == nil && int(c.TransverseMercator().CentralMeridian()) != icm {
			return unknown(fmt.Sprintf("zone %d's central meridian is not %d°", zone, icm))
		}
	default:
		return unknown("a false easting that is no zone's")
	}
	if err != nil {
		return unknown(err.Error())
	}
	return c, nil
}
