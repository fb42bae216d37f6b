package main

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// The kinds of map context: what the map draws under the compounds.
const (
	contextWater     = "water"
	contextGreen     = "green"
	contextRoadMajor = "road_major"
	contextRoadMinor = "road_minor"
)

// contextTags lists, by property value, what a context feature is; the properties looked at
// are kind, 类型, highway, natural, waterway, landuse and leisure (OSM's and Tilezen's names,
// and the loader's Chinese one).
var contextTags = map[string]string{
	"water": contextWater, "river": contextWater, "riverbank": contextWater, "canal": contextWater, "lake": contextWater,
	"reservoir": contextWater, "pond": contextWater, "水系": contextWater, "水体": contextWater, "河流": contextWater,
	"park": contextGreen, "grass": contextGreen, "garden": contextGreen, "green": contextGreen, "forest": contextGreen,
	"wood": contextGreen, "recreation_ground": contextGreen, "meadow": contextGreen, "公园": contextGreen, "绿地": contextGreen,
	"major_road": contextRoadMajor, "motorway": contextRoadMajor, "trunk": contextRoadMajor, "primary": contextRoadMajor,
	"secondary": contextRoadMajor, "主干道": contextRoadMajor, "主要道路": contextRoadMajor,
}

var contextKeys = []string{"kind", "类型", "highway", "natural", "waterway", "landuse", "leisure"}

// contextKind says what a context feature is: water or green for a polygon with such a tag,
// a major road for a line tagged so, any other line a minor road; "" for a polygon that is
// neither water nor green.
func contextKind(f *geojson.Feature) string {
	kind := ""
	for _, k := range contextKeys {
		if v, ok := f.Properties[k].(string); ok {
			if c, ok := contextTags[strings.ToLower(v)]; ok {
				kind = c
				break
			}
		}
	}
	switch f.Geometry.(type) {
	case orb.LineString, orb.MultiLineString:
		if kind == contextRoadMajor {
			return kind
		}
		return contextRoadMinor
	case orb.Polygon, orb.MultiPolygon:
		if kind == contextWater || kind == contextGreen {
			return kind
		}
	}
	return ""
}

// readContext reads the -context files (comma-separated; GeoJSON or GeoPackage, in crs or
// each file's own) into features whose kind property is what the map draws them as. It
// returns, as notes, how many features of each file it leaves out and why.
func readContext(paths string, crs geo.CRS) ([]*geojson.Feature, []string, error) {
	var out []*geojson.Feature
	var notes []string
	for _, path := range strings.Split(paths, ",") {
		path = strings.TrimSpace(path)
		if path == "" {
			continue
		}
		l, err := load.ReadLayer(path, &load.ReadOptions{CRS: crs})
		if err != nil {
			return nil, nil, fmt.Errorf("-context: %w", err)
		}
		left := 0
		for _, f := range l.Features {
			if f.Geometry == nil {
				left++
				continue
			}
			kind := contextKind(f)
			if kind == "" {
				left++
				continue
			}
			g := geojson.NewFeature(f.Geometry)
			g.Properties = geojson.Properties{"kind": kind}
			out = append(out, g)
		}
		if left > 0 {
			notes = append(notes, fmt.Sprintf("底图文件 %s 中有 %d 个要素既非道路、水系也非绿地（或没有几何），未画在地图上。%s: %d features are neither a road, water nor green (or have no geometry) and are not drawn.",
				path, left, path, left))
		}
	}
	return out, notes, nil
}
