// Command coverage prints the indicators and the GB 50180-2018 life-circle coverage of a
// district's compounds: site area, footprint, building coverage (建筑密度), floor area,
// floor-area ratio (容积率), green ratio (绿地率) and households, and for each facility kind of
// the radius table the nearest facility, whether one is within reach and the share of the
// compound within reach; then, per kind, the compounds and households covered and the gaps.
//
//	go run ./examples/coverage                       # the embedded Lujiazui sample, as a table
//	go run ./examples/coverage -compounds c.geojson [-buildings b.geojson] [-facilities f.geojson] \
//	    [-green g.geojson] [-households h.csv] [-crs wgs84|cgcs2000|gcj02|bd09] \
//	    [-layer-crs facilities=wgs84,buildings=gcj02] [-radii r.json] -json
//
// See README.md for the input formats and the JSON contract.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "coverage:", err)
		os.Exit(1)
	}
}

// errUsage is a bad command line; the flag package has already said why.
var errUsage = errors.New("usage")

type options struct {
	compounds, buildings, facilities, green, households, radii string
	crs                                                        geo.CRS
	layerCRS                                                   map[string]geo.CRS
	json, strict                                               bool
}

func run(args []string, out, errOut io.Writer) error {
	var o options
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.StringVar(&o.compounds, "compounds", "", "compounds as GeoJSON or GeoPackage (default: the embedded Lujiazui sample)")
	fs.StringVar(&o.buildings, "buildings", "", "buildings; those naming no compound are placed by location")
	fs.StringVar(&o.facilities, "facilities", "", "facilities, each with a `kind` property")
	fs.StringVar(&o.green, "green", "", "green spaces")
	fs.StringVar(&o.households, "households", "", "a household roster, CSV or xlsx")
	fs.StringVar(&o.radii, "radii", "", "a radius table as JSON (default: renovation.DefaultRadii)")
	crs := fs.String("crs", "", "the CRS of every input file: wgs84, cgcs2000, gcj02, bd09 or EPSG:NNNN (default: the file's own, else wgs84)")
	layerCRS := fs.String("layer-crs", "", "the CRS of single layers, over -crs and the file's own: ROLE=CRS,… with ROLE compounds, buildings, facilities or green (e.g. facilities=wgs84,compounds=gcj02)")
	fs.BoolVar(&o.json, "json", false, "print one JSON object instead of tables")
	fs.BoolVar(&o.strict, "strict", false, "fail when a file holds a property, column or value that nothing reads (listed on standard error either way)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h asked for the usage, which is printed
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(errOut, "coverage: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *crs != "" {
		c, err := geo.ParseCRS(*crs)
		if err != nil {
			fmt.Fprintf(errOut, "coverage: -crs: %v\n", err)
			return errUsage
		}
		o.crs = c
	}
	if err := o.parseLayerCRS(*layerCRS); err != nil {
		fmt.Fprintf(errOut, "coverage: -layer-crs: %v\n", err)
		return errUsage
	}
	radii := renovation.DefaultRadii()
	if o.radii != "" {
		b, err := os.ReadFile(o.radii)
		if err != nil {
			return err
		}
		if radii, err = renovation.ParseRadii(b); err != nil {
			return fmt.Errorf("%s: %w", o.radii, err)
		}
	}
	d, notes, err := loadDistrict(o)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(errOut, "coverage:", n)
	}
	r, err := analyse(context.Background(), d, radii)
	if err != nil {
		return err
	}
	if o.json {
		return r.writeJSON(out)
	}
	return r.writeTables(out)
}

// parseLayerCRS reads -layer-crs into o.layerCRS; a role whose layer is not given is an
// error, since it would be silently ignored.
func (o *options) parseLayerCRS(s string) error {
	m, err := load.ParseLayerCRS(s)
	if err != nil {
		return err
	}
	given := map[string]string{"compounds": o.compounds, "buildings": o.buildings, "facilities": o.facilities, "green": o.green}
	for role := range m {
		if path, ok := given[role]; !ok {
			return fmt.Errorf("this program reads no %s layer (only compounds, buildings, facilities and green)", role)
		} else if path == "" {
			return fmt.Errorf("it names the %s layer, but no -%s file is given", role, role)
		}
	}
	o.layerCRS = m
	return nil
}

// loadDistrict reads the user's files, or the embedded sample; notes say what the reader
// repaired and which buildings it could not place.
func loadDistrict(o options) (*renovation.District, []string, error) {
	if o.compounds == "" {
		if o.buildings != "" || o.facilities != "" || o.green != "" || o.households != "" {
			return nil, nil, errors.New("-buildings, -facilities, -green and -households need -compounds")
		}
		d, err := sample.Load(sample.Lujiazui)
		return d, nil, err
	}
	d, rep, err := load.District(context.Background(), load.Options{
		ID: o.compounds, Compounds: o.compounds, Buildings: o.buildings, Facilities: o.facilities,
		GreenSpaces: o.green, Households: o.households, CRS: o.crs, LayerCRS: o.layerCRS, Strict: o.strict,
	})
	if err != nil {
		return nil, nil, err
	}
	return d, rep.Notes(), nil
}
