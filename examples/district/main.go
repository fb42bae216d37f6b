// Command district is the main example: a planner's district report. On the embedded sample
// district (Lujiazui, Shanghai) — or your own files — it runs the compound indicators,
// eligibility, programme scope, life-circle coverage, elevator plans with consent and cost
// sharing, and the programme budget, and writes into an output folder:
//
//	report.html    one self-contained page: summary, tables, a map and two charts
//	district.xlsx  one sheet per table, Chinese headers
//	district.gpkg  layers compounds, buildings, facilities and gaps, for QGIS
//	district.kml   compounds, buildings, zones and facilities by kind, for Ovital (奥维) and Google Earth
//
// Usage:
//
//	go run ./examples/district                         # the Lujiazui sample into ./out
//	go run ./examples/district -sample bupt -out bupt  # the BUPT sample
//	go run ./examples/district -compounds c.geojson -buildings b.geojson \
//	    -facilities f.geojson -households h.xlsx -crs gcj02 -out mine
//	go run ./examples/district -compounds c.geojson -facilities f.gpkg \
//	    -crs gcj02 -layer-crs facilities=wgs84 -out mine       # one layer in its own CRS
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation/load"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

type options struct {
	sample, out, name                                          string
	compounds, buildings, facilities, green, zones, households string
	crs, radii, scheme, catalogue, funding, context            string
	pianqu                                                     string
	layerCRS                                                   map[string]geo.CRS
	pianquGap                                                  float64
	cutoff                                                     int
	sunHour                                                    float64
	json, strict                                               bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "district:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("district", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.sample, "sample", sample.Lujiazui, "embedded sample district: lujiazui, bupt or zhengzhou (紫荆山南路街道's problem list)")
	fs.StringVar(&o.out, "out", "out", "folder to write report.html, district.xlsx, district.gpkg and district.kml into")
	fs.StringVar(&o.compounds, "compounds", "", "your compounds (GeoJSON, GeoPackage, or shapefile .shp or .zip) instead of a sample")
	fs.StringVar(&o.buildings, "buildings", "", "your buildings (GeoJSON, GeoPackage, or shapefile .shp or .zip)")
	fs.StringVar(&o.facilities, "facilities", "", "your facilities, each with a kind property")
	fs.StringVar(&o.green, "green", "", "your green spaces")
	fs.StringVar(&o.zones, "zones", "", "your programme scope and exclusion zones, each with a kind property")
	fs.StringVar(&o.context, "context", "", "roads, water and green to draw under the map (GeoJSON, GeoPackage or shapefile; several separated by commas)")
	fs.StringVar(&o.households, "households", "", "your household roster, CSV or xlsx")
	fs.StringVar(&o.crs, "crs", "", "CRS of your files: wgs84, cgcs2000, gcj02, bd09 or an EPSG code (default: each file's own, else wgs84)")
	layerCRS := fs.String("layer-crs", "", "CRS of single layers, over -crs and the file's own: ROLE=CRS,… with ROLE compounds, buildings, facilities, green or zones (e.g. facilities=wgs84,compounds=gcj02)")
	fs.StringVar(&o.radii, "radii", "", "life-circle radius table (JSON) instead of the defaults")
	fs.StringVar(&o.scheme, "scheme", "", "elevator cost-sharing scheme (JSON, as examples/elevator reads) instead of the sample's")
	fs.StringVar(&o.catalogue, "catalogue", "", "renovation cost catalogue (JSON) instead of the illustrative one")
	fs.StringVar(&o.funding, "funding", "", "funding plan (JSON) instead of the illustrative one")
	fs.StringVar(&o.name, "name", "", "the district's name for the report's title (default: the data's, else the folder of -compounds)")
	fs.StringVar(&o.pianqu, "pianqu", "", "group the compounds into 片区: auto (touching, or within -pianqu-gap) or a CSV of the planner's grouping (columns compound and pianqu, or 小区 and 片区)")
	fs.Float64Var(&o.pianquGap, "pianqu-gap", 0, "-pianqu auto: join compounds whose boundaries are at most this many metres apart")
	fs.IntVar(&o.cutoff, "cutoff", 0, "eligibility: completed by the end of this year (default 2000, the national rule)")
	fs.Float64Var(&o.sunHour, "sun-hour", 10, "hour of apparent solar time of the shadows on the elevator shaft map (8–16 on 大寒日)")
	fs.BoolVar(&o.strict, "strict", false, "fail when a file holds a property, column or value that nothing reads (they are listed on standard error and in the report either way)")
	fs.BoolVar(&o.json, "json", false, "print the analyses as JSON on standard output instead of the summary (the files are written all the same)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if !(o.sunHour >= 0 && o.sunHour <= 24) {
		return o, fmt.Errorf("-sun-hour %v is not an hour of the day", o.sunHour)
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	m, err := load.ParseLayerCRS(*layerCRS)
	if err != nil {
		return o, fmt.Errorf("-layer-crs: %w", err)
	}
	given := map[string]string{"compounds": o.compounds, "buildings": o.buildings, "facilities": o.facilities, "green": o.green, "zones": o.zones}
	for role := range m {
		if path, ok := given[role]; !ok {
			return o, fmt.Errorf("-layer-crs: this program reads no %s layer (only compounds, buildings, facilities, green and zones)", role)
		} else if path == "" {
			return o, fmt.Errorf("-layer-crs: it names the %s layer, but no -%s file is given", role, role)
		}
	}
	o.layerCRS = m
	return o, nil
}

// run analyses the district, writes the four files and prints where they went and a short
// summary to stdout, progress to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil // -h asked for the usage, which is printed
	}
	if err != nil {
		return err
	}
	p := &progress{w: stderr, total: 8}
	r, err := analyse(ctx, o, p)
	if err != nil {
		p.end()
		return err
	}
	for _, n := range r.LoadNotes {
		fmt.Fprintln(stderr, "district: note:", n)
	}
	p.begin("writing the outputs")
	files, err := writeOutputs(o.out, r)
	p.end()
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(jsonReport(r))
	}
	printSummary(stdout, r, files)
	return nil
}

