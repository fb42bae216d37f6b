// Command convert converts the coordinates of a GeoJSON file between the coordinate systems
// Chinese data comes in: WGS84 (GPS, OpenStreetMap), CGCS2000 (official surveying), GCJ-02
// (Amap, Tencent) and BD-09 (Baidu), or onto a CGCS2000 3° Gauss-Krüger survey sheet.
//
//	go run ./examples/convert -from CRS -to CRS IN.geojson > OUT.geojson
//
// CRS is wgs84, cgcs2000, gcj02 or bd09 (or an EPSG code the geo package knows, such as
// EPSG:4549); -to also takes gk3, the CGCS2000 3° zone (without zone prefix) that holds the
// centre of the data, whose EPSG code is printed on stderr. IN may be "-" or left out to read
// standard input; with no arguments at all the program converts its embedded sample from
// gcj02 to wgs84. See README.md.
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo"
)

//go:embed sample.geojson
var sample []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the input could not be converted
	exitUsage = 2 // the command line is wrong
)

// config is the parsed command line.
type config struct {
	from     geo.CRS
	to       target
	inPath   string // "" or "-" for standard input
	outPath  string // "" for standard output
	dropZ    bool
	maxBytes int64
	sample   bool
}

// target is what -to names: a CRS, gk3 (a zone chosen from the data), or a file format.
type target struct {
	name   string
	crs    geo.CRS     // for a CRS
	gk3    bool        // choose the CGCS2000 3° zone from the data
	output *fileOutput // for gpkg and kml
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "convert: %v\n", err)
		return exitUsage
	}
	if cfg.sample {
		fmt.Fprintln(stderr, "convert: no arguments: converting the embedded sample from gcj02 to wgs84 (see -h)")
	}
	name, data, err := readInput(cfg, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "convert: %v\n", err)
		return exitError
	}
	result, err := convert(cfg, name, data, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "convert: %v\n", err)
		return exitError
	}
	if err := writeOutput(cfg, result, stdout); err != nil {
		fmt.Fprintf(stderr, "convert: %v\n", err)
		return exitError
	}
	return exitOK
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	cfg := config{}
	if len(args) == 0 {
		cfg.from, cfg.to, cfg.sample, cfg.maxBytes = geo.GCJ02, target{name: "wgs84", crs: geo.WGS84}, true, 1<<30
		return cfg, nil
	}
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "CRS of the input: wgs84, cgcs2000, gcj02, bd09 or an EPSG code")
	to := fs.String("to", "", "CRS of the output: wgs84, cgcs2000, gcj02, bd09, gk3, an EPSG code, or the file formats gpkg and kml (with -o)")
	fs.StringVar(&cfg.outPath, "o", "", "write to this file instead of standard output (required for gpkg and kml)")
	fs.BoolVar(&cfg.dropZ, "drop-z", false, "accept positions with altitude and drop it (otherwise they are an error)")
	fs.Int64Var(&cfg.maxBytes, "max-bytes", 1<<30, "refuse inputs larger than this many bytes")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: convert -from CRS -to CRS [-o FILE] [IN.geojson | -] > OUT.geojson")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	switch fs.NArg() {
	case 0:
	case 1:
		cfg.inPath = fs.Arg(0)
	default:
		return cfg, fmt.Errorf("one input file at most, got %d: %s", fs.NArg(), strings.Join(fs.Args(), " "))
	}
	if *from == "" || *to == "" {
		return cfg, errors.New("both -from and -to are required, e.g. -from gcj02 -to wgs84")
	}
	var err error
	switch strings.ToLower(*from) {
	case "gk3", "gpkg", "kml":
		return cfg, fmt.Errorf("-from %s: the input is GeoJSON in one CRS; name it (wgs84, cgcs2000, gcj02, bd09 or an EPSG code such as EPSG:4549)", *from)
	}
	if cfg.from, err = geo.ParseCRS(*from); err != nil {
		return cfg, fmt.Errorf("-from: %v", err)
	}
	if cfg.to, err = parseTarget(*to); err != nil {
		return cfg, fmt.Errorf("-to: %v", err)
	}
	if cfg.to.output != nil && cfg.outPath == "" {
		return cfg, fmt.Errorf("-to %s writes a file: give it with -o FILE", cfg.to.name)
	}
	if cfg.maxBytes <= 0 {
		return cfg, fmt.Errorf("-max-bytes %d: want a positive size", cfg.maxBytes)
	}
	return cfg, nil
}

func parseTarget(s string) (target, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "gk3" {
		return target{name: name, gk3: true}, nil
	}
	if out, ok := fileOutputs[name]; ok {
		return target{name: name, output: &out}, nil
	}
	c, err := geo.ParseCRS(s)
	if err != nil {
		return target{}, err
	}
	return target{name: s, crs: c}, nil
}

func readInput(cfg config, stdin io.Reader) (name string, data []byte, err error) {
	var r io.Reader
	switch {
	case cfg.sample:
		return "sample.geojson (embedded)", sample, nil
	case cfg.inPath == "" || cfg.inPath == "-":
		name, r = "stdin", stdin
	default:
		f, err := os.Open(cfg.inPath)
		if err != nil {
			return cfg.inPath, nil, err
		}
		defer f.Close()
		name, r = cfg.inPath, f
	}
	data, err = io.ReadAll(io.LimitReader(r, cfg.maxBytes+1))
	if err != nil {
		return name, nil, fmt.Errorf("%s: %v", name, err)
	}
	if int64(len(data)) > cfg.maxBytes {
		return name, nil, fmt.Errorf("%s: larger than -max-bytes %d", name, cfg.maxBytes)
	}
	return name, data, nil
}

