package sun

import (
	"math"
	"time"
)

// Position is where the sun is seen from a place at an instant, geometric (no atmospheric
// refraction), in degrees.
type Position struct {
	// Altitude is the angle above the horizon, −90 to 90.
	Altitude float64
	// Azimuth is clockwise from true north, 0 to 360 (180 is due south).
	Azimuth float64
	// Declination is the sun's declination.
	Declination float64
	// EquationOfTime is apparent minus mean solar time, in minutes.
	EquationOfTime float64
}

const rad = math.Pi / 180

// ephemeris is the part of the solar position that depends on the instant only.
type ephemeris struct {
	decl      float64 // declination, radians
	eot       float64 // equation of time, minutes
	longitude float64 // apparent ecliptic longitude, degrees (0–360)
}

// julianCentury is the time since J2000.0 in Julian centuries of 36,525 days, from Unix time.
// UT is used for TT (ΔT ≈ 69 s moves the sun by under 0.001°).
func julianCentury(t time.Time) float64 {
	jd := float64(t.Unix())/86400 + 2440587.5 + float64(t.Nanosecond())/86400e9
	return (jd - 2451545) / 36525
}

// ephemerisAt evaluates the NOAA solar calculator's equations (NOAA Global Monitoring
// Laboratory, "General Solar Position Calculations" and its spreadsheet, after J. Meeus,
// Astronomical Algorithms, 1991, ch. 24–25 (2nd ed. ch. 25, 28)): accurate to about 0.01°
// for the years 1800–2100.
func ephemerisAt(T float64) ephemeris {
	l0 := math.Mod(280.46646+T*(36000.76983+T*0.0003032), 360) // geometric mean longitude
	m := 357.52911 + T*(35999.05029-0.0001537*T)               // mean anomaly
	e := 0.016708634 - T*(0.000042037+0.0000001267*T)          // orbit eccentricity
	mr := m * rad
	c := math.Sin(mr)*(1.914602-T*(0.004817+0.000014*T)) + math.Sin(2*mr)*(0.019993-0.000101*T) +
		math.Sin(3*mr)*0.000289 // equation of centre
	omega := (125.04 - 1934.136*T) * rad
	lambda := l0 + c - 0.00569 - 0.00478*math.Sin(omega) // apparent longitude
	eps0 := 23 + (26+(21.448-T*(46.815+T*(0.00059-T*0.001813)))/60)/60
	eps := (eps0 + 0.00256*math.Cos(omega)) * rad // corrected obliquity
	decl := math.Asin(math.Sin(eps) * math.Sin(lambda*rad))
	y := math.Tan(eps / 2)
	y *= y
	l0r := l0 * rad
	eot := 4 / rad * (y*math.Sin(2*l0r) - 2*e*math.Sin(mr) + 4*e*y*math.Sin(mr)*math.Cos(2*l0r) -
		0.5*y*y*math.Sin(4*l0r) - 1.25*e*e*math.Sin(2*mr))
	lambda = math.Mod(lambda, 360)
	if lambda < 0 {
		lambda += 360
	}
	return ephemeris{decl: decl, eot: eot, longitude: lambda}
}

// horizontal turns a declination and an hour angle (radians) at latitude lat (degrees) into
// altitude and azimuth in degrees.
func horizontal(lat, decl, ha float64) (alt, az float64) {
	phi := lat * rad
	sinAlt := math.Sin(phi)*math.Sin(decl) + math.Cos(phi)*math.Cos(decl)*math.Cos(ha)
	sinAlt = math.Max(-1, math.Min(1, sinAlt))
	alt = math.Asin(sinAlt)
	// Azimuth from north, clockwise: atan2(east, north) components of the sun's direction.
	east := -math.Cos(decl) * math.Sin(ha)
	north := math.Sin(decl)*math.Cos(phi) - math.Cos(decl)*math.Cos(ha)*math.Sin(phi)
	az = math.Atan2(east, north) / rad
	if az < 0 {
		az += 360
	}
	return alt / rad, az
}

