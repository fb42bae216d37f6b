package osm

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Feature is an element with its geometry: an orb.Point for a node, an orb.Polygon for a
// closed way, an orb.Polygon or orb.MultiPolygon for a multipolygon relation, and an
// orb.LineString for an open way (a bus platform drawn as a line). Coordinates are lon/lat
// WGS84 degrees.
type Feature struct {
	Element  ElementType
	ID       int64
	Name     string // the name tag, empty when none
	Tags     map[string]string
	Geometry orb.Geometry
}

// Building is a building=* area (https://wiki.openstreetmap.org/wiki/Key:building) with its
// levels and height read from building:levels and height.
type Building struct {
	Feature
	// Levels is building:levels (https://wiki.openstreetmap.org/wiki/Key:building:levels):
	// the storeys above ground, roof excluded; 0 when untagged or unreadable (Features'
	// Problems name the unreadable ones).
	Levels int
	// Height is height (https://wiki.openstreetmap.org/wiki/Key:height) in metres: "12",
	// "12 m", "12.5m" or feet as "40'" or "40'6\""; 0 when untagged or unreadable.
	Height float64
}

// Features are what planning reads from OSM data, each list sorted by element type (node,
// way, relation) and ID.
type Features struct {
	// Residential are the residential areas: landuse=residential, any residential=*, and
	// named place=neighbourhood areas
	// (https://wiki.openstreetmap.org/wiki/Tag:landuse%3Dresidential,
	// https://wiki.openstreetmap.org/wiki/Key:residential,
	// https://wiki.openstreetmap.org/wiki/Tag:place%3Dneighbourhood). Polygons only.
	Residential []Feature
	// Buildings are the building=* areas other than building=no.
	Buildings []Building
	// Amenities are the nodes, ways and multipolygons with a key of AmenityKeys, or
	// highway=bus_stop, or railway=station|halt|tram_stop|subway_entrance, whatever their
	// value: what a facility table maps to kinds.
	Amenities []Feature
	// Gates are the nodes with barrier=gate|lift_gate|entrance or any entrance=*
	// (https://wiki.openstreetmap.org/wiki/Key:barrier, https://wiki.openstreetmap.org/wiki/Key:entrance).
	Gates []Node
	// Problems are what could not be read into a feature or was resolved on the way, with the
	// element: a broken multipolygon, a way whose nodes are missing, an unreadable
	// building:levels. The data's own Problems come first.
	Problems []Problem
}

// AmenityKeys are the keys that make an element one of Features.Amenities.
var AmenityKeys = []string{"amenity", "shop", "leisure", "healthcare", "social_facility", "public_transport"}

// Features derives the features of the data. Relations other than multipolygons are not
// features (a public_transport=stop_area relation groups stops that are features themselves).
// The same data gives the same Features.
func (d *Data) Features() *Features {
	f := &Features{Problems: slices.Clone(d.Problems)}
	for _, n := range d.TaggedNodes {
		if isGate(n.Tags) {
			f.Gates = append(f.Gates, n)
		}
		if isAmenity(n.Tags) {
			f.Amenities = append(f.Amenities, Feature{Element: TypeNode, ID: n.ID, Name: n.Tags["name"], Tags: n.Tags, Geometry: n.Point})
		}
	}
	for i := range d.Ways {
		w := &d.Ways[i]
		res, bld, am := isResidential(w.Tags), isBuilding(w.Tags), isAmenity(w.Tags)
		if !res && !bld && !am {
			continue
		}
		closed := len(w.Nodes) >= 4 && w.Nodes[0] == w.Nodes[len(w.Nodes)-1]
		var g orb.Geometry
		if closed {
			r, err := d.ringOf(w.Nodes)
			if err != nil {
				f.problem(TypeWay, w.ID, "%v; left out", err)
				continue
			}
			g = orb.Polygon{orient(r, orb.CCW)}
		} else {
			if res || bld {
				f.problem(TypeWay, w.ID, "a %s way that is not closed; left out", map[bool]string{true: "residential", false: "building"}[res])
			}
			if !am {
				continue
			}
			ls := make(orb.LineString, len(w.Nodes))
			ok := true
			for k, id := range w.Nodes {
				if ls[k], ok = d.Node(id); !ok {
					f.problem(TypeWay, w.ID, "node %d is not in the data; left out", id)
					break
				}
			}
			if !ok {
				continue
			}
			g = ls
		}
		f.add(TypeWay, w.ID, w.Tags, g, closed && res, closed && bld, am)
	}
	for i := range d.Relations {
		r := &d.Relations[i]
		if !r.IsMultipolygon() {
			continue
		}
		res, bld, am := isResidential(r.Tags), isBuilding(r.Tags), isAmenity(r.Tags)
		if !res && !bld && !am {
			continue
		}
		g, notes, err := d.Multipolygon(r)
		for _, n := range notes {
			f.problem(TypeRelation, r.ID, "%s", n)
		}
		if err != nil {
			f.problem(TypeRelation, r.ID, "broken multipolygon: %s; left out", err.(*MultipolygonError).Reason)
			continue
		}
		f.add(TypeRelation, r.ID, r.Tags, g, res, bld, am)
	}
	return f
}

