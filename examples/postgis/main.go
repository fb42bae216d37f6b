// Command postgis loads a district into PostGIS (SRID 4490, CGCS2000), reads its geometries
// back as EWKB, runs the compound indicators and the life-circle coverage on what it read, and
// writes them to the tables compound_indicators and life_circle.
//
//	go run ./examples/postgis -db postgres://user@127.0.0.1:5432/dbname
//
// The database comes from -db or the XIAOQU_POSTGIS_URL environment variable. The example
// works in its own schema (-schema, default xiaoqu_example) and drops an existing one only
// with -replace.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// EnvURL names the environment variable that gives the database when -db is not set.
const EnvURL = "XIAOQU_POSTGIS_URL"

type options struct {
	url, schema, sample string
	replace             bool
	timeout             time.Duration
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "postgis:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("postgis", flag.ContinueOnError)
	fs.StringVar(&o.url, "db", os.Getenv(EnvURL), "PostgreSQL connection URL (default $"+EnvURL+")")
	fs.StringVar(&o.schema, "schema", "xiaoqu_example", "schema to create the tables in")
	fs.StringVar(&o.sample, "sample", sample.Lujiazui, "embedded sample district to load: lujiazui or bupt")
	fs.BoolVar(&o.replace, "replace", false, "drop the schema first if it exists")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.url == "" {
		return o, errors.New("no database: give -db URL or set " + EnvURL + " (see README.md)")
	}
	return o, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil // -h asked for the usage, which is printed
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	d, err := sample.Load(o.sample)
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, o.url)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.Background())
	pub, err := publish(ctx, conn, o.schema, o.replace, d, nil)
	if err != nil {
		return err
	}
	back, ind, lc := pub.District, pub.Indicators, pub.LifeCircle
	fmt.Fprintf(out, "loaded %s into schema %s (SRID %d): %d compounds, %d buildings, %d households, %d facilities\n",
		d.Name, o.schema, srid, len(back.Compounds), countBuildings(back), countHouseholds(back), len(back.Facilities))
	t := ind.Totals
	fmt.Fprintf(out, "indicators of the district read back: site %.0f m², building coverage %.1f%%, FAR %.2f, green ratio %.1f%% → table %s.compound_indicators\n",
		t.RatioArea, 100*t.BuildingCoverage, t.FAR, 100*t.GreenRatio, o.schema)
	for _, k := range lc.Kinds {
		fmt.Fprintf(out, "  %s within %g m: %d of %d compounds\n", k.Kind, k.Radius, k.CompoundsCovered, k.Compounds)
	}
	fmt.Fprintf(out, "life-circle coverage → table %s.life_circle\n", o.schema)
	return nil
}

// roundTrip writes d into the schema's new tables, indexes them and reads d back.
func roundTrip(ctx context.Context, conn db, schema string, d *renovation.District) (*renovation.District, error) {
	if err := writeDistrict(ctx, conn, schema, d); err != nil {
		return nil, err
	}
	if err := createIndexes(ctx, conn, schema); err != nil {
		return nil, err
	}
	back, err := readDistrict(ctx, conn, schema)
	if err != nil {
		return nil, fmt.Errorf("read back: %w", err)
	}
	back.Name, back.Attribution = d.Name, d.Attribution
	return back, nil
}

func countBuildings(d *renovation.District) int {
	n := 0
	for i := range d.Compounds {
		n += len(d.Compounds[i].Buildings)
	}
	return n
}

func countHouseholds(d *renovation.District) int {
	n := 0
	for i := range d.Compounds {
		n += renovation.CountHouseholds(&d.Compounds[i]).Households
	}
	return n
}
