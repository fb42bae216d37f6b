package load

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xiaoqu/xiaoqu/geo"
)

// ErrCRSConflict is wrapped when a file declares a coordinate system other than the one the
// caller gave.
var ErrCRSConflict = errors.New("coordinate system conflict")

// Where a layer's CRS came from, as LayerReport.CRSFrom says.
const (
	FromOption      = "option"       // Options.CRS (ReadOptions.CRS)
	FromLayerOption = "layer option" // Options.LayerCRS, the caller's CRS for that one layer
	FromFile        = "file"         // the file's declaration
	FromDefault     = "default"      // neither: WGS84
)

// resolveCRS decides a layer's CRS from the caller's (zero when not given) and the file's
// declaration (zero when none; declared names the declaration for messages, empty when none).
// With override a given CRS is taken even where the file declares another; overrode then
// names that declaration.
func resolveCRS(file string, given, found geo.CRS, declared string, override bool) (crs geo.CRS, from, overrode string, err error) {
	if override && given != (geo.CRS{}) {
		if found != (geo.CRS{}) && !sameCRS(given, found) {
			overrode = found.String()
		}
		return given, FromOption, overrode, nil
	}
	crs, from, err = resolveDeclared(file, given, found, declared)
	return crs, from, "", err
}

func resolveDeclared(file string, given, found geo.CRS, declared string) (geo.CRS, string, error) {
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

// ParseLayerCRS parses a list of per-layer coordinate systems for Options.LayerCRS, as a
// command line gives it: "facilities=wgs84,buildings=gcj02". Each role is a layer role
// (compounds, buildings, facilities, green, zones, gates) or one of the layer names District
// looks for (小区, 楼栋, 设施, green_spaces, …), and each CRS is what geo.ParseCRS reads (wgs84,
// cgcs2000, gcj02, bd09, EPSG:NNNN). An empty s gives an empty map.
//
// Errors name the item: one without "=", an unknown role, a role given twice, or a CRS
// geo.ParseCRS refuses (wrapping its error, geo.ErrUnknownCRS for an unknown name).
func ParseLayerCRS(s string) (map[string]geo.CRS, error) {
	m := map[string]geo.CRS{}
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	for item := range strings.SplitSeq(s, ",") {
		name, crsText, ok := strings.Cut(strings.TrimSpace(item), "=")
		name, crsText = strings.TrimSpace(name), strings.TrimSpace(crsText)
		if !ok || name == "" || crsText == "" {
			return nil, fmt.Errorf("%q is not ROLE=CRS (e.g. facilities=wgs84)", item)
		}
		role := layerRole(name)
		if role == "" {
			return nil, fmt.Errorf("%q: %q is not a layer role (%s)", item, name, strings.Join(layerRoles, ", "))
		}
		if _, dup := m[role]; dup {
			return nil, fmt.Errorf("%q: the %s layer's CRS is given twice", item, role)
		}
		c, err := geo.ParseCRS(crsText)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", item, err)
		}
		m[role] = c
	}
	return m, nil
}

// layerRole returns the role a name stands for (a role or one of its layerNames), or "".
func layerRole(name string) string {
	for _, role := range layerRoles {
		for _, n := range layerNames[role] {
			if strings.EqualFold(n, name) {
				return role
			}
		}
	}
	return ""
}