// At returns the sun's position at instant t seen from latitude lat and longitude lon
// (degrees, east positive), by NOAA's algorithm (see the package doc). The altitude is
// geometric: add refraction for what an eye would see near the horizon.
func At(t time.Time, lat, lon float64) Position {
	T := julianCentury(t)
	ep := ephemerisAt(T)
	u := t.UTC()
	minutes := float64(u.Hour()*60+u.Minute()) + (float64(u.Second())+float64(u.Nanosecond())/1e9)/60
	tst := minutes + ep.eot + 4*lon // true (apparent) solar time, minutes
	ha := (tst/4 - 180) * rad
	alt, az := horizontal(lat, ep.decl, ha)
	return Position{Altitude: alt, Azimuth: az, Declination: ep.decl / rad, EquationOfTime: ep.eot}
}

// Day is a calendar date at a place: the day whose apparent solar time a sunlight standard
// counts (8:00–16:00 真太阳时 of 大寒日, say).
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// String formats the day as 2006-01-02.
func (d Day) String() string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// Instant returns the instant at which apparent solar time at longitude lon (degrees, east
// positive) reads minutes past midnight of day d. It solves t = midnight UT + minutes −
// 4·lon − EoT(t), which converges in two steps because the equation of time changes by under
// half a minute a day.
func (d Day) Instant(minutes, lon float64) time.Time {
	base := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	off := minutes - 4*lon
	at := func(m float64) time.Time { return base.Add(time.Duration(m * float64(time.Minute))) }
	t := at(off)
	for range 2 {
		t = at(off - ephemerisAt(julianCentury(t)).eot)
	}
	return t
}

// AtSolarTime returns the sun's position at latitude lat and longitude lon when apparent
// solar time (真太阳时) reads minutes past midnight of day d: the hour angle is exactly
// (minutes/4 − 180)°, and the declination is the sun's at that instant.
func AtSolarTime(d Day, minutes, lat, lon float64) Position {
	t := d.Instant(minutes, lon)
	ep := ephemerisAt(julianCentury(t))
	alt, az := horizontal(lat, ep.decl, (minutes/4-180)*rad)
	return Position{Altitude: alt, Azimuth: az, Declination: ep.decl / rad, EquationOfTime: ep.eot}
}

// Solar terms (节气) used by sunlight standards, as the sun's apparent ecliptic longitude in
// degrees.
const (
	WinterSolstice = 270.0 // 冬至, about 21–22 December
	GreatCold      = 300.0 // 大寒, about 20–21 January
)

// chinaTime is China Standard Time, UTC+8, in which the solar terms' dates are reckoned.
var chinaTime = time.FixedZone("CST", 8*3600)

// Term returns the instant in year (UTC) at which the sun's apparent ecliptic longitude is
// longitude degrees (0 ≤ longitude < 360; WinterSolstice, GreatCold), to about a minute by
// NOAA's formulas (their longitude is good to about 0.01°, a quarter of an hour of the sun's
// motion), found by bisection.
func Term(year int, longitude float64) time.Time {
	// The sun is at longitude 280° near 1 January; days from 1 January ≈ (λ − 280)/0.9856.
	days := math.Mod(longitude-280+360, 360) / 0.98564736
	lo := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration((days - 5) * 24 * float64(time.Hour)))
	hi := lo.Add(10 * 24 * time.Hour)
	diff := func(t time.Time) float64 { // signed longitude past the target, in (−180, 180]
		d := math.Mod(ephemerisAt(julianCentury(t)).longitude-longitude+540, 360) - 180
		return d
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if diff(mid) < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo.Truncate(time.Second)
}

// TermDay returns the date, in China Standard Time (UTC+8), of the solar term at longitude
// in year: the standard day (日照标准日) a Chinese sunlight standard names, e.g.
// TermDay(2026, GreatCold) is 大寒日 of 2026.
func TermDay(year int, longitude float64) Day {
	t := Term(year, longitude).In(chinaTime)
	return Day{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}
