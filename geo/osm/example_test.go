package osm_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/osm"
)

// A gate on a service way into a compound, read from OSM XML.
func ExampleRead() {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="39.9600000" lon="116.3600000"/>
 <node id="2" lat="39.9610000" lon="116.3600000"><tag k="barrier" v="gate"/></node>
 <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="service"/></way>
</osm>`
	d, err := osm.Read(strings.NewReader(doc), osm.Detect, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	w := d.Ways[0]
	fmt.Println("way", w.ID, w.Tags["highway"], w.Nodes)
	for _, n := range d.TaggedNodes {
		fmt.Println("node", n.ID, n.Point, n.Tags["barrier"])
	}
	p, _ := d.Node(1)
	fmt.Println("node 1 at", p)
	// Output:
	// way 10 service [1 2]
	// node 2 [116.36 39.961] gate
	// node 1 at [116.36 39.96]
}

// A file's residential areas and gates; ReadFile tells XML from PBF by content.
func ExampleReadFile() {
	dir, _ := os.MkdirTemp("", "osm-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "compound.osm")
	os.WriteFile(path, []byte(`<?xml version="1.0"?><osm version="0.6">
<node id="1" lat="39.9600" lon="116.3600"/><node id="2" lat="39.9600" lon="116.3620"/><node id="3" lat="39.9615" lon="116.3620"/>
<node id="4" lat="39.9615" lon="116.3600"><tag k="barrier" v="lift_gate"/></node>
<way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="landuse" v="residential"/><tag k="name" v="北苑小区"/></way>
</osm>`), 0o644)
	d, err := osm.ReadFile(path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := d.Features()
	for _, r := range f.Residential {
		fmt.Printf("%s %d %s: %d rings\n", r.Element, r.ID, r.Name, len(r.Geometry.(orb.Polygon)))
	}
	for _, g := range f.Gates {
		fmt.Printf("gate node %d at %v: %s\n", g.ID, g.Point, g.Tags["barrier"])
	}
	// Output:
	// way 100 北苑小区: 1 rings
	// gate node 4 at [116.36 39.9615]: lift_gate
}
