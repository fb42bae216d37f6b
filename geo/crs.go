package geo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// CRS names one of the coordinate reference systems used for Chinese data: WGS84, CGCS2000,
// GCJ-02, BD-09, a CGCS2000 Gauss-Krüger zone (3° or 6°, with or without the zone number in
// the false easting) or a WGS84 UTM zone. CRS is a small comparable value: use == and use it as
// a map key. Take one of the variables WGS84, CGCS2000, GCJ02 and BD09, or call GK3, GK3CM,
// GK6, GK6CM, UTM or ParseCRS. The zero CRS is not a coordinate system: operations given it
// return ErrUnknownCRS.
//
// Geographic CRSs take orb.Point{lon, lat} in degrees. Projected CRSs take
// orb.Point{easting, northing} in metres, although EPSG defines the Gauss-Krüger CRSs with
// northing (X) first, as Chinese survey drawings write them: swap them when reading such a
// drawing.
type CRS struct {
	kind   crsKind
	zone   uint8 // Gauss-Krüger zone number (3°: 25–45, 6°: 13–23) or UTM zone 1–60
	prefix bool  // Gauss-Krüger: the zone number is in the false easting
	south  bool  // UTM: southern hemisphere
}

type crsKind uint8

const (
	crsUnset crsKind = iota
	crsWGS84
	crsCGCS2000
	crsGCJ02
	crsBD09
	crsGK3
	crsGK6
	crsUTM
)

// The geographic CRSs. CGCS2000 coordinates equal WGS84 (ITRF) coordinates to a few
// centimetres at this library's epoch, well within what planners' data holds, so converting
// between the two leaves coordinates unchanged; they differ only in the ellipsoid used for
// measures (see EllipsoidCGCS2000).
var (
	// WGS84 is the World Geodetic System 1984, EPSG:4326, lon/lat degrees: GPS and
	// OpenStreetMap.
	WGS84 = CRS{kind: crsWGS84}
	// CGCS2000 is the China Geodetic Coordinate System 2000 (2000国家大地坐标系), EPSG:4490,
	// lon/lat degrees: official surveying and mapping.
	CGCS2000 = CRS{kind: crsCGCS2000}
	// GCJ02 is the GCJ-02 system (国测局坐标, "火星坐标") of Amap and Tencent maps: WGS84 with a
	// published obfuscating offset inside China. It has no EPSG code.
	GCJ02 = CRS{kind: crsGCJ02}
	// BD09 is Baidu's BD-09 system: GCJ-02 with a further published perturbation. It has no
	// EPSG code.
	BD09 = CRS{kind: crsBD09}
)

// Errors about coordinate reference systems, usable with errors.Is.
var (
	// ErrUnknownCRS reports a CRS name or EPSG code this library does not handle, or the zero
	// CRS.
	ErrUnknownCRS = errors.New("unknown CRS")
	// ErrZone reports a Gauss-Krüger or UTM zone, central meridian or longitude outside the
	// zones defined.
	ErrZone = errors.New("no such zone")
)

