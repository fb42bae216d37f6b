package gpkg_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/gpkg"
)

func ExampleWriteFile() {
	dir, _ := os.MkdirTemp("", "gpkg-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "renovation.gpkg")

	compounds := gpkg.Layer{Name: "小区", SRSID: 4490, Features: []*geojson.Feature{{
		ID:         "way/123",
		Geometry:   orb.Polygon{{{121.50, 31.23}, {121.51, 31.23}, {121.51, 31.24}, {121.50, 31.23}}},
		Properties: geojson.Properties{"名称": "陆家嘴小区", "户数": json.Number("480")},
	}}}
	lifts := gpkg.Layer{Name: "lifts", SRSID: 4326, Features: []*geojson.Feature{
		{Geometry: orb.Point{121.505, 31.235}, Properties: geojson.Properties{"unit": "3-2"}},
	}}
	if err := gpkg.WriteFile(path, nil, compounds, lifts); err != nil {
		fmt.Println(err)
		return
	}

	r, err := gpkg.Open(path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	layers, _ := r.Layers()
	for _, l := range layers {
		fmt.Println(l.Name, l.GeometryType, l.SRSID, l.Count)
	}
	fc, _ := r.ReadLayer("小区")
	f := fc.Features[0]
	fmt.Println(f.ID, f.Properties["名称"], f.Properties["户数"], f.Properties["id"])
	// Output:
	// lifts POINT 4326 1
	// 小区 POLYGON 4490 1
	// 1 陆家嘴小区 480 way/123
}

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "gpkg-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "gk.gpkg")
	// A layer in CGCS2000 3-degree Gauss-Kruger CM 117E (EPSG:4548), in metres.
	gk, _ := gpkg.GaussKrugerSRS(4548)
	err := gpkg.WriteFile(path, &gpkg.Options{SRS: []gpkg.SRS{gk}}, gpkg.Layer{Name: "buildings", SRSID: 4548,
		Features: []*geojson.Feature{{Geometry: orb.Polygon{{{500000, 4400000}, {500030, 4400000}, {500030, 4400012}, {500000, 4400000}}},
			Properties: geojson.Properties{"storeys": 6}}}})
	if err != nil {
		fmt.Println(err)
		return
	}

	r, err := gpkg.Open(path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	srs, _ := r.SRS(4548)
	fmt.Println(srs.Name)
	err = r.ForEach("buildings", func(f *geojson.Feature) error {
		fmt.Println(f.ID, f.Geometry.Bound(), f.Properties["storeys"])
		return nil
	})
	fmt.Println(err)
	// Output:
	// CGCS2000 / 3-degree Gauss-Kruger CM 117E
	// 1 {[500000 4.4e+06] [500030 4.400012e+06]} 6
	// <nil>
}
