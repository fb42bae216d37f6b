// Command mkcontext writes the map context of the Lujiazui sample (roads, water, parks and
// lawns of OpenStreetMap) for examples/district: the features of the Tilezen layers that
// reach into the sample's extent, with kind and name only, coordinates rounded to 1e-6°.
//
//	go run ./examples/district/internal/mkcontext -osm DIR -compounds renovation/sample/data/lujiazui/compounds.geojson \
//	    > examples/district/sample/context-lujiazui.geojson
//
// DIR holds roads.geojson, water.geojson and landuse.geojson of the Shanghai extract whose
// SOURCE.md is kept with the sample's generator (© OpenStreetMap contributors, ODbL 1.0).
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"
)

// keep lists, per layer, the kinds the map draws, as the context layer names them.
var keep = map[string]map[string]string{
	"roads":   {"major_road": "road_major", "minor_road": "road_minor"},
	"water":   {"water": "water", "river": "water", "riverbank": "water", "canal": "water"},
	"landuse": {"park": "green", "grass": "green", "garden": "green", "recreation_ground": "green"},
}

func main() {
	osm := flag.String("osm", "", "folder of the Tilezen layers")
	compounds := flag.String("compounds", "", "the sample's compounds, whose extent (and 100 m round it) is kept")
	flag.Parse()
	if err := run(*osm, *compounds); err != nil {
		fmt.Fprintln(os.Stderr, "mkcontext:", err)
		os.Exit(1)
	}
}

func read(path string) (*geojson.FeatureCollection, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fc, nil
}

func run(osm, compounds string) error {
	cs, err := read(compounds)
	if err != nil {
		return err
	}
	var ext orb.Bound
	for i, f := range cs.Features {
		if i == 0 {
			ext = f.Geometry.Bound()
		} else {
			ext = ext.Union(f.Geometry.Bound())
		}
	}
	ext = ext.Pad(0.001) // about 100 m
	out := geojson.NewFeatureCollection()
	for _, layer := range []string{"water", "landuse", "roads"} {
		fc, err := read(filepath.Join(osm, layer+".geojson"))
		if err != nil {
			return err
		}
		for _, f := range fc.Features {
			kind, ok := keep[layer][f.Properties.MustString("kind", "")]
			if !ok || f.Geometry == nil || !f.Geometry.Bound().Intersects(ext) {
				continue
			}
			g := geojson.NewFeature(round(f.Geometry))
			g.Properties = geojson.Properties{"kind": kind}
			if n := f.Properties.MustString("name", ""); n != "" {
				g.Properties["name"] = n
			}
			out.Features = append(out.Features, g)
		}
	}
	// Water first, then green, then roads, each in a fixed order: the map draws them so.
	rank := map[string]int{"water": 0, "green": 1, "road_minor": 2, "road_major": 3}
	sort.SliceStable(out.Features, func(i, j int) bool {
		return rank[out.Features[i].Properties.MustString("kind", "")] < rank[out.Features[j].Properties.MustString("kind", "")]
	})
	b, err := out.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(append(b, '\n'))
	return err
}

// round rounds a copy of g's coordinates to 1e-6°, about 10 cm.
func round(g orb.Geometry) orb.Geometry {
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*1e6) / 1e6, math.Round(p[1]*1e6) / 1e6}
	})
}
