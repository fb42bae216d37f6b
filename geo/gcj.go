package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// GCJ-02 ("火星坐标", used by Amap/高德 and Tencent/腾讯) is WGS84 plus a deliberate, smoothly
// varying offset of 30–700 m, and BD-09 (Baidu/百度) is GCJ-02 plus a second, polar
// perturbation of 760–990 m. Both forward formulas are the public re-implementations
// (googollee/eviltransform, wandergis/coordtransform; they agree to the last bit). The
// inverses here solve the forward formula by Newton's method with its analytic Jacobian, so a
// round trip loses less than a micrometre; the one-step inverse 2·g − f(g) of the popular
// libraries is off by up to 5 m and is not offered.

// Constants of the public GCJ-02 formula: the Krasovsky semi-major axis and an e² close to it.
const (
	gcjA  = 6378245.0
	gcjEE = 0.00669342162296594323
	bdXPi = math.Pi * 3000.0 / 180.0
)

// The "outside China" box. Two boxes are published: coordtransform's 73.66 < lon < 135.05,
// 3.86 < lat < 53.55 (China's textbook extreme points, so its edges run through Chinese
// territory at Mohe, Fuyuan and the Pamirs) and eviltransform's, below, which holds all of
// China with at least 120 km to spare on every side. We take eviltransform's: both
// directions decide on their input point, and the forward map jumps by the full offset at
// the box edge, so a point whose offset carries it across the edge cannot round-trip. With
// this box that band (under 1 km wide) lies far outside China, and every Chinese point
// round-trips exactly.
const (
	gcjMinLon = 72.004
	gcjMaxLon = 137.8347
	gcjMinLat = 0.8293
	gcjMaxLat = 55.8271
)

// OutOfChina reports whether p = {lon, lat} in degrees lies outside the box in which GCJ-02
// applies its offset: it is outside when lon < 72.004 or lon > 137.8347 or lat < 0.8293 or
// lat > 55.8271 (the box of googollee/eviltransform; the edges themselves are inside). The
// box holds all of China, including the South China Sea islands, with at least 120 km to
// spare; it also holds parts of neighbouring countries, which GCJ-02 shifts too. A NaN
// coordinate is reported as outside.
func OutOfChina(p orb.Point) bool {
	return !(p[0] >= gcjMinLon && p[0] <= gcjMaxLon && p[1] >= gcjMinLat && p[1] <= gcjMaxLat)
}

// WGS84ToGCJ02 converts p = {lon, lat} from WGS84 degrees to GCJ-02 degrees with the public
// formula. Points outside China (see OutOfChina) are returned unchanged. It reproduces the
// reference implementations to within a few units in the last place.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if OutOfChina(p) {
		return p
	}
	dLon, dLat := gcjOffset(p[0], p[1])
	return orb.Point{p[0] + dLon, p[1] + dLat}
}

// GCJ02ToWGS84 converts p = {lon, lat} from GCJ-02 degrees to WGS84 degrees, inverting
// WGS84ToGCJ02 by Newton's method: WGS84ToGCJ02(GCJ02ToWGS84(g)) equals g, and
// GCJ02ToWGS84(WGS84ToGCJ02(w)) equals w, to better than 1e-6 m anywhere in China
// (measured: under 1e-8 m; up to 3.5e-7 m within 3e-12° of the meridian 105°E, where the
// formula itself maps points a few tenths of a micrometre apart onto one). Points outside
// China (see OutOfChina, decided on p) are returned unchanged. Within about 1 km inside the box edges, far from China, the offset can
// carry a point across the edge and the round trip is not exact there.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	if OutOfChina(p) {
		return p
	}
	w, _ := gcjInverse(p)
	return w
}

// GCJ02ToBD09 converts p = {lon, lat} from GCJ-02 degrees to BD-09 degrees with Baidu's
// public formula. The formula is applied everywhere (the published code has no box).
func GCJ02ToBD09(p orb.Point) orb.Point {
	x, y := p[0], p[1]
	z := math.Hypot(x, y) + 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*bdXPi)
	s, c := math.Sincos(theta)
	return orb.Point{z*c + 0.0065, z*s + 0.006}
}