// result is a converted document and the CRS its coordinates are now in.
type result struct {
	doc *document
	crs geo.CRS
}

// convert reads the GeoJSON in data (named name in messages) and transforms every feature to
// the target CRS, choosing the zone for gk3. Messages for the user go to stderr.
func convert(cfg config, name string, data []byte, stderr io.Writer) (*result, error) {
	doc, err := readDocument(data, readOptions{dropZ: cfg.dropZ, maxDepth: 32})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if doc.crs != "" {
		if declared, err := geo.ParseCRS(doc.crs); err == nil && !compatibleDeclaration(declared, cfg.from) {
			fmt.Fprintf(stderr, "convert: warning: %s declares %v but -from is %v; converting as -from says\n", name, declared, cfg.from)
		}
	}
	to := cfg.to.crs
	from := cfg.from
	switch {
	case cfg.to.output != nil:
		to = cfg.to.output.crs(cfg.from)
	case cfg.to.gk3:
		// Bring everything to lon/lat first, then pick the zone of the centre of the data.
		if err := transformAll(doc, name, from, geo.CGCS2000); err != nil {
			return nil, err
		}
		from = geo.CGCS2000
		zone, err := chooseGK3(doc, stderr)
		if err != nil {
			return nil, fmt.Errorf("%s: -to gk3: %v", name, err)
		}
		to = zone
	}
	if err := transformAll(doc, name, from, to); err != nil {
		return nil, err
	}
	return &result{doc: doc, crs: to}, nil
}

// compatibleDeclaration reports whether a file's legacy "crs" member agrees with -from.
// GCJ-02 and BD-09 files are often labelled WGS84 or CGCS2000, which is wrong but common, so
// that is not worth a warning; WGS84 and CGCS2000 are the same coordinates.
func compatibleDeclaration(declared, from geo.CRS) bool {
	if declared == from {
		return true
	}
	return !declared.Projected() && !from.Projected()
}

func transformAll(doc *document, name string, from, to geo.CRS) error {
	t, err := geo.NewTransformer(from, to)
	if err != nil {
		return err
	}
	for i := range doc.features {
		f := &doc.features[i]
		g, err := t.Geometry(f.geometry)
		if err != nil {
			return fmt.Errorf("%s: %s: %v", name, featureLabel(i, f), err)
		}
		f.geometry = g
	}
	return nil
}

// featureLabel names a feature in messages: its index in "features" and its id, if any.
func featureLabel(i int, f *feature) string {
	s := "features[" + strconv.Itoa(i) + "]"
	for _, m := range f.members {
		if m.key == "id" {
			var compact bytes.Buffer
			if err := json.Compact(&compact, m.raw); err == nil {
				s += " (id " + compact.String() + ")"
			}
		}
	}
	return s
}

// chooseGK3 returns the CGCS2000 3° zone, without prefix, whose area of use holds the centre
// of the bounding box of every geometry in doc (lon/lat), and reports the choice on stderr.
func chooseGK3(doc *document, stderr io.Writer) (geo.CRS, error) {
	var bound orb.Bound
	have := false
	for _, f := range doc.features {
		if f.geometry == nil || geo.IsEmpty(f.geometry) {
			continue
		}
		b := f.geometry.Bound()
		if !have {
			bound, have = b, true
		} else {
			bound = bound.Union(b)
		}
	}
	if !have {
		return geo.CRS{}, errors.New("the data has no coordinates to choose a zone from")
	}
	centre := (bound.Min[0] + bound.Max[0]) / 2
	n, err := geo.GK3ZoneFor(centre)
	if err != nil {
		return geo.CRS{}, fmt.Errorf("centre longitude %.6f: %v", centre, err)
	}
	zone, err := geo.GK3CM(3 * n)
	if err != nil {
		return geo.CRS{}, err
	}
	cm := float64(3 * n)
	fmt.Fprintf(stderr, "convert: -to gk3: %v, the zone of the data's centre longitude %.6f°E\n", zone, centre)
	if bound.Min[0] < cm-1.5 || bound.Max[0] >= cm+1.5 {
		fmt.Fprintf(stderr, "convert: note: the data spans %.6f°E to %.6f°E, beyond the zone's %.1f°E to %.1f°E; points up to 4.5° from the central meridian are projected in it\n",
			bound.Min[0], bound.Max[0], cm-1.5, cm+1.5)
	}
	return zone, nil
}

// crsURN is the name written in the output's legacy "crs" member: none for WGS84 (RFC 7946's
// default) and for GCJ-02 and BD-09 (which have no EPSG code).
func crsURN(c geo.CRS) string {
	if c == geo.WGS84 || c.EPSG() == 0 {
		return ""
	}
	return "urn:ogc:def:crs:EPSG::" + strconv.Itoa(c.EPSG())
}

func writeOutput(cfg config, res *result, stdout io.Writer) error {
	if out := cfg.to.output; out != nil {
		return out.write(cfg.outPath, res.crs, res.doc)
	}
	var buf bytes.Buffer
	if err := writeDocument(&buf, res.doc, crsURN(res.crs)); err != nil {
		return err
	}
	if cfg.outPath == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(cfg.outPath, buf.Bytes(), 0o644)
}
