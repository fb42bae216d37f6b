package geo_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// A compound outline digitised on Amap (GCJ-02) is put on the CGCS2000 survey sheet of its
// 3° zone, and its area measured on the ellipsoid. Lujiazui lies just east of 121.5°E, the
// boundary of zones 40 and 41, so it falls in zone 41 (CM 123°E).
func ExampleTransform() {
	amap := orb.Polygon{{
		{121.50756, 31.22908}, {121.50942, 31.22890}, {121.51099, 31.23041},
		{121.50910, 31.23205}, {121.50706, 31.23148}, {121.50756, 31.22908},
	}}
	wgs, err := geo.Transform(amap, geo.GCJ02, geo.WGS84)
	if err != nil {
		fmt.Println(err)
		return
	}
	zone, _ := geo.GK3ZoneFor(wgs.Bound().Center()[0])
	sheet, _ := geo.GK3CM(3 * zone)
	en, err := geo.Transform(wgs, geo.WGS84, sheet)
	if err != nil {
		fmt.Println(err)
		return
	}
	first := en.(orb.Polygon)[0][0]
	fmt.Printf("%v\nfirst vertex E %.3f N %.3f\n", sheet, first[0], first[1])
	fmt.Printf("geodesic area %.2f m²\n", geo.Area(wgs))
	// Output:
	// CGCS2000 / 3-degree Gauss-Kruger CM 123E (EPSG:4550)
	// first vertex E 357381.865 N 3457563.665
	// geodesic area 86950.15 m²
}

func ExampleGCJ02ToWGS84() {
	gcj := orb.Point{116.39754616712922, 39.90876727272318}
	wgs := geo.GCJ02ToWGS84(gcj)
	fmt.Printf("%.9f %.9f\n", wgs[0], wgs[1])
	back := geo.WGS84ToGCJ02(wgs)
	fmt.Printf("round trip moved %.1g°\n", max(back[0]-gcj[0], gcj[0]-back[0], back[1]-gcj[1], gcj[1]-back[1]))
	// Output:
	// 116.391305000 39.907366000
	// round trip moved 0°
}

func ExampleGK3ZoneFor() {
	for _, lon := range []float64{116.4, 118.5, 121.47} {
		zone, _ := geo.GK3ZoneFor(lon)
		withPrefix, _ := geo.GK3(zone)
		withoutPrefix, _ := geo.GK3CM(3 * zone)
		fmt.Println(lon, zone, withPrefix.EPSG(), withoutPrefix.EPSG())
	}
	// Output:
	// 116.4 39 4527 4548
	// 118.5 40 4528 4549
	// 121.47 40 4528 4549
}

func ExampleParseCRS() {
	for _, s := range []string{"gcj02", "EPSG:4527", "32650", "EPSG:3857"} {
		c, err := geo.ParseCRS(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(c, c.Projected())
	}
	// Output:
	// GCJ-02 false
	// CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527) true
	// WGS 84 / UTM zone 50N (EPSG:32650) true
	// CRS "EPSG:3857": EPSG:3857: unknown CRS
}

// A clockwise ring measures the same as a counter-clockwise one, and holes subtract.
func ExampleAreaOn() {
	square := orb.Ring{{116.39, 39.93}, {116.3911725, 39.93}, {116.3911725, 39.9309}, {116.39, 39.9309}}
	clockwise := orb.Ring{square[3], square[2], square[1], square[0]}
	fmt.Printf("%.6f m² on WGS84\n", geo.AreaOn(square, geo.EllipsoidWGS84))
	fmt.Printf("%.6f m² on CGCS2000\n", geo.AreaOn(clockwise, geo.EllipsoidCGCS2000))
	fmt.Printf("%.6f m perimeter\n", geo.Perimeter(square))
	// Output:
	// 10015.561291 m² on WGS84
	// 10015.561291 m² on CGCS2000
	// 400.311542 m perimeter
}

func ExamplePlanarArea() {
	square := orb.Ring{{116.39, 39.93}, {116.3911725, 39.93}, {116.3911725, 39.9309}, {116.39, 39.9309}}
	gk, _ := geo.GK3CM(117)
	utm, _ := geo.UTM(50, true)
	a, _ := geo.PlanarArea(square, gk)
	b, _ := geo.PlanarArea(square, utm)
	fmt.Printf("%.3f m² on the GK sheet, %.3f m² in UTM, %.3f m² on the ellipsoid\n", a, b, geo.Area(square))
	// Output:
	// 10016.230 m² on the GK sheet, 10008.219 m² in UTM, 10015.561 m² on the ellipsoid
}
