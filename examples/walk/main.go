// Command walk answers walking-distance questions on an OpenStreetMap extract: how far on
// foot, through the street network, each listed node (or every node within a limit) is from
// the nearest of the -from nodes, and which of them is nearest.
//
//	go run ./examples/walk                                   # the embedded Haidian sample
//	go run ./examples/walk -osm FILE(.osm|.osm.pbf) -from NODE[,NODE...] (-to NODE[,NODE...] | -within METRES) -json
//	go run ./examples/walk -osm FILE(.osm|.osm.pbf)          # the compounds' walking life circles
//
// NODE is an OSM node id of a walkable way (a junction, a way end or a shape node). The
// search runs from all -from nodes at once. With -json the output is one JSON object,
// {"nodes": [{"node": ID, "metres": M, "source": ID}, ...]}, sorted by node id; a -to node
// that cannot be reached has "metres": null and no "source". See README.md for the walk
// filter.
//
// With -osm and none of -from, -to, -within it prints the walking life circles of the
// extract's residential areas instead, {"compounds": [{"id", "name", "exit", "gates",
// "facilities": {KIND: {"walk_m", "straight_m", "covered"}}}]} (see compounds.go); without
// -osm it keeps answering the embedded sample's node question. OpenStreetMap data is © OpenStreetMap contributors, ODbL 1.0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/xiaoqu/xiaoqu/geo/network"
	"github.com/xiaoqu/xiaoqu/geo/osm"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "walk:", err)
		os.Exit(1)
	}
}

// errUsage is a bad command line; the flag package or run has already said why.
var errUsage = errors.New("usage")

// options are the parsed flags.
type options struct {
	osmFile string
	from    []int64
	to      []int64
	within  float64 // negative when -within is not given
	json    bool
	// compounds: -osm without -from, -to or -within asks for the walking life circles of
	// the extract's residential areas (see compounds.go).
	compounds bool
}

func run(args []string, out, errOut io.Writer) error {
	o, err := parseFlags(args, errOut)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if o.compounds {
		return writeCompounds(context.Background(), out, o.osmFile)
	}
	var d *osm.Data
	if o.osmFile == "" {
		d, err = readSample()
		if err == nil {
			fmt.Fprintln(noteWriter(o, out, errOut), sampleNote(o))
		}
	} else {
		d, err = osm.ReadFile(o.osmFile, nil)
	}
	if err != nil {
		return err
	}
	g, err := network.FromOSM(d, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(o.osmFile), err)
	}
	rows, err := answer(context.Background(), g, o)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(out, rows)
	}
	return writeTable(out, o, g, rows)
}

// noteWriter is where the note about the embedded sample goes: stderr under -json, so that
// stdout stays one JSON object.
func noteWriter(o options, out, errOut io.Writer) io.Writer {
	if o.json {
		return errOut
	}
	return out
}

// displayName names the input in messages.
func displayName(path string) string {
	if path == "" {
		return "the embedded sample"
	}
	return path
}
