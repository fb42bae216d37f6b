package wkt_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/wkt"
)

func ExampleMarshal() {
	s, err := wkt.Marshal(orb.Polygon{{{116.3, 39.9}, {116.31, 39.9}, {116.31, 39.91}, {116.3, 39.9}}})
	fmt.Println(s, err)
	// Output: POLYGON ((116.3 39.9, 116.31 39.9, 116.31 39.91, 116.3 39.9)) <nil>
}

func ExampleUnmarshal() {
	g, srid, err := wkt.Unmarshal("SRID=4490;MULTIPOINT (116.39 39.9, 121.47 31.23)")
	fmt.Println(g, srid, err)

	_, _, err = wkt.Unmarshal("POLYGON ((0 0, 1 0, 1 1 0 0))")
	fmt.Println(err)
	// Output:
	// [[116.39 39.9] [121.47 31.23]] 4490 <nil>
	// wkt: offset 20: position has 4 numbers, the geometry's positions have 2
}
