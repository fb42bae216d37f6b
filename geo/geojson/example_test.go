package geojson_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/paulmach/orb"
	ogeojson "github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/geojson"
)

func ExampleRead() {
	in := `{"type":"FeatureCollection",
	  "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},
	  "features":[{"type":"Feature","id":"way/123",
	    "geometry":{"type":"Polygon","coordinates":[[[121.50,31.23],[121.51,31.23],[121.51,31.24],[121.50,31.23]]]},
	    "properties":{"名称":"陆家嘴小区","建筑面积":86.50}}]}`
	doc, err := geojson.Read(strings.NewReader(in), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := doc.Collection.Features[0]
	fmt.Println(doc.Type, doc.CRS.EPSG, f.ID, f.Properties["名称"], f.Properties["建筑面积"])

	_, err = geojson.Read(strings.NewReader(`{"type":"FeatureCollection","features":[
{"type":"Feature","id":"way/124","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]},"properties":{}}]}`), nil)
	var e *geojson.Error
	fmt.Println(errors.As(err, &e), errors.Is(err, geojson.ErrInvalid), e.Feature, e.ID)
	fmt.Println(err)
	// Output:
	// FeatureCollection 4490 way/123 陆家嘴小区 86.50
	// true true 0 way/124
	// geojson: feature 0 (id "way/124", byte 41): polygon ring 0 has 3 positions, needs at least 4
}

func ExampleWrite() {
	fc := ogeojson.NewFeatureCollection()
	f := ogeojson.NewFeature(orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}) // clockwise
	f.ID = "A-1"
	f.Properties["名称"] = "一号楼"
	f.Properties["storeys"] = 6
	fc.Append(f)
	if err := geojson.Write(os.Stdout, fc, nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","id":"A-1","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]},"properties":{"storeys":6,"名称":"一号楼"}}
	// ]}
}

func ExampleRewind() {
	cw := orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}
	fmt.Println(geojson.Rewind(cw))
	// Output: [[[0 0] [1 0] [1 1] [0 1] [0 0]]]
}