// ParseCRS returns the CRS named by s, ignoring case and surrounding space. It accepts
// "wgs84" (also "wgs-84", "crs84"), "cgcs2000", "gcj02" (also "gcj-02"), "bd09" (also
// "bd-09"), an EPSG code as "EPSG:4527", "4527" or "urn:ogc:def:crs:EPSG::4527", and
// "urn:ogc:def:crs:OGC:1.3:CRS84". The EPSG codes handled are 4326 (WGS84), 4490 (CGCS2000),
// 4513–4533 and 4534–4554 (CGCS2000 3° Gauss-Krüger zones 25–45 with and without the zone
// prefix), 4491–4501 and 4502–4512 (CGCS2000 6° zones 13–23 with and without the prefix),
// and 32601–32660, 32701–32760 (WGS84 UTM north and south). Anything else is an error
// wrapping ErrUnknownCRS.
func ParseCRS(s string) (CRS, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	switch name {
	case "wgs84", "wgs-84", "wgs 84", "crs84", "ogc:crs84", "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84",
		"http://www.opengis.net/def/crs/ogc/1.3/crs84", "https://www.opengis.net/def/crs/ogc/1.3/crs84":
		return WGS84, nil
	case "cgcs2000", "cgcs-2000":
		return CGCS2000, nil
	case "gcj02", "gcj-02":
		return GCJ02, nil
	case "bd09", "bd-09":
		return BD09, nil
	}
	// The code is what follows "EPSG:", the last colon of an OGC URN (which may carry a
	// version: urn:ogc:def:crs:EPSG:6.6:4549), or the last slash of an OGC URL
	// (http://www.opengis.net/def/crs/EPSG/0/4549), as GeoJSON files and GDAL write them.
	digits := name
	switch {
	case strings.HasPrefix(name, "epsg:"):
		digits = name[len("epsg:"):]
	case strings.HasPrefix(name, "urn:ogc:def:crs:epsg:"):
		digits = name[strings.LastIndexByte(name, ':')+1:]
	case strings.HasPrefix(name, "http://www.opengis.net/def/crs/epsg/"), strings.HasPrefix(name, "https://www.opengis.net/def/crs/epsg/"):
		digits = name[strings.LastIndexByte(name, '/')+1:]
	}
	code, err := strconv.Atoi(digits)
	if err != nil || digits == "" || digits[0] == '+' || digits[0] == '-' {
		return CRS{}, fmt.Errorf("CRS %q: %w (want wgs84, cgcs2000, gcj02, bd09 or an EPSG code)", s, ErrUnknownCRS)
	}
	c, err := crsFromEPSG(code)
	if err != nil {
		return CRS{}, fmt.Errorf("CRS %q: %w", s, err)
	}
	return c, nil
}

// crsFromEPSG maps an EPSG code to a CRS.
func crsFromEPSG(code int) (CRS, error) {
	switch {
	case code == 4326:
		return WGS84, nil
	case code == 4490:
		return CGCS2000, nil
	case code >= 4513 && code <= 4533:
		return GK3(code - 4488)
	case code >= 4534 && code <= 4554:
		return GK3CM(75 + 3*(code-4534))
	case code >= 4491 && code <= 4501:
		return GK6(code - 4478)
	case code >= 4502 && code <= 4512:
		return GK6CM(75 + 6*(code-4502))
	case code >= 32601 && code <= 32660:
		return UTM(code-32600, true)
	case code >= 32701 && code <= 32760:
		return UTM(code-32700, false)
	}
	return CRS{}, fmt.Errorf("EPSG:%d: %w", code, ErrUnknownCRS)
}

// EPSG returns the EPSG code of c, or 0 for GCJ-02, BD-09 and the zero CRS, which have none.
func (c CRS) EPSG() int {
	switch c.kind {
	case crsWGS84:
		return 4326
	case crsCGCS2000:
		return 4490
	case crsGK3:
		if c.prefix {
			return 4488 + int(c.zone)
		}
		return 4534 + int(c.zone) - 25
	case crsGK6:
		if c.prefix {
			return 4478 + int(c.zone)
		}
		return 4502 + int(c.zone) - 13
	case crsUTM:
		if c.south {
			return 32700 + int(c.zone)
		}
		return 32600 + int(c.zone)
	}
	return 0
}

// String returns the name of c as EPSG writes it, with the code, for messages:
// "WGS 84 (EPSG:4326)", "CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527)",
// "CGCS2000 / Gauss-Kruger CM 117E (EPSG:4509)", "WGS 84 / UTM zone 50N (EPSG:32650)",
// "GCJ-02", "BD-09". The zero CRS prints as "unset CRS".
func (c CRS) String() string {
	if c.EPSG() == 0 {
		return c.Name()
	}
	return fmt.Sprintf("%s (EPSG:%d)", c.Name(), c.EPSG())
}

