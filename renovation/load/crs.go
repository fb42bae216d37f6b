package load

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/xiaoqu/xiaoqu/geo"
)

// ErrCRSConflict is wrapped when a file declares a coordinate system other than the one the
// caller gave.
var ErrCRSConflict = errors.New("coordinate system conflict")

// Where a layer's CRS came from, as LayerReport.CRSFrom says.
const (
	FromOption  = "option"  // Options.CRS
	FromFile    = "file"    // the file's declaration
	FromDefault = "default" // neither: WGS84
)

// resolveCRS decides a layer's CRS from the caller's (zero when not given) and the file's
// declaration (zero when none; declared names the declaration for messages, empty when none).
func resolveCRS(file string, given, found geo.CRS, declared string) (geo.CRS, string, error) {
	switch {
	case declared != "" && found == (geo.CRS{}) && given == (geo.CRS{}):
		return geo.CRS{}, "", fmt.Errorf("%s: declares the coordinate system %s, which is not one this library handles (%w); give the CRS", file, declared, geo.ErrUnknownCRS)
	case given == (geo.CRS{}) && found == (geo.CRS{}):
		return geo.WGS84, FromDefault, nil
	case given == (geo.CRS{}):
		return found, FromFile, nil
	case found == (geo.CRS{}) || sameCRS(given, found):
		return given, FromOption, nil
	}
	return geo.CRS{}, "", fmt.Errorf("%s: %w: the file declares %s but %s was given", file, ErrCRSConflict, found, given)
}

// sameCRS reports whether two CRSs give the same coordinates: equal, or WGS84 and CGCS2000.
func sameCRS(a, b geo.CRS) bool {
	geographic := func(c geo.CRS) bool { return c == geo.WGS84 || c == geo.CGCS2000 }
	return a == b || (geographic(a) && geographic(b))
}

// crsOfEPSG returns the CRS of an EPSG code, or the zero CRS when geo does not handle it.
func crsOfEPSG(code int) geo.CRS {
	c, err := geo.ParseCRS("EPSG:" + strconv.Itoa(code))
	if err != nil {
		return geo.CRS{}
	}
	return c
}

// crsName is the short name of a CRS for reports: "wgs84", "gcj02", "EPSG:4548".
func crsName(c geo.CRS) string {
	b, err := c.MarshalText()
	if err != nil {
		return ""
	}
	return string(b)
}
