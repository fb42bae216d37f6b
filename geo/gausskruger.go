package geo

import (
	"fmt"
	"math"
)

// CGCS2000 Gauss-Krüger zones (高斯-克吕格投影) as EPSG defines them: transverse Mercator on the
// CGCS2000 ellipsoid, scale 1 on the central meridian, latitude of origin 0, false northing 0,
// false easting 500 000 m, or zone × 1 000 000 + 500 000 m when the zone number is prefixed to
// the easting (the form "39 448 688.86" of Chinese survey drawings).
//
//	3° zones 25–45, central meridian 3n°E (75°E–135°E):
//	    with prefix    EPSG:4513–4533 = 4488 + n
//	    without prefix EPSG:4534–4554 = 4534 + (CM − 75)/3
//	6° zones 13–23, central meridian 6n − 3 °E (75°E–135°E):
//	    with prefix    EPSG:4491–4501 = 4478 + n
//	    without prefix EPSG:4502–4512 = 4502 + (CM − 75)/6
//
// UTM zones 1–60 are transverse Mercator on WGS84 with scale 0.9996, false easting 500 000 m
// and false northing 0 (north, EPSG:326NN) or 10 000 000 m (south, EPSG:327NN).
//
// Every zone returns orb.Point{easting, northing}, although EPSG states the Gauss-Krüger axes
// as northing (X) first.

// Ranges of the zones EPSG defines for China.
const (
	gk3MinZone, gk3MaxZone = 25, 45
	gk6MinZone, gk6MaxZone = 13, 23
)

// GK3 returns the CGCS2000 3° Gauss-Krüger zone with the zone number in the false easting
// (EPSG:4488 + zone, false easting zone × 10⁶ + 500 000 m, central meridian 3 × zone °E). The
// zone must be 25–45 (central meridians 75°E–135°E); otherwise the error wraps ErrZone.
func GK3(zone int) (CRS, error) {
	if zone < gk3MinZone || zone > gk3MaxZone {
		return CRS{}, fmt.Errorf("CGCS2000 3-degree Gauss-Kruger zone %d: %w (zones are %d–%d)",
			zone, ErrZone, gk3MinZone, gk3MaxZone)
	}
	return CRS{kind: crsGK3, zone: uint8(zone), prefix: true}, nil
}

// GK3CM returns the CGCS2000 3° Gauss-Krüger zone with central meridian cm °E and false
// easting 500 000 m, without the zone prefix (EPSG:4534 + (cm − 75)/3). cm must be a multiple
// of 3 from 75 to 135; otherwise the error wraps ErrZone.
func GK3CM(cm int) (CRS, error) {
	if cm < 75 || cm > 135 || cm%3 != 0 {
		return CRS{}, fmt.Errorf("CGCS2000 3-degree Gauss-Kruger CM %dE: %w (central meridians are 75E, 78E, … 135E)",
			cm, ErrZone)
	}
	return CRS{kind: crsGK3, zone: uint8(cm / 3)}, nil
}

// GK6 returns the CGCS2000 6° Gauss-Krüger zone with the zone number in the false easting
// (EPSG:4478 + zone, false easting zone × 10⁶ + 500 000 m, central meridian 6 × zone − 3 °E).
// The zone must be 13–23 (central meridians 75°E–135°E); otherwise the error wraps ErrZone.
func GK6(zone int) (CRS, error) {
	if zone < gk6MinZone || zone > gk6MaxZone {
		return CRS{}, fmt.Errorf("CGCS2000 6-degree Gauss-Kruger zone %d: %w (zones are %d–%d)",
			zone, ErrZone, gk6MinZone, gk6MaxZone)
	}
	return CRS{kind: crsGK6, zone: uint8(zone), prefix: true}, nil
}

// GK6CM returns the CGCS2000 6° Gauss-Krüger zone with central meridian cm °E and false
// easting 500 000 m, without the zone prefix (EPSG:4502 + (cm − 75)/6). cm must be one of
// 75, 81, … 135; otherwise the error wraps ErrZone.
func GK6CM(cm int) (CRS, error) {
	if cm < 75 || cm > 135 || (cm+3)%6 != 0 {
		return CRS{}, fmt.Errorf("CGCS2000 6-degree Gauss-Kruger CM %dE: %w (central meridians are 75E, 81E, … 135E)",
			cm, ErrZone)
	}
	return CRS{kind: crsGK6, zone: uint8((cm + 3) / 6)}, nil
}

// UTM returns the WGS84 UTM zone (1–60) in the northern hemisphere (EPSG:326NN) when north is
// true, else in the southern (EPSG:327NN). Another zone number gives an error wrapping ErrZone.
// UTM's latitude limits (80°S to 84°N) are not enforced.
func UTM(zone int, north bool) (CRS, error) {
	if zone < 1 || zone > 60 {
		return CRS{}, fmt.Errorf("UTM zone %d: %w (zones are 1–60)", zone, ErrZone)
	}
	return CRS{kind: crsUTM, zone: uint8(zone), south: !north}, nil
}

