package load_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// A compound in CGCS2000 Gauss-Krüger coordinates (EPSG:4548, declared in the file), and a
// building that names no compound, written the wrong way round and without closing its ring.
func ExampleDistrict() {
	dir, _ := os.MkdirTemp("", "load-example")
	defer os.RemoveAll(dir)
	compounds := filepath.Join(dir, "compounds.geojson")
	buildings := filepath.Join(dir, "buildings.geojson")
	os.WriteFile(compounds, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}},"features":[
{"type":"Feature","properties":{"编号":"c1","名称":"北邮家属区"},"geometry":{"type":"Polygon","coordinates":[[[442000,4425000],[442100,4425000],[442100,4425100],[442000,4425100],[442000,4425000]]]}}]}`), 0o644)
	os.WriteFile(buildings, []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}},"features":[
{"type":"Feature","properties":{"id":"3","层数":6},"geometry":{"type":"Polygon","coordinates":[[[442010,4425010],[442010,4425022],[442070,4425022],[442070,4425010]]]}}]}`), 0o644)

	d, rep, err := load.District(context.Background(), load.Options{Compounds: compounds, Buildings: buildings})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range rep.Layers {
		fmt.Printf("%s: %s from the %s, %d repaired\n", l.Role, l.CRS, l.CRSFrom, len(l.Repairs))
	}
	fmt.Printf("building %s placed in %s\n", rep.Join.Placed[0].ID, rep.Join.Placed[0].CompoundID)
	ind, err := renovation.Indicators(context.Background(), d, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := ind.Compounds[0]
	// 58 km west of the zone's central meridian the map sheet is 8e-5 larger than the ground:
	// the surveyor's 100 m square is 9,999.2 m² on the ellipsoid.
	fmt.Printf("%s: site %.1f m², footprint %.1f m², FAR %.3f\n", c.Name, c.SiteArea, c.FootprintArea, c.FAR)
	// Output:
	// compounds: EPSG:4548 from the file, 0 repaired
	// buildings: EPSG:4548 from the file, 1 repaired
	// building 3 placed in c1
	// 北邮家属区: site 9999.2 m², footprint 719.9 m², FAR 0.432
}