// Name returns the name of c as EPSG writes it, without the code: "WGS 84",
// "CGCS2000 / 3-degree Gauss-Kruger CM 117E"; "GCJ-02" and "BD-09" for the two systems EPSG
// does not list; "unset CRS" for the zero CRS.
func (c CRS) Name() string {
	var name string
	switch c.kind {
	case crsWGS84:
		name = "WGS 84"
	case crsCGCS2000:
		name = "China Geodetic Coordinate System 2000"
	case crsGCJ02:
		name = "GCJ-02"
	case crsBD09:
		name = "BD-09"
	case crsGK3, crsGK6:
		// EPSG names the 3° zones "3-degree Gauss-Kruger" and the 6° ones plain "Gauss-Kruger".
		width := "Gauss-Kruger"
		if c.kind == crsGK3 {
			width = "3-degree Gauss-Kruger"
		}
		if c.prefix {
			name = fmt.Sprintf("CGCS2000 / %s zone %d", width, c.zone)
		} else {
			name = fmt.Sprintf("CGCS2000 / %s CM %dE", width, c.centralMeridian())
		}
	case crsUTM:
		hemi := "N"
		if c.south {
			hemi = "S"
		}
		name = fmt.Sprintf("WGS 84 / UTM zone %d%s", c.zone, hemi)
	default:
		name = "unset CRS"
	}
	return name
}

// GaussKruger reports whether c is a CGCS2000 Gauss-Krüger zone (3° or 6°, with or without the
// zone number in the false easting).
func (c CRS) GaussKruger() bool { return c.kind == crsGK3 || c.kind == crsGK6 }

// TransverseMercator returns the projection of a projected CRS (its central meridian, scale
// and false easting), nil for a geographic one.
func (c CRS) TransverseMercator() *TransverseMercator { return c.transverseMercator() }

// Projected reports whether c is a projected CRS (Gauss-Krüger or UTM, coordinates in metres)
// rather than a geographic one (lon/lat degrees).
func (c CRS) Projected() bool {
	return c.kind == crsGK3 || c.kind == crsGK6 || c.kind == crsUTM
}

// Ellipsoid returns the ellipsoid of c's datum: EllipsoidCGCS2000 for CGCS2000 and its
// Gauss-Krüger zones, EllipsoidWGS84 for WGS84 and UTM. GCJ-02 and BD-09 are WGS84 with an
// obfuscating offset and report EllipsoidWGS84; but measure their geometries only after
// converting them to WGS84, because the offset stretches lengths by up to about 0.7 %.
// The zero CRS reports the zero Ellipsoid.
func (c CRS) Ellipsoid() Ellipsoid {
	switch c.kind {
	case crsCGCS2000, crsGK3, crsGK6:
		return EllipsoidCGCS2000
	case crsWGS84, crsGCJ02, crsBD09, crsUTM:
		return EllipsoidWGS84
	}
	return Ellipsoid{}
}

// MarshalText returns the canonical short name of c that ParseCRS reads back: "wgs84",
// "cgcs2000", "gcj02", "bd09", or "EPSG:NNNN" for a projected CRS. The zero CRS is an error.
func (c CRS) MarshalText() ([]byte, error) {
	switch c.kind {
	case crsWGS84:
		return []byte("wgs84"), nil
	case crsCGCS2000:
		return []byte("cgcs2000"), nil
	case crsGCJ02:
		return []byte("gcj02"), nil
	case crsBD09:
		return []byte("bd09"), nil
	case crsUnset:
		return nil, fmt.Errorf("marshal CRS: %w (zero value)", ErrUnknownCRS)
	}
	return []byte("EPSG:" + strconv.Itoa(c.EPSG())), nil
}

// UnmarshalText sets c from any name ParseCRS accepts.
func (c *CRS) UnmarshalText(b []byte) error {
	v, err := ParseCRS(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// valid reports whether c is one of the CRSs this library handles.
func (c CRS) valid() bool { return c.kind != crsUnset }