// GK3ZoneFor returns the CGCS2000 3° Gauss-Krüger zone n (25–45) whose area of use holds the
// longitude lon in degrees: CM 3n°E, from 3n − 1.5 °E to 3n + 1.5 °E. Tie rule: a longitude
// exactly on a zone boundary belongs to the zone east of it, as the survey textbook formula
// n = ⌊(L − 1.5°)/3°⌋ + 1 and the 6° and UTM formulas have it; so 118.5°E is zone 40
// (CM 120°E), not 39. The test is exact in binary arithmetic. A longitude outside
// [73.5°E, 136.5°E) or NaN gives an error wrapping ErrZone.
func GK3ZoneFor(lon float64) (int, error) {
	if !(lon >= 73.5 && lon < 136.5) {
		return 0, fmt.Errorf("longitude %v: %w: the CGCS2000 3-degree zones 25–45 cover 73.5°E to 136.5°E", lon, ErrZone)
	}
	return gkZoneContaining(lon, 3, 1.5), nil
}

// GK6ZoneFor returns the CGCS2000 6° Gauss-Krüger zone n (13–23) whose area of use holds the
// longitude lon in degrees: CM 6n − 3 °E, from 6n − 6 °E to 6n °E. A longitude on a boundary
// belongs to the zone east of it, n = ⌊L/6°⌋ + 1 (so 120°E is zone 21, CM 123°E). A longitude
// outside [72°E, 138°E) or NaN gives an error wrapping ErrZone.
func GK6ZoneFor(lon float64) (int, error) {
	if !(lon >= 72 && lon < 138) {
		return 0, fmt.Errorf("longitude %v: %w: the CGCS2000 6-degree zones 13–23 cover 72°E to 138°E", lon, ErrZone)
	}
	return gkZoneContaining(lon, 6, 0), nil
}

// UTMZoneFor returns the UTM zone (1–60) holding the longitude lon in degrees, ⌊(L + 180°)/6°⌋
// + 1, a boundary belonging to the zone east of it and 180° to zone 60. The Norway and
// Svalbard exceptions are not applied. A longitude outside [−180, 180] or NaN gives an error
// wrapping ErrZone.
func UTMZoneFor(lon float64) (int, error) {
	if !(lon >= -180 && lon <= 180) {
		return 0, fmt.Errorf("longitude %v: %w: UTM zones cover −180° to 180°", lon, ErrZone)
	}
	if lon == 180 {
		return 60, nil
	}
	return gkZoneContaining(lon, 6, -180), nil
}

// gkZoneContaining returns n such that width·n − width + west ≤ lon < width·n + west (zone n
// spans [width·(n−1) + west, width·n + west)), correcting the rounding of the division with
// exact comparisons: the boundaries are small multiples of 1.5, exact in binary.
func gkZoneContaining(lon, width, west float64) int {
	n := int(math.Floor((lon-west)/width)) + 1
	if lon < width*float64(n-1)+west {
		n--
	} else if lon >= width*float64(n)+west {
		n++
	}
	return n
}

// centralMeridian returns the central meridian in degrees of a projected CRS.
func (c CRS) centralMeridian() int {
	switch c.kind {
	case crsGK3:
		return 3 * int(c.zone)
	case crsGK6:
		return 6*int(c.zone) - 3
	case crsUTM:
		return 6*int(c.zone) - 183
	}
	return 0
}

// zoneHalfWidth returns half the width of c's zone in degrees of longitude.
func (c CRS) zoneHalfWidth() float64 {
	if c.kind == crsGK3 {
		return 1.5
	}
	return 3
}

// zoneSpill returns how far, in degrees of longitude, a point may lie beyond the edge of c's
// zone and still be projected in it: one full zone width. See Transform.
func (c CRS) zoneSpill() float64 { return 2 * c.zoneHalfWidth() }

// maxZoneOffset returns the largest |lon − CM| Transform accepts for c, in degrees.
func (c CRS) maxZoneOffset() float64 { return c.zoneHalfWidth() + c.zoneSpill() }

// transverseMercator returns the projection of a projected CRS, nil for a geographic one.
func (c CRS) transverseMercator() *TransverseMercator {
	cm := float64(c.centralMeridian())
	switch c.kind {
	case crsGK3, crsGK6:
		fe := 500000.0
		if c.prefix {
			fe += float64(c.zone) * 1e6
		}
		return NewTransverseMercator(EllipsoidCGCS2000, cm, 0, 1, fe, 0)
	case crsUTM:
		fn := 0.0
		if c.south {
			fn = 10000000
		}
		return NewTransverseMercator(EllipsoidWGS84, cm, 0, 0.9996, 500000, fn)
	}
	return nil
}
