// Command district is the main example: it loads a district — the embedded Lujiazui sample by
// default, or your own files — and prints, per compound, its buildings, stairwells,
// households, residential floor area and households by tenure.
//
//	go run ./examples/district                     # the Lujiazui sample
//	go run ./examples/district -sample bupt        # the BUPT staff-housing sample
//	go run ./examples/district -compounds c.geojson [-buildings b.geojson] [-households h.csv]
//	go run ./examples/district -json               # the same as JSON
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/roster"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "district:", err)
		os.Exit(1)
	}
}

type options struct {
	sample, compounds, buildings, households string
	json                                     bool
}

func run(args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("district", flag.ContinueOnError)
	fs.StringVar(&o.sample, "sample", sample.Lujiazui, "embedded sample district: lujiazui or bupt")
	fs.StringVar(&o.compounds, "compounds", "", "your compounds as GeoJSON (instead of a sample)")
	fs.StringVar(&o.buildings, "buildings", "", "your buildings as GeoJSON, each with a compound property")
	fs.StringVar(&o.households, "households", "", "your household roster, CSV or xlsx")
	fs.BoolVar(&o.json, "json", false, "print JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := load(o)
	if err != nil {
		return err
	}
	r := summarise(d)
	if o.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return r.write(out)
}

// load reads the district from the user's files, or the embedded sample.
func load(o options) (*renovation.District, error) {
	if o.compounds == "" {
		if o.buildings != "" || o.households != "" {
			return nil, errors.New("-buildings and -households need -compounds")
		}
		return sample.Load(o.sample)
	}
	d := &renovation.District{ID: o.compounds, Name: o.compounds}
	fc, err := readGeoJSON(o.compounds)
	if err != nil {
		return nil, err
	}
	if d.Compounds, err = renovation.CompoundsFromFeatures(o.compounds, fc.Features); err != nil {
		return nil, err
	}
	if o.buildings != "" {
		fc, err := readGeoJSON(o.buildings)
		if err != nil {
			return nil, err
		}
		bs, err := renovation.BuildingsFromFeatures(o.buildings, fc.Features)
		if err != nil {
			return nil, err
		}
		if err := d.AddBuildings(o.buildings, bs); err != nil {
			return nil, err
		}
	}
	if o.households != "" {
		r, err := roster.ReadFile(o.households, nil)
		if err != nil {
			return nil, err
		}
		def := ""
		if len(d.Compounds) == 1 {
			def = d.Compounds[0].ID // a roster of the only compound need not name it
		}
		if err := r.Attach(d, def); err != nil {
			return nil, err
		}
	}
	return d, d.Validate()
}

func readGeoJSON(path string) (*geojson.FeatureCollection, error) {
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
