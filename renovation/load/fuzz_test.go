package load_test

import (
	"bytes"
	"testing"

	"github.com/xiaoqu/xiaoqu/geo"
	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// FuzzReadGeoJSON feeds arbitrary bytes to the layer reader and the model's readers, in
// WGS84 and in a Gauss-Krüger zone: they may refuse them, never panic.
func FuzzReadGeoJSON(f *testing.F) {
	for _, s := range []string{
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"c1","name":"北苑","built_year":1986},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.501,31.2],[121.501,31.201],[121.5,31.201]]]}}]}`,
		`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}},"features":[{"type":"Feature","properties":{"kind":"幼儿园"},"geometry":{"type":"Point","coordinates":[441000,4428000]}}]}`,
		`{"type":"Feature","properties":{"storeys":"6层","compound":"c1"},"geometry":{"type":"MultiPolygon","coordinates":[[[[121.5,31.2],[121.5,31.201],[121.501,31.201],[121.501,31.2],[121.5,31.2]]]]}}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}`,
		`{"type":"FeatureCollection","features":[null]}`,
		`[]`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	gk, _ := geo.ParseCRS("EPSG:4548")
	f.Fuzz(func(t *testing.T, data []byte, projected bool) {
		o := &load.ReadOptions{GeoJSON: xgeojson.ReadOptions{MaxBytes: 1 << 16, MaxPositions: 1 << 12}}
		if projected {
			o.CRS = gk
		}
		l, err := load.ReadGeoJSON(bytes.NewReader(data), "f.geojson", o)
		if err != nil {
			return
		}
		_, _ = renovation.CompoundsFromFeatures("f.geojson", l.Features)
		_, _ = renovation.BuildingsFromFeatures("f.geojson", l.Features)
		_, _ = renovation.FacilitiesFromFeatures("f.geojson", l.Features)
		_, _ = renovation.ZonesFromFeatures("f.geojson", l.Features)
	})
}