// writeOutputs writes the report files into dir and returns their paths.
func writeOutputs(dir string, r *results) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tables := reportTables(r)
	paths := []string{filepath.Join(dir, "report.html"), filepath.Join(dir, "district.xlsx"), filepath.Join(dir, "district.gpkg"), filepath.Join(dir, "district.kml")}
	if err := writeHTML(paths[0], r, tables); err != nil {
		return nil, fmt.Errorf("%s: %w", paths[0], err)
	}
	if err := writeXLSX(paths[1], tables); err != nil {
		return nil, fmt.Errorf("%s: %w", paths[1], err)
	}
	if err := writeGeoPackage(paths[2], r); err != nil {
		return nil, fmt.Errorf("%s: %w", paths[2], err)
	}
	if err := writeKML(paths[3], r); err != nil {
		return nil, fmt.Errorf("%s: %w", paths[3], err)
	}
	return paths, nil
}

// reportTables lists the report's tables in the order they appear.
func reportTables(r *results) []*table {
	ts := []*table{householdsTable(r), indicatorsTable(r), eligibilityTable(r)}
	if r.Scope != nil {
		ts = append(ts, scopeTable(r))
	}
	ts = append(ts, lifeCircleTable(r), gapsTable(r), plansTable(r), shaftsTable(r), sharesTable(r), budgetTable(r))
	ts = append(ts, workTables(r)...) // worktables.go
	return append(ts, notesTable(r))
}

func printSummary(w io.Writer, r *results, files []string) {
	d := r.District
	fmt.Fprintf(w, "%s: %d compounds, %d buildings, %d households\n", d.Name, len(d.Compounds), r.Total.Buildings, r.Total.Households)
	fmt.Fprintf(w, "  eligible (completed by the end of %d): %d of %d compounds\n", r.Rule.CutoffYear, r.Eligible, len(d.Compounds))
	for _, s := range r.LifeCircle.Kinds {
		fmt.Fprintf(w, "  %s within %g m: %d of %d compounds, %.0f%% of households\n", s.Kind.Chinese(), s.Radius, s.CompoundsCovered, s.Compounds, 100*s.HouseholdRate)
	}
	sum := r.Plans.Summary
	fmt.Fprintf(w, "  elevator candidates: %d stairwells (%d ready to sign, %d with a few objectors, %d waiting)\n", sum.Stairwells, sum.ReadyToSign, sum.FewObjectors, sum.Waiting)
	fmt.Fprintf(w, "  programme budget (illustrative prices): %s yuan, funding gap %s yuan\n", r.Budget.Total.Cost.Grouped(), gap(r))
	fmt.Fprintln(w, "wrote:")
	for _, f := range files {
		fmt.Fprintln(w, "  "+f)
	}
}

func gap(r *results) string {
	if f := r.Budget.Total.Funding; f != nil {
		return f.Gap.Grouped()
	}
	return "—"
}
