package geo

import "math"

// Ellipsoid is a reference ellipsoid of revolution: semi-major axis A in metres and flattening
// F (dimensionless). The zero value is not usable; take EllipsoidWGS84 or EllipsoidCGCS2000.
type Ellipsoid struct {
	Name string  // short name, e.g. "WGS84"
	A    float64 // semi-major axis in metres
	F    float64 // flattening (a−b)/a
}

// The ellipsoids of the coordinate systems used in China. CGCS2000 differs from WGS84 only in
// the flattening (1/298.257222101 against 1/298.257223563), which moves a 1 ha area by about
// 6e-8 m²; it is kept separate so that measures can name the ellipsoid they used.
var (
	// EllipsoidWGS84 is the WGS84 ellipsoid (EPSG:7030).
	EllipsoidWGS84 = Ellipsoid{Name: "WGS84", A: 6378137, F: 1 / 298.257223563}
	// EllipsoidCGCS2000 is the CGCS2000 ellipsoid (EPSG:1024).
	EllipsoidCGCS2000 = Ellipsoid{Name: "CGCS2000", A: 6378137, F: 1 / 298.257222101}
)

// E2 returns the square of the first eccentricity, f(2−f).
func (e Ellipsoid) E2() float64 { return e.F * (2 - e.F) }

// eccentricity returns the first eccentricity √(f(2−f)).
func (e Ellipsoid) eccentricity() float64 { return math.Sqrt(e.E2()) }

// thirdFlattening returns n = f/(2−f), the expansion parameter of Krüger's series.
func (e Ellipsoid) thirdFlattening() float64 { return e.F / (2 - e.F) }
