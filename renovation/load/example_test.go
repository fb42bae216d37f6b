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

// A compound, a six-storey building in it and a kindergarten, from OpenStreetMap XML.
func ExampleReadOSM() {
	dir, _ := os.MkdirTemp("", "load-osm")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "beiyuan.osm")
	os.WriteFile(path, []byte(`<?xml version="1.0"?><osm version="0.6">
<node id="1" lat="39.9600" lon="116.3600"/><node id="2" lat="39.9600" lon="116.3620"/><node id="3" lat="39.9615" lon="116.3620"/><node id="4" lat="39.9615" lon="116.3600"/>
<node id="11" lat="39.9602" lon="116.3602"/><node id="12" lat="39.9602" lon="116.3608"/><node id="13" lat="39.9604" lon="116.3608"/><node id="14" lat="39.9604" lon="116.3602"/>
<node id="40" lat="39.9610" lon="116.3610"><tag k="amenity" v="kindergarten"/><tag k="name" v="北苑幼儿园"/></node>
<node id="41" lat="39.9611" lon="116.3611"><tag k="amenity" v="parking"/></node>
<way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="landuse" v="residential"/><tag k="name" v="北苑小区"/></way>
<way id="101"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/><tag k="building" v="residential"/><tag k="building:levels" v="6"/></way>
</osm>`), 0o644)
	d, rep, err := load.ReadOSM(context.Background(), path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := d.Compounds[0]
	fmt.Printf("%s %s: building %s of %d storeys\n", c.ID, c.Name, c.Buildings[0].ID, c.Buildings[0].Storeys)
	for _, f := range d.Facilities {
		fmt.Printf("%s %s: %s\n", f.ID, f.Name, f.Kind)
	}
	for _, n := range rep.Notes() {
		fmt.Println(n)
	}
	fmt.Println(d.Attribution)
	// Output:
	// way/100 北苑小区: building way/101 of 6 storeys
	// node/40 北苑幼儿园: kindergarten
	// OSM: 1 feature tagged amenity=parking maps to no facility kind: left out
	// © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)
}
