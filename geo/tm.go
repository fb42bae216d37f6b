package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// TransverseMercator is the transverse Mercator projection on an ellipsoid, the projection of
// the CGCS2000 Gauss-Krüger zones and of UTM. It evaluates Krüger's series to order n⁶ as given
// by Karney, "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85 (2011):
// errors stay below 5 nm within 3,900 km of the central meridian, far beyond any zone.
//
// Forward takes orb.Point{lon, lat} in degrees and returns orb.Point{easting, northing} in
// metres; Inverse does the reverse. A TransverseMercator is immutable and safe for concurrent
// use. Make one with NewTransverseMercator or LocalTM.
type TransverseMercator struct {
	ellipsoid     Ellipsoid
	lon0          float64 // central meridian, degrees
	k0            float64 // scale on the central meridian
	falseEasting  float64 // metres
	falseNorthing float64 // metres, including the shift that puts lat0 at falseNorthing
	e             float64 // first eccentricity
	e2m           float64 // 1 − e²
	kA            float64 // k0 × rectifying radius A
	alpha, beta   [7]float64
}

// NewTransverseMercator returns the transverse Mercator projection on ellipsoid e with central
// meridian lon0 and latitude of origin lat0 (degrees), scale factor k0 on the central meridian,
// and false easting and northing in metres: the point (lon0, lat0) maps to
// (falseEasting, falseNorthing). Gauss-Krüger zones use lat0 = 0 and k0 = 1; UTM uses k0 = 0.9996.
func NewTransverseMercator(e Ellipsoid, lon0, lat0, k0, falseEasting, falseNorthing float64) *TransverseMercator {
	n := e.thirdFlattening()
	n2 := n * n
	n3 := n2 * n
	n4 := n3 * n
	n5 := n4 * n
	n6 := n5 * n
	t := &TransverseMercator{
		ellipsoid:    e,
		lon0:         lon0,
		k0:           k0,
		falseEasting: falseEasting,
		e:            e.eccentricity(),
		e2m:          1 - e.E2(),
	}
	// Rectifying radius A = a/(1+n) (1 + n²/4 + n⁴/64 + n⁶/256), Karney (2011) eq. (14).
	t.kA = k0 * e.A / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	// Karney (2011) eq. (35): forward series coefficients α.
	t.alpha = [7]float64{0,
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	// Karney (2011) eq. (36): inverse series coefficients β.
	t.beta = [7]float64{0,
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	// Northing of the origin latitude on the central meridian, so that lat0 maps to falseNorthing.
	xi0, _ := t.series(&t.alpha, math.Atan(t.conformalTan(math.Tan(lat0*math.Pi/180))), 0, 1)
	t.falseNorthing = falseNorthing - t.kA*xi0
	return t
}

// LocalTM returns a transverse Mercator on the WGS84 ellipsoid centred on the point c
// (lon/lat degrees): c maps to (0, 0) and the scale is 1 on the meridian through c. Within a
// few kilometres of c, planar distances and areas in it differ from geodesic ones by less than
// one part in 10⁷, which makes it the metric frame for overlay and distance on a district.
func LocalTM(c orb.Point) *TransverseMercator {
	return NewTransverseMercator(EllipsoidWGS84, c[0], c[1], 1, 0, 0)
}

// Ellipsoid returns the ellipsoid the projection is defined on.
func (t *TransverseMercator) Ellipsoid() Ellipsoid { return t.ellipsoid }

// FalseEasting returns the easting of the central meridian in metres.
func (t *TransverseMercator) FalseEasting() float64 { return t.falseEasting }

// CentralMeridian returns the central meridian in degrees.
func (t *TransverseMercator) CentralMeridian() float64 { return t.lon0 }

// Forward projects p = {lon, lat} in degrees to {easting, northing} in metres.
func (t *TransverseMercator) Forward(p orb.Point) orb.Point {
	lam := math.Remainder(p[0]-t.lon0, 360) * math.Pi / 180
	phi := p[1] * math.Pi / 180
	taup := t.conformalTan(math.Tan(phi))
	sinLam, cosLam := math.Sincos(lam)
	xip := math.Atan2(taup, cosLam)
	etap := math.Asinh(sinLam / math.Hypot(taup, cosLam))
	xi, eta := t.series(&t.alpha, xip, etap, 1)
	return orb.Point{t.falseEasting + t.kA*eta, t.falseNorthing + t.kA*xi}
}

// Inverse maps p = {easting, northing} in metres back to {lon, lat} in degrees.
func (t *TransverseMercator) Inverse(p orb.Point) orb.Point {
	xi := (p[1] - t.falseNorthing) / t.kA
	eta := (p[0] - t.falseEasting) / t.kA
	xip, etap := t.series(&t.beta, xi, eta, -1)
	sinXip, cosXip := math.Sincos(xip)
	sinhEtap := math.Sinh(etap)
	taup := sinXip / math.Hypot(sinhEtap, cosXip)
	lam := math.Atan2(sinhEtap, cosXip)
	phi := math.Atan(t.geographicTan(taup))
	return orb.Point{t.lon0 + lam*180/math.Pi, phi * 180 / math.Pi}
}

// series returns ζ + sign·Σ c_j sin(2jζ) for ζ = xi + i·eta, summed by Clenshaw's recurrence on
// complex numbers so that only one sin/cos and one exp are evaluated.
func (t *TransverseMercator) series(c *[7]float64, xi, eta, sign float64) (float64, float64) {
	s2, c2 := math.Sincos(2 * xi)
	ex := math.Exp(2 * eta)
	sh2, ch2 := (ex-1/ex)/2, (ex+1/ex)/2
	// sin(2ζ) and 2cos(2ζ) as complex numbers.
	sinZ := complex(s2*ch2, c2*sh2)
	twoCos := complex(2*c2*ch2, -2*s2*sh2)
	var b1, b2 complex128
	for j := 6; j >= 1; j-- {
		b1, b2 = complex(c[j], 0)+twoCos*b1-b2, b1
	}
	s := sinZ * b1
	return xi + sign*real(s), eta + sign*imag(s)
}

// conformalTan returns tan χ, the tangent of the conformal latitude, for τ = tan φ
// (Karney 2011, eq. 7 written with hyperbolic functions to stay accurate near the poles).
func (t *TransverseMercator) conformalTan(tau float64) float64 {
	tau1 := math.Hypot(1, tau)
	sig := math.Sinh(t.e * math.Atanh(t.e*tau/tau1))
	return math.Hypot(1, sig)*tau - sig*tau1
}

// geographicTan inverts conformalTan by Newton's method (Karney 2011, eqs. 19–21); it converges
// to full precision in two or three steps for every latitude.
func (t *TransverseMercator) geographicTan(taup float64) float64 {
	const tol = 1.4901161193847656e-09 // √(machine epsilon) / 10
	tau := taup / t.e2m
	stol := tol * math.Max(1, math.Abs(taup))
	for range 5 {
		taupa := t.conformalTan(tau)
		dtau := (taup - taupa) * (1 + t.e2m*tau*tau) /
			(t.e2m * math.Hypot(1, tau) * math.Hypot(1, taupa))
		tau += dtau
		if !(math.Abs(dtau) >= stol) {
			break
		}
	}
	return tau
}
