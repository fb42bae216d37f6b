package osm

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// A small map: a residential multipolygon whose outer ring is two ways (one drawn backwards)
// with a courtyard, a building with levels and height, one with unreadable levels, a kiosk
// node, a park way, a gate, a broken multipolygon and an open building way.
const featuresDoc = `<?xml version="1.0"?><osm version="0.6">
<node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.01"/><node id="3" lat="0.01" lon="0.01"/><node id="4" lat="0.01" lon="0"/>
<node id="5" lat="0.002" lon="0.002"/><node id="6" lat="0.002" lon="0.004"/><node id="7" lat="0.004" lon="0.004"/>
<node id="8" lat="0.005" lon="0.005"><tag k="barrier" v="gate"/><tag k="access" v="private"/></node>
<node id="9" lat="0.006" lon="0.006"><tag k="shop" v="kiosk"/><tag k="name" v="报亭"/></node>
<node id="10" lat="0.007" lon="0.007"><tag k="entrance" v="main"/></node>
<way id="20"><nd ref="1"/><nd ref="2"/><nd ref="3"/></way>
<way id="21"><nd ref="1"/><nd ref="4"/><nd ref="3"/></way>
<way id="22"><nd ref="5"/><nd ref="7"/><nd ref="6"/><nd ref="5"/></way>
<way id="23"><nd ref="5"/><nd ref="6"/><nd ref="7"/><nd ref="5"/><tag k="building" v="residential"/><tag k="building:levels" v="6"/><tag k="height" v="18.5 m"/></way>
<way id="24"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/><tag k="building:levels" v="六"/><tag k="leisure" v="park"/></way>
<way id="25"><nd ref="1"/><nd ref="2"/><tag k="building" v="yes"/></way>
<way id="26"><nd ref="1"/><nd ref="99"/><nd ref="2"/><nd ref="1"/><tag k="landuse" v="residential"/></way>
<relation id="30"><member type="way" ref="20" role="outer"/><member type="way" ref="21" role="outer"/><member type="way" ref="22" role="inner"/><member type="node" ref="9" role="label"/>
 <tag k="type" v="multipolygon"/><tag k="landuse" v="residential"/><tag k="name" v="北苑"/></relation>
<relation id="31"><member type="way" ref="20" role="outer"/><tag k="type" v="multipolygon"/><tag k="amenity" v="school"/></relation>
<relation id="32"><member type="way" ref="20" role="outer"/><tag k="type" v="route"/><tag k="amenity" v="school"/></relation>
</osm>`

func TestFeatures(t *testing.T) {
	d, err := Read(strings.NewReader(featuresDoc), XML, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := d.Features()
	p := func(lon, lat float64) orb.Point { return orb.Point{lon, lat} }
	courtyardCW := orb.Ring{p(0.002, 0.002), p(0.004, 0.004), p(0.004, 0.002), p(0.002, 0.002)}
	square := orb.Ring{p(0, 0), p(0.01, 0), p(0.01, 0.01), p(0, 0.01), p(0, 0)}
	want := &Features{
		Residential: []Feature{{Element: TypeRelation, ID: 30, Name: "北苑",
			Tags:     map[string]string{"type": "multipolygon", "landuse": "residential", "name": "北苑"},
			Geometry: orb.Polygon{square, courtyardCW}}},
		Buildings: []Building{
			{Feature: Feature{Element: TypeWay, ID: 23, Tags: map[string]string{"building": "residential", "building:levels": "6", "height": "18.5 m"},
				Geometry: orb.Polygon{{p(0.002, 0.002), p(0.004, 0.002), p(0.004, 0.004), p(0.002, 0.002)}}}, Levels: 6, Height: 18.5},
			{Feature: Feature{Element: TypeWay, ID: 24, Tags: map[string]string{"building": "yes", "building:levels": "六", "leisure": "park"},
				Geometry: orb.Polygon{{p(0, 0), p(0.01, 0), p(0.01, 0.01), p(0, 0)}}}},
		},
		Amenities: []Feature{
			{Element: TypeNode, ID: 9, Name: "报亭", Tags: map[string]string{"shop": "kiosk", "name": "报亭"}, Geometry: p(0.006, 0.006)},
			{Element: TypeWay, ID: 24, Tags: map[string]string{"building": "yes", "building:levels": "六", "leisure": "park"},
				Geometry: orb.Polygon{{p(0, 0), p(0.01, 0), p(0.01, 0.01), p(0, 0)}}},
		},
		Gates: []Node{
			{ID: 8, Point: p(0.005, 0.005), Tags: map[string]string{"barrier": "gate", "access": "private"}},
			{ID: 10, Point: p(0.007, 0.007), Tags: map[string]string{"entrance": "main"}},
		},
		Problems: []Problem{
			{TypeWay, 24, `building:levels "六" is not a whole number of storeys; left unknown`},
			{TypeWay, 25, "a building way that is not closed; left out"},
			{TypeWay, 26, "node 99 is not in the data; left out"},
			{TypeRelation, 31, "broken multipolygon: the ring from way 20 does not close: it ends at node 3; left out"},
		},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("Features (-want +got):\n%s", diff)
	}
}

func TestParseHeight(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {"12 m", 12, true}, {"12.5m", 12.5, true}, {" 3 ", 3, true},
		{"40'", 12.192, true}, {`40'6"`, 12.3444, true},
		{"", 0, false}, {"-3", 0, false}, {"tall", 0, false}, {"12 ft", 0, false}, {"Inf", 0, false}, {"0x10", 0, false}, {`4'13"`, 0, false},
	} {
		got, err := ParseHeight(c.in)
		if (err == nil) != c.ok || (c.ok && (got-c.want > 1e-9 || c.want-got > 1e-9)) {
			t.Errorf("ParseHeight(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}
