package main

import (
	"encoding/json"

	"github.com/xiaoqu/xiaoqu/geo"
)

// fileOutput is a format -to can name besides a CRS. Such formats are written to the file
// given with -o, in the CRS crs.
type fileOutput struct {
	crs     geo.CRS
	crsName string // the -to value that gives GeoJSON in crs, for the "not yet wired" message
	// write writes the converted features (coordinates already in crs) to path; nil while the
	// writer is not wired in, and missing then says what is awaited.
	write   func(path string, crs geo.CRS, doc *document) error
	missing string
}

// fileOutputs are the formats other than GeoJSON. The GeoPackage and KML writers live in
// geo/gpkg and geo/kml; to wire one, set write to a function that opens path and hands each
// feature's geometry (f.geometry) and properties (f.properties()) to the writer.
var fileOutputs = map[string]fileOutput{
	"gpkg": {crs: geo.CGCS2000, crsName: "cgcs2000", missing: "the GeoPackage writer (geo/gpkg) is not in this build"},
	"kml":  {crs: geo.WGS84, crsName: "wgs84", missing: "the KML writer (geo/kml) is not in this build"},
}

// property is one member of a feature's "properties", decoded, in input order.
type property struct {
	Key   string
	Value any // string, json.Number, bool, nil, []any or map[string]any
}

// properties returns the feature's properties in input order, numbers as json.Number so that
// no digit is lost; nil when the feature has none or they are null.
func (f *feature) properties() ([]property, error) {
	for _, m := range f.members {
		if m.key != "properties" || isNull(m.raw) {
			continue
		}
		members, err := objectMembers(m.raw)
		if err != nil {
			return nil, err
		}
		props := make([]property, len(members))
		for i, pm := range members {
			var v any
			dec := json.NewDecoder(bytesReader(pm.raw))
			dec.UseNumber()
			if err := dec.Decode(&v); err != nil {
				return nil, err
			}
			props[i] = property{pm.key, v}
		}
		return props, nil
	}
	return nil, nil
}
