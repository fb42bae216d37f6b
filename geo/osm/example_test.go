package osm_test

import (
	"fmt"
	"strings"

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
