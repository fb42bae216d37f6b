package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/gpkg"
	"github.com/xiaoqu/xiaoqu/geo/kml"
)

// fileOutput is a format -to can name besides a CRS. Such formats are written to the file
// given with -o, in the CRS the output's crs function picks from the input's.
type fileOutput struct {
	crs   func(from geo.CRS) geo.CRS
	write func(path string, crs geo.CRS, doc *document) error
}

// fileOutputs are the formats other than GeoJSON. A GeoPackage keeps CGCS2000 data in
// CGCS2000 (EPSG:4490) and holds everything else in WGS84 (EPSG:4326); KML is WGS84 by
// definition.
var fileOutputs = map[string]fileOutput{
	"gpkg": {crs: gpkgCRS, write: writeGeoPackage},
	"kml":  {crs: func(geo.CRS) geo.CRS { return geo.WGS84 }, write: writeKML},
}

func gpkgCRS(from geo.CRS) geo.CRS {
	if from == geo.CGCS2000 {
		return geo.CGCS2000
	}
	return geo.WGS84
}

// layerTime is written as the GeoPackage's last_change, so that the same input gives the same
// file byte for byte.
var layerTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// orbFeatures turns the document's features into orb features with their properties, numbers
// kept as json.Number, and their ids.
func orbFeatures(doc *document) ([]*geojson.Feature, error) {
	out := make([]*geojson.Feature, 0, len(doc.features))
	for i := range doc.features {
		f := &doc.features[i]
		of := geojson.NewFeature(f.geometry)
		props, err := f.properties()
		if err != nil {
			return nil, fmt.Errorf("features[%d]: properties: %v", i, err)
		}
		for _, p := range props {
			of.Properties[p.Key] = p.Value
		}
		for _, m := range f.members {
			if m.key == "id" {
				dec := json.NewDecoder(bytesReader(m.raw))
				dec.UseNumber()
				var id any
				if err := dec.Decode(&id); err == nil {
					of.ID = id
				}
			}
		}
		out = append(out, of)
	}
	return out, nil
}

// layerName is the file's base name without extension, the layer name GIS software shows.
func layerName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if base == "" || strings.HasPrefix(strings.ToLower(base), "gpkg_") {
		return "features"
	}
	return base
}

func writeGeoPackage(path string, crs geo.CRS, doc *document) error {
	fs, err := orbFeatures(doc)
	if err != nil {
		return err
	}
	// Create refuses to overwrite; the command's -o means "write here", as for GeoJSON.
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	return gpkg.WriteFile(path, &gpkg.Options{Time: layerTime}, gpkg.Layer{Name: layerName(path), SRSID: crs.EPSG(), Features: fs})
}

func writeKML(path string, _ geo.CRS, doc *document) error {
	fs, err := orbFeatures(doc)
	if err != nil {
		return err
	}
	// Rendered whole before the file is touched, so that a failure writes nothing.
	var buf bytes.Buffer
	name := layerName(path)
	if err := kml.Write(&buf, kml.Document{Name: name, Layers: []kml.Layer{{Name: name, Features: fs, NameProperty: "name"}}}); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
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
