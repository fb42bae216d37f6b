package geojson

import (
	"encoding/json"
	"strconv"
	"strings"
)

// CRS is the legacy "crs" member of a GeoJSON 2008 document, which RFC 7946 removed but
// QGIS, GDAL and many Chinese data portals still write, for example to mark CGCS2000 or
// Gauss-Krüger coordinates. Read reports it so that callers can honour it; the coordinates
// are returned as written, not transformed.
type CRS struct {
	// Name is properties.name of a "name" CRS, such as "urn:ogc:def:crs:EPSG::4490";
	// empty for other kinds.
	Name string
	// EPSG is the EPSG code the member denotes: from a name in the forms "EPSG:4490",
	// "urn:ogc:def:crs:EPSG::4490", "urn:ogc:def:crs:EPSG:6.6:4490" or
	// "http://www.opengis.net/def/crs/EPSG/0/4490", from properties.code of an "EPSG" CRS,
	// or 4326 for OGC CRS84 (WGS84 in longitude, latitude order, GeoJSON's own). 0 if it
	// denotes none of these.
	EPSG int
	// Raw is the member as written.
	Raw json.RawMessage
}

// parseCRS reads a crs member; null gives nil, as if it were absent.
func parseCRS(b []byte) (*CRS, error) {
	if isNull(b) {
		return nil, nil
	}
	var m struct {
		Type       string `json:"type"`
		Properties struct {
			Name string      `json:"name"`
			Code json.Number `json:"code"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, invalidf("\"crs\" is %s, want an object with \"type\" and \"properties\" (%v)", describe(b), err)
	}
	c := &CRS{Raw: append(json.RawMessage(nil), b...)}
	switch strings.ToLower(m.Type) {
	case "name":
		c.Name = m.Properties.Name
		c.EPSG = epsgFromName(c.Name)
	case "epsg":
		if n, err := strconv.Atoi(string(m.Properties.Code)); err == nil && n > 0 {
			c.EPSG = n
		}
	}
	return c, nil
}

// epsgFromName returns the EPSG code a CRS name or URI denotes, 0 if none.
func epsgFromName(name string) int {
	u := strings.ToUpper(strings.TrimSpace(name))
	switch u {
	case "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84", "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84", "OGC:CRS84", "CRS84":
		return 4326
	}
	var code string
	switch {
	case strings.HasPrefix(u, "EPSG:"):
		code = u[len("EPSG:"):]
	case strings.HasPrefix(u, "URN:OGC:DEF:CRS:EPSG:"):
		code = u[strings.LastIndexByte(u, ':')+1:]
	case strings.HasPrefix(u, "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/"), strings.HasPrefix(u, "HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/"):
		code = u[strings.LastIndexByte(u, '/')+1:]
	default:
		return 0
	}
	n, err := strconv.Atoi(code)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
