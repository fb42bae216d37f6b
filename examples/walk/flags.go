package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// parseFlags reads the command line. Without -osm the embedded sample is used, and without
// -from too, its default question.
func parseFlags(args []string, errOut io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("walk", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&o.osmFile, "osm", "", "an OpenStreetMap file, `FILE`.osm (XML) or FILE.osm.pbf (default: the embedded Haidian sample)")
	from := fs.String("from", "", "the OSM node ids to walk from, `NODE[,NODE...]`, all at once")
	to := fs.String("to", "", "the OSM node ids to report, `NODE[,NODE...]`")
	within := fs.String("within", "", "report every node within `METRES` of the nearest -from node")
	fs.BoolVar(&o.json, "json", false, `print one JSON object {"nodes": [...]} instead of a table`)
	fs.Usage = func() {
		fmt.Fprintln(errOut, "usage: walk [-osm FILE(.osm|.osm.pbf)] -from NODE[,NODE...] (-to NODE[,NODE...] | -within METRES) [-json]")
		fmt.Fprintln(errOut, "       walk -osm FILE(.osm|.osm.pbf)   (the walking life circles of its residential areas, JSON)")
		fmt.Fprintln(errOut, "Walking distances on OpenStreetMap data (© OpenStreetMap contributors, ODbL 1.0).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return o, err
		}
		return o, errUsage
	}
	usage := func(format string, a ...any) (options, error) {
		fmt.Fprintf(errOut, "walk: "+format+"\n", a...)
		return o, errUsage
	}
	if fs.NArg() > 0 {
		return usage("unexpected argument %q", fs.Arg(0))
	}
	o.within = -1
	if *from == "" && *to == "" && *within == "" {
		if o.osmFile != "" {
			o.compounds = true // the walking life circles of the extract's residential areas
			return o, nil
		}
		o.from, o.within = sampleFrom, sampleWithin
		return o, nil
	}
	var err error
	if o.from, err = parseNodes(*from); err != nil {
		return usage("-from: %v", err)
	}
	if len(o.from) == 0 {
		return usage("-from is required")
	}
	switch {
	case *to != "" && *within != "":
		return usage("give -to or -within, not both")
	case *to != "":
		if o.to, err = parseNodes(*to); err != nil {
			return usage("-to: %v", err)
		}
	case *within != "":
		w, err := strconv.ParseFloat(*within, 64)
		if err != nil || w < 0 || math.IsInf(w, 0) || math.IsNaN(w) {
			return usage("-within %q: want a number of metres, at least 0", *within)
		}
		o.within = w
	default:
		return usage("give -to NODE[,NODE...] or -within METRES")
	}
	return o, nil
}

// parseNodes reads a comma-separated list of OSM node ids.
func parseNodes(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	var ids []int64
	for _, f := range strings.Split(s, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an OSM node id", f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