func (f *Features) problem(t ElementType, id int64, format string, a ...any) {
	f.Problems = append(f.Problems, Problem{Element: t, ID: id, Message: fmt.Sprintf(format, a...)})
}

func (f *Features) add(t ElementType, id int64, tags map[string]string, g orb.Geometry, res, bld, am bool) {
	ft := Feature{Element: t, ID: id, Name: tags["name"], Tags: tags, Geometry: g}
	if res {
		f.Residential = append(f.Residential, ft)
	}
	if bld {
		b := Building{Feature: ft}
		if v, ok := tags["building:levels"]; ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 || n > 300 {
				f.problem(t, id, "building:levels %q is not a whole number of storeys; left unknown", v)
			} else {
				b.Levels = n
			}
		}
		if v, ok := tags["height"]; ok {
			h, err := ParseHeight(v)
			if err != nil {
				f.problem(t, id, "%v; left unknown", err)
			} else {
				b.Height = h
			}
		}
		f.Buildings = append(f.Buildings, b)
	}
	if am {
		f.Amenities = append(f.Amenities, ft)
	}
}

func isGate(t map[string]string) bool {
	switch t["barrier"] {
	case "gate", "lift_gate", "entrance":
		return true
	}
	_, ok := t["entrance"]
	return ok
}

func isResidential(t map[string]string) bool {
	if t["landuse"] == "residential" {
		return true
	}
	if _, ok := t["residential"]; ok {
		return true
	}
	return t["place"] == "neighbourhood" && t["name"] != ""
}

func isBuilding(t map[string]string) bool {
	v, ok := t["building"]
	return ok && v != "no"
}

func isAmenity(t map[string]string) bool {
	for _, k := range AmenityKeys {
		if _, ok := t[k]; ok {
			return true
		}
	}
	if t["highway"] == "bus_stop" {
		return true
	}
	switch t["railway"] {
	case "station", "halt", "tram_stop", "subway_entrance":
		return true
	}
	return false
}

// ParseHeight reads an OSM height value in metres: a decimal number with an optional unit
// "m", or feet and inches as 40' or 40'6". Anything else, a negative or an infinite height is
// an error naming the value.
func ParseHeight(s string) (float64, error) {
	t := strings.TrimSpace(s)
	bad := fmt.Errorf("height %q is not a height in metres", s)
	if ft, rest, ok := strings.Cut(t, "'"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(ft), 64)
		if err != nil || f < 0 {
			return 0, bad
		}
		in := 0.0
		if rest = strings.TrimSpace(rest); rest != "" {
			num, ok := strings.CutSuffix(rest, `"`)
			if !ok {
				return 0, bad
			}
			if in, err = strconv.ParseFloat(strings.TrimSpace(num), 64); err != nil || in < 0 || in >= 12 {
				return 0, bad
			}
		}
		return f*0.3048 + in*0.0254, nil
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "m"))
	h, err := strconv.ParseFloat(t, 64)
	if err != nil || h < 0 || math.IsInf(h, 0) || math.IsNaN(h) || strings.ContainsAny(t, "xXpP_") {
		return 0, bad
	}
	return h, nil
}
