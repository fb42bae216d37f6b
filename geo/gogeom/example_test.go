package gogeom_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"

	"github.com/xiaoqu/xiaoqu/geo/gogeom"
)

func ExampleToGeom() {
	compound := orb.Polygon{{{116.30, 39.90}, {116.31, 39.90}, {116.31, 39.91}, {116.30, 39.90}}}
	g, err := gogeom.ToGeom(compound, 4490)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := g.(*geom.Polygon)
	fmt.Println(p.SRID(), p.NumLinearRings(), p.FlatCoords()[:4])
	// Output: 4490 1 [116.3 39.9 116.31 39.9]
}

func ExampleFromGeom() {
	p := geom.NewPointFlat(geom.XYZ, []float64{116.39, 39.9, 43.5})
	_, err := gogeom.FromGeom(p)
	fmt.Println(err)
	g, err := gogeom.FromGeom2D(p)
	fmt.Println(g, err)
	// Output:
	// gogeom: Z or M coordinates: *geom.Point has layout XYZ; orb geometries are 2D (use FromGeom2D to drop Z and M)
	// [116.39 39.9] <nil>
}