// BD09ToGCJ02 converts p = {lon, lat} from BD-09 degrees to GCJ-02 degrees, inverting
// GCJ02ToBD09 by Newton's method from the published closed-form approximation (which alone
// is off by up to 0.2 m); a round trip loses less than 1e-6 m.
func BD09ToGCJ02(p orb.Point) orb.Point {
	g, _ := bdInverse(p)
	return g
}

// WGS84ToBD09 converts p = {lon, lat} from WGS84 degrees to BD-09 degrees: GCJ-02 first
// (skipped outside China, see OutOfChina), then BD-09.
func WGS84ToBD09(p orb.Point) orb.Point { return GCJ02ToBD09(WGS84ToGCJ02(p)) }

// BD09ToWGS84 converts p = {lon, lat} from BD-09 degrees to WGS84 degrees, the exact inverse
// of WGS84ToBD09 (round trip under 1e-6 m in China).
func BD09ToWGS84(p orb.Point) orb.Point { return GCJ02ToWGS84(BD09ToGCJ02(p)) }

// gcjOffset returns the GCJ-02 offset (dLon, dLat) in degrees at the WGS84 point (lon, lat)
// in degrees, written as in the reference implementations so that the forward conversion
// matches them bit for bit where the compiler allows.
func gcjOffset(lon, lat float64) (dLon, dLat float64) {
	x, y := lon-105.0, lat-35.0
	xy := x * y
	absX := math.Sqrt(math.Abs(x))
	xPi, yPi := x*math.Pi, y*math.Pi
	d := 20.0*math.Sin(6.0*xPi) + 20.0*math.Sin(2.0*xPi)
	rLat, rLon := d, d
	rLat += 20.0*math.Sin(yPi) + 40.0*math.Sin(yPi/3.0)
	rLon += 20.0*math.Sin(xPi) + 40.0*math.Sin(xPi/3.0)
	rLat += 160.0*math.Sin(yPi/12.0) + 320*math.Sin(yPi/30.0)
	rLon += 150.0*math.Sin(xPi/12.0) + 300.0*math.Sin(xPi/30.0)
	rLat *= 2.0 / 3.0
	rLon *= 2.0 / 3.0
	rLat += -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*xy + 0.2*absX
	rLon += 300.0 + x + 2.0*y + 0.1*x*x + 0.1*xy + 0.1*absX
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - gcjEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = (rLat * 180.0) / ((gcjA * (1 - gcjEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = (rLon * 180.0) / (gcjA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dLon, dLat
}

// gcjJet is the GCJ-02 offset at a point with its partial derivatives, all in degrees per
// degree.
type gcjJet struct {
	dLon, dLat         float64
	dLonDLon, dLonDLat float64
	dLatDLon, dLatDLat float64
}

// gcjTrig holds the sines and cosines the offset needs at a point: of xπ/12, xπ/30, yπ/12,
// yπ/30 (x = lon − 105, y = lat − 35, degrees) and of the latitude. Every other angle of the
// formula is a multiple of these.
type gcjTrig struct {
	sx12, cx12, sx30, cx30 float64
	sy12, cy12, sy30, cy30 float64
	sPhi, cPhi             float64
}

// gcjTrigAt evaluates the five sincos at (lon, lat).
func gcjTrigAt(lon, lat float64) gcjTrig {
	x, y := lon-105.0, lat-35.0
	var t gcjTrig
	t.sx12, t.cx12 = math.Sincos(x * (math.Pi / 12))
	t.sx30, t.cx30 = math.Sincos(x * (math.Pi / 30))
	t.sy12, t.cy12 = math.Sincos(y * (math.Pi / 12))
	t.sy30, t.cy30 = math.Sincos(y * (math.Pi / 30))
	t.sPhi, t.cPhi = math.Sincos(lat * (math.Pi / 180))
	return t
}

// gcjShiftMax is the largest shift in degrees for which shifted is used: the angles then move
// by at most 0.005 rad, where its Taylor series are exact to 1e-22.
const gcjShiftMax = 0.02

// shifted returns the sines and cosines at (lon + dLon, lat + dLat) from those at (lon, lat)
// by the angle-addition formulas, with the sine and cosine of the small increments from their
// Taylor series: four times cheaper than gcjTrigAt. |dLon| and |dLat| must not exceed
// gcjShiftMax.
func (t *gcjTrig) shifted(dLon, dLat float64) gcjTrig {
	var u gcjTrig
	u.sx12, u.cx12 = gcjAddAngle(t.sx12, t.cx12, dLon*(math.Pi/12))
	u.sx30, u.cx30 = gcjAddAngle(t.sx30, t.cx30, dLon*(math.Pi/30))
	u.sy12, u.cy12 = gcjAddAngle(t.sy12, t.cy12, dLat*(math.Pi/12))
	u.sy30, u.cy30 = gcjAddAngle(t.sy30, t.cy30, dLat*(math.Pi/30))
	u.sPhi, u.cPhi = gcjAddAngle(t.sPhi, t.cPhi, dLat*(math.Pi/180))
	return u
}

// gcjAddAngle returns sin(a + d) and cos(a + d) from sin a, cos a and a small d (|d| ≤ 0.005).
func gcjAddAngle(s, c, d float64) (float64, float64) {
	// Horner form with constant coefficients: multiplications only, no division.
	d2 := d * d
	sd := d * (1 + d2*(-1.0/6+d2*(1.0/120+d2*(-1.0/5040))))
	cd := 1 + d2*(-1.0/2+d2*(1.0/24+d2*(-1.0/720+d2*(1.0/40320))))
	return s*cd + c*sd, c*cd - s*sd
}

// gcjOffsetJet evaluates the GCJ-02 offset and its Jacobian at (lon, lat).
func gcjOffsetJet(lon, lat float64) gcjJet {
	t := gcjTrigAt(lon, lat)
	return gcjJetOf(lon, lat, &t)
}

// gcjJetOf evaluates the GCJ-02 offset and its Jacobian at (lon, lat) given the sines and
// cosines there. It uses five sincos where the reference takes twelve sines: the sines of
// xπ/3, xπ, 2xπ and 6xπ follow from xπ/12 by double- and triple-angle formulas (and likewise
// for y), which costs at most 1e-13 m of rounding and gives the cosines the derivatives need
// for free.
func gcjJetOf(lon, lat float64, t *gcjTrig) gcjJet {
	const twoThirds = 2.0 / 3.0
	x, y := lon-105.0, lat-35.0

	sx12, cx12, sx30, cx30 := t.sx12, t.cx12, t.sx30, t.cx30
	sx6, cx6 := 2*sx12*cx12, 1-2*sx12*sx12 // xπ/6
	sx3, cx3 := 2*sx6*cx6, 1-2*sx6*sx6     // xπ/3
	sx1, cx1 := gcjTriple(sx3, cx3)        // xπ
	sx2, cx2 := 2*sx1*cx1, 1-2*sx1*sx1     // 2xπ
	sx6p, cx6p := gcjTriple(sx2, cx2)      // 6xπ

	sy12, cy12, sy30, cy30 := t.sy12, t.cy12, t.sy30, t.cy30
	sy6, cy6 := 2*sy12*cy12, 1-2*sy12*sy12 // yπ/6
	sy3, cy3 := 2*sy6*cy6, 1-2*sy6*sy6     // yπ/3
	sy1, cy1 := gcjTriple(sy3, cy3)        // yπ

	absX := math.Abs(x)
	sqrtX := math.Sqrt(absX)
	// d√|x|/dx is infinite at x = 0 (lon 105°E); its effect is below a micrometre once
	// |x| < 1e-12°, so the derivative is capped there and Newton stays finite.
	dSqrt := 0.5 / math.Sqrt(math.Max(absX, 1e-12))
	if x < 0 {
		dSqrt = -dSqrt
	}

	common := 20*sx6p + 20*sx2
	dCommon := 120*math.Pi*cx6p + 40*math.Pi*cx2
	rLat := -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*sqrtX +
		twoThirds*(common+20*sy1+40*sy3+160*sy12+320*sy30)
	rLon := 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*sqrtX +
		twoThirds*(common+20*sx1+40*sx3+150*sx12+300*sx30)
	rLatX := 2 + 0.1*y + 0.2*dSqrt + twoThirds*dCommon
	rLatY := 3 + 0.4*y + 0.1*x +
		twoThirds*math.Pi*(20*cy1+40.0/3*cy3+160.0/12*cy12+320.0/30*cy30)
	rLonX := 1 + 0.2*x + 0.1*y + 0.1*dSqrt +
		twoThirds*(dCommon+math.Pi*(20*cx1+40.0/3*cx3+150.0/12*cx12+300.0/30*cx30))
	rLonY := 2 + 0.1*x

	// Scale from "metres" of the formula to degrees: meridian and parallel radii of
	// curvature of the Krasovsky-like ellipsoid, as in the reference code.
	const deg = 180 / math.Pi
	sPhi, cPhi := t.sPhi, t.cPhi
	m := 1 - gcjEE*sPhi*sPhi
	sqrtM := math.Sqrt(m)
	invCPhi := 1 / cPhi
	fLat := m * sqrtM * (deg / (gcjA * (1 - gcjEE)))
	fLon := sqrtM * invCPhi * (deg / gcjA)
	// d/dlat (per degree) of the two scale factors.
	dm := -gcjEE * sPhi * cPhi / m // (1/2)(dm/dφ)/m per radian
	fLatY := fLat * dm * (3 / deg)
	fLonY := fLon * (dm + sPhi*invCPhi) * (1 / deg)

	return gcjJet{
		dLon:     rLon * fLon,
		dLat:     rLat * fLat,
		dLonDLon: rLonX * fLon,
		dLonDLat: rLonY*fLon + rLon*fLonY,
		dLatDLon: rLatX * fLat,
		dLatDLat: rLatY*fLat + rLat*fLatY,
	}
}

// gcjTriple returns sin 3θ and cos 3θ from sin θ and cos θ.
func gcjTriple(s, c float64) (float64, float64) {
	return s * (3 - 4*s*s), c * (4*c*c - 3)
}

// gcjStepTol is the Newton step, in degrees, below which the GCJ-02 and BD-09 inverses stop.
// Newton converges quadratically: the error after a step of size h is at most about K·h²
// with K under 0.003 per metre (measured over China away from 105°E), so once a step is
// below 1e-8° (about 1 mm) the error left is under 1e-8 m. From w = g the steps are about
// 700 m, 1 m and 1 mm: three evaluations.
const gcjStepTol = 1e-8

// gcjMaxIter bounds the Newton iterations; three suffice everywhere in China away from
// the meridian 105°E, and gcjMaxIterNearCusp bounds them near it.
const (
	gcjMaxIter         = 8
	gcjMaxIterNearCusp = 40
)

// gcjInverse solves w + δ(w) = g for w by Newton's method starting from w = g, and returns w
// and the number of evaluations of the offset it used. The sines and cosines are computed
// once, at g; the iterates stay within the offset (under 0.011°) of g, so later evaluations
// shift them by angle addition instead of calling sincos again.
func gcjInverse(g orb.Point) (orb.Point, int) {
	lon, lat := g[0], g[1]
	base := gcjTrigAt(lon, lat)
	n := 0
	for n < gcjMaxIter {
		var j gcjJet
		dLon, dLat := lon-g[0], lat-g[1]
		if n == 0 {
			j = gcjJetOf(lon, lat, &base)
		} else if math.Abs(dLon) <= gcjShiftMax && math.Abs(dLat) <= gcjShiftMax {
			t := base.shifted(dLon, dLat)
			j = gcjJetOf(lon, lat, &t)
		} else {
			j = gcjOffsetJet(lon, lat)
		}
		n++
		stepLon, stepLat := gcjNewtonStep(g, lon, lat, &j)
		lon += stepLon
		lat += stepLat
		if !(math.Abs(stepLon) >= gcjStepTol || math.Abs(stepLat) >= gcjStepTol) {
			break
		}
	}
	if math.Abs(lon-105) < gcjCuspBand {
		return gcjInverseNearCusp(g, lon, lat, n)
	}
	return orb.Point{lon, lat}, n
}

// gcjNewtonStep returns the Newton step (I + Dδ)⁻¹·(g − w − δ(w)) at w = (lon, lat).
func gcjNewtonStep(g orb.Point, lon, lat float64, j *gcjJet) (float64, float64) {
	rLon := g[0] - (lon + j.dLon)
	rLat := g[1] - (lat + j.dLat)
	a, b := 1+j.dLonDLon, j.dLonDLat
	c, d := j.dLatDLon, 1+j.dLatDLat
	det := a*d - b*c
	return (d*rLon - b*rLat) / det, (a*rLat - c*rLon) / det
}

// gcjCuspBand is the distance in degrees from the meridian 105°E within which the inverse
// takes the careful path. The formula's √|lon − 105| term has an infinite derivative on that
// meridian, so Newton loses its quadratic convergence there (left alone, it stops up to
// 0.1 mm off within 1e-9° of 105°E).
const gcjCuspBand = 1e-4

// gcjInverseNearCusp refines w = (lon, lat) by Newton steps that are halved until they
// reduce the residual |F(w) − g|, and stops when the residual is below 1e-13° (about 1e-8 m)
// or no longer falls. Within about 3e-12° of 105°E the forward map is not one-to-one (the
// c·√|x| term outgrows x for |x| < c², c ≈ 1.6e-6 √°), so a preimage there is only defined
// to that width, a few tenths of a micrometre.
func gcjInverseNearCusp(g orb.Point, lon, lat float64, n int) (orb.Point, int) {
	residual := func(lon, lat float64) float64 {
		dLon, dLat := gcjOffset(lon, lat)
		return math.Max(math.Abs(g[0]-(lon+dLon)), math.Abs(g[1]-(lat+dLat)))
	}
	r := residual(lon, lat)
	for n < gcjMaxIterNearCusp && r > 1e-13 {
		j := gcjOffsetJet(lon, lat)
		n++
		stepLon, stepLat := gcjNewtonStep(g, lon, lat, &j)
		improved := false
		for range 20 {
			r2 := residual(lon+stepLon, lat+stepLat)
			if r2 < r {
				lon, lat, r = lon+stepLon, lat+stepLat, r2
				improved = true
				break
			}
			stepLon, stepLat = stepLon/2, stepLat/2
		}
		if !improved {
			break
		}
	}
	return orb.Point{lon, lat}, n
}

// bdInverse solves GCJ02ToBD09(w) = b for w by Newton's method from the published
// closed-form approximation, and returns w and the number of Newton steps.
func bdInverse(b orb.Point) (orb.Point, int) {
	// Closed-form approximation (good to about 0.2 m).
	x, y := b[0]-0.0065, b[1]-0.006
	z := math.Hypot(x, y) - 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) - 0.000003*math.Cos(x*bdXPi)
	s, c := math.Sincos(theta)
	x, y = z*c, z*s
	n := 0
	for n < gcjMaxIter {
		n++
		r2 := x*x + y*y
		r := math.Sqrt(r2)
		sy, cy := math.Sincos(y * bdXPi)
		sx, cx := math.Sincos(x * bdXPi)
		zz := r + 0.00002*sy
		th := math.Atan2(y, x) + 0.000003*cx
		st, ct := math.Sincos(th)
		fx := zz*ct + 0.0065
		fy := zz*st + 0.006
		// Jacobian of (fx, fy) with respect to (x, y).
		zx, zy := x/r, y/r+0.00002*bdXPi*cy
		tx, ty := -y/r2-0.000003*bdXPi*sx, x/r2
		a := zx*ct - zz*st*tx
		bb := zy*ct - zz*st*ty
		cc := zx*st + zz*ct*tx
		d := zy*st + zz*ct*ty
		det := a*d - bb*cc
		rx, ry := b[0]-fx, b[1]-fy
		dx := (d*rx - bb*ry) / det
		dy := (a*ry - cc*rx) / det
		x += dx
		y += dy
		if !(math.Abs(dx) >= gcjStepTol || math.Abs(dy) >= gcjStepTol) {
			break
		}
	}
	return orb.Point{x, y}, n
}
