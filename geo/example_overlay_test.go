package geo_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

// A walk-up compound in Haidian, about 170 m × 220 m, with a kindergarten cut out of it, and
// two building footprints: one inside, one across the boundary.
var (
	exampleCompound = orb.Polygon{
		{{116.3540, 39.9600}, {116.3560, 39.9600}, {116.3560, 39.9620}, {116.3540, 39.9620}, {116.3540, 39.9600}},
		{{116.3545, 39.9605}, {116.3545, 39.9608}, {116.3549, 39.9608}, {116.3549, 39.9605}, {116.3545, 39.9605}},
	}
	exampleInside = orb.Polygon{{{116.3550, 39.9610}, {116.3553, 39.9610}, {116.3553, 39.9612}, {116.3550, 39.9612}, {116.3550, 39.9610}}}
	exampleAcross = orb.Polygon{{{116.3558, 39.9610}, {116.3562, 39.9610}, {116.3562, 39.9612}, {116.3558, 39.9612}, {116.3558, 39.9610}}}
)

func ExampleValidate() {
	// A boundary traced clockwise, with a vertex entered twice and a notch drawn the wrong way,
	// so that its two edges cross the top edge.
	boundary := orb.Polygon{{
		{116.3540, 39.9600}, {116.3540, 39.9620}, {116.3540, 39.9620}, {116.3560, 39.9620},
		{116.3560, 39.9600}, {116.3550, 39.9625}, {116.3540, 39.9600},
	}}
	err := geo.Validate("北邮家属院", boundary, nil)
	var problems geo.GeometryErrors
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p)
		}
	}
	fmt.Println("self-intersecting:", errors.Is(err, geo.ErrSelfIntersection))
	// Output:
	// feature "北邮家属院": ring 0 at (116.3540000, 39.9600000): wrong winding: exterior ring is clockwise; RFC 7946 wants counter-clockwise
	// feature "北邮家属院": ring 0 vertex 1 at (116.3552000, 39.9620000): self-intersection: edge 1–3 crosses edge 4–5
	// feature "北邮家属院": ring 0 vertex 1 at (116.3548000, 39.9620000): self-intersection: edge 1–3 crosses edge 5–6
	// feature "北邮家属院": ring 0 vertex 2 at (116.3540000, 39.9620000): repeated consecutive point: vertex 2 repeats vertex 1
	// self-intersecting: true
}

func ExampleRepair() {
	// Clockwise and not closed: both have one fix.
	boundary := orb.Polygon{{{116.3540, 39.9600}, {116.3540, 39.9620}, {116.3560, 39.9620}, {116.3560, 39.9600}}}
	fixed, did, err := geo.Repair("北邮家属院", boundary, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range did {
		fmt.Println("fixed:", p.Kind)
	}
	fmt.Println(fixed.(orb.Polygon)[0])
	// Output:
	// fixed: wrong winding
	// fixed: ring not closed
	// [[116.354 39.96] [116.356 39.96] [116.356 39.962] [116.354 39.962] [116.354 39.96]]
}

func ExampleIntersectionArea() {
	inside, err := geo.IntersectionArea(exampleCompound, exampleInside)
	if err != nil {
		fmt.Println(err)
		return
	}
	across, err := geo.IntersectionArea(exampleCompound, exampleAcross)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("inside: %.2f m²\nacross the boundary: %.2f m²\n", inside, across)
	// Output:
	// inside: 569.22 m²
	// across the boundary: 379.48 m²
}

func ExamplePrepare() {
	compound, err := geo.Prepare(exampleCompound)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fp := range []orb.Polygon{exampleInside, exampleAcross} {
		wholly, _ := compound.ContainsProperly(fp)
		area, _ := compound.IntersectionArea(fp)
		fmt.Printf("wholly inside: %v, area inside: %.2f m²\n", wholly, area)
	}
	fmt.Println(compound.LocatePoint(orb.Point{116.3547, 39.9606})) // in the kindergarten
	// Output:
	// wholly inside: true, area inside: 569.22 m²
	// wholly inside: false, area inside: 379.48 m²
	// outside
}

func ExampleJoin() {
	compounds := []orb.Geometry{exampleCompound}
	items := []orb.Geometry{
		exampleInside,
		exampleAcross,
		orb.Point{116.3570, 39.9610}, // a clinic 85 m east of the compound
		orb.Point{116.3600, 39.9610}, // a shop 340 m east
	}
	for _, d := range []float64{0, 100} {
		pairs, err := geo.Join(context.Background(), compounds, items, d)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, p := range pairs {
			fmt.Printf("d=%g: compound %d, item %d at %.1f m\n", d, p.A, p.B, p.Dist)
		}
	}
	// Output:
	// d=0: compound 0, item 0 at 0.0 m
	// d=0: compound 0, item 1 at 0.0 m
	// d=100: compound 0, item 0 at 0.0 m
	// d=100: compound 0, item 1 at 0.0 m
	// d=100: compound 0, item 2 at 85.4 m
}

func ExampleGeometryDistance() {
	clinic := orb.Point{116.3570, 39.9610}
	d, err := geo.PointGeometryDistance(clinic, exampleCompound)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.3f m\n", d)
	// Output:
	// 85.442 m
}

func ExampleIndex_NearestGeodesic() {
	var facilities geo.Index[string]
	for name, p := range map[string]orb.Point{
		"clinic":       {116.3570, 39.9610},
		"shop":         {116.3600, 39.9610},
		"kindergarten": {116.3547, 39.9606},
	} {
		if err := facilities.Insert(p.Bound(), name); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, n := range facilities.NearestGeodesic(orb.Point{116.3555, 39.9611}, 2) {
		fmt.Printf("%s %.1f m\n", n.Value, n.Dist)
	}
	// Output:
	// kindergarten 88.1 m
	// clinic 128.6 m
}

func ExampleBuffer() {
	// A 300 m walking radius around a clinic, as a 64-gon.
	area, err := geo.Buffer(orb.Point{116.3570, 39.9610}, 300, &geo.BufferOptions{QuadrantSegments: 16})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := geo.IntersectionArea(area, area)
	fmt.Printf("%d vertices, %.0f m² (πr² = 282743 m²)\n", len(area.(orb.Polygon)[0])-1, a)
	// Output:
	// 64 vertices, 282289 m² (πr² = 282743 m²)
}
