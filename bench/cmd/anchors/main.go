package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/synthetic"
)

// EnvURL names the environment variable that gives the database when -db is not set; the
// project's .ci/postgis.sh sets it when it starts a throwaway cluster.
const EnvURL = "XIAOQU_POSTGIS_URL"

type options struct {
	db, schema, work  string
	planimeter, cs2cs string
	rounds, points    int
	seed              uint64
	parts             map[string]bool
	nearest, keep     bool
	geography         bool
	timeout           time.Duration
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "anchors:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	var parts string
	fs := flag.NewFlagSet("anchors", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.db, "db", os.Getenv(EnvURL), "PostgreSQL URL of a database with PostGIS (default $"+EnvURL+")")
	fs.StringVar(&o.schema, "schema", "xiaoqu_bench", "schema to load the city into; dropped and made afresh")
	fs.StringVar(&o.work, "work", "", "directory for the text files (default a temporary one, removed at the end)")
	fs.StringVar(&o.planimeter, "planimeter", "Planimeter", "GeographicLib's Planimeter")
	fs.StringVar(&o.cs2cs, "cs2cs", "cs2cs", "PROJ's cs2cs")
	fs.IntVar(&o.rounds, "rounds", 5, "rounds; each runs every piece of work once on each side, alternating which goes first")
	fs.IntVar(&o.points, "points", 1_000_000, "points to project")
	fs.Uint64Var(&o.seed, "seed", 2026, "seed of the synthetic city (the renovation benchmark's) and of the points")
	fs.StringVar(&parts, "parts", "city,area,projection", "comma-separated parts to run: city (PostGIS), area (Planimeter), projection (cs2cs, GCJ-02)")
	fs.BoolVar(&o.nearest, "nearest", true, "also time PostGIS finding the nearest facility of each kind (nearest.sql)")
	fs.BoolVar(&o.geography, "geography", true, "also time the variants of the PostGIS queries on geography (coverage_geography.sql, nearest_geography.sql)")
	fs.BoolVar(&o.keep, "keep", false, "keep the text files and the schema")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Hour, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o.parts = map[string]bool{}
	for _, p := range strings.Split(parts, ",") {
		switch p = strings.TrimSpace(p); p {
		case "city", "area", "projection":
			o.parts[p] = true
		case "":
		default:
			return o, fmt.Errorf("-parts: unknown part %q (want city, area, projection)", p)
		}
	}
	switch {
	case o.rounds < 1:
		return o, fmt.Errorf("-rounds %d: want at least 1", o.rounds)
	case o.points < 1 || o.points > 100_000_000:
		return o, fmt.Errorf("-points %d: want 1 to 100,000,000", o.points)
	case o.parts["city"] && o.db == "":
		return o, errors.New("no database for the city part: give -db URL or set " + EnvURL + " (bench/run.sh starts a throwaway cluster)")
	}
	return o, nil
}

// bench holds one run's inputs, files and measurements.
type bench struct {
	o      options
	log    io.Writer
	d      *renovation.District
	radii  renovation.RadiusTable
	t      timings
	rounds []string // the load averages at the start and end of each round

	// city
	conns1, conns2      []*pgx.Conn
	lib                 libCity
	pg1, pg2            *pgCity
	copyTime, indexTime time.Duration

	// files
	ringsIn, planimeterOut, libAreaOut string
	rings, vertices                    int
	pointsIn, cs2csOut, libProjOut     string
	gcjOut, backOut                    string
}

func (b *bench) logf(format string, args ...any) { fmt.Fprintf(b.log, format+"\n", args...) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	b := &bench{o: o, log: stderr, t: timings{}, radii: renovation.DefaultRadii()}
	if b.o.work == "" {
		dir, err := os.MkdirTemp("", "xiaoqu-anchors-")
		if err != nil {
			return err
		}
		b.o.work = dir
		if !o.keep {
			defer os.RemoveAll(dir)
		}
	} else if err := os.MkdirAll(b.o.work, 0o755); err != nil {
		return err
	}
	b.logf("load average at start: %s; GOMAXPROCS %d, NumCPU %d", loadAvg(), runtime.GOMAXPROCS(0), runtime.NumCPU())
	start := time.Now()
	b.d, err = synthetic.City(o.seed, synthetic.Benchmark())
	if err != nil {
		return err
	}
	b.logf("synthetic city %d: %d compounds, %d buildings, %d green spaces, %d facilities, made in %v",
		o.seed, len(b.d.Compounds), countBuildings(b.d), len(b.d.GreenSpaces), len(b.d.Facilities), time.Since(start).Round(time.Millisecond))
	if err := b.prepare(ctx); err != nil {
		return err
	}
	defer b.close()
	first := snapCPU()
	for r := 1; r <= o.rounds; r++ {
		before, snap := loadAvg(), snapCPU()
		b.logf("round %d of %d (load average %s)", r, o.rounds, before)
		if err := b.round(ctx, r); err != nil {
			return fmt.Errorf("round %d: %w", r, err)
		}
		b.rounds = append(b.rounds, fmt.Sprintf("round %d: load average %s at start, %s at end; %s", r, before, loadAvg(), othersBetween(snap, snapCPU())))
	}
	b.rounds = append(b.rounds, "all rounds: "+othersBetween(first, snapCPU()))
	return b.report(stdout)
}

func countBuildings(d *renovation.District) int {
	n := 0
	for i := range d.Compounds {
		n += len(d.Compounds[i].Buildings)
	}
	return n
}

// prepare loads PostGIS and writes the text files the command-line anchors read.
func (b *bench) prepare(ctx context.Context) error {
	w := b.o.work
	if b.o.parts["city"] {
		conn, err := pgx.Connect(ctx, b.o.db)
		if err != nil {
			return fmt.Errorf("connect: %w", err)
		}
		b.copyTime, b.indexTime, err = loadCity(ctx, conn, b.o.schema, b.d, b.radii)
		conn.Close(ctx)
		if err != nil {
			return err
		}
		b.logf("PostGIS loaded: COPY %v, afterload.sql (indexes, ANALYZE) %v", b.copyTime.Round(time.Millisecond), b.indexTime.Round(time.Millisecond))
		if b.conns1, err = openSessions(ctx, b.o.db, b.o.schema, 1); err != nil {
			return err
		}
		if b.conns2, err = openSessions(ctx, b.o.db, b.o.schema, 2); err != nil {
			return err
		}
	}
	if b.o.parts["area"] {
		b.ringsIn, b.planimeterOut, b.libAreaOut = filepath.Join(w, "rings.txt"), filepath.Join(w, "rings.planimeter.txt"), filepath.Join(w, "rings.library.txt")
		var err error
		if b.rings, b.vertices, err = writeRings(b.ringsIn, b.d); err != nil {
			return err
		}
		b.logf("wrote %s: %d rings, %d vertices", b.ringsIn, b.rings, b.vertices)
	}
	if b.o.parts["projection"] {
		b.pointsIn, b.cs2csOut, b.libProjOut = filepath.Join(w, "points.txt"), filepath.Join(w, "points.cs2cs.txt"), filepath.Join(w, "points.library.txt")
		b.gcjOut, b.backOut = filepath.Join(w, "points.gcj02.txt"), filepath.Join(w, "points.back.txt")
		if err := writePoints(b.pointsIn, b.o.seed, b.o.points); err != nil {
			return err
		}
		b.logf("wrote %s: %d points", b.pointsIn, b.o.points)
	}
	return nil
}

func (b *bench) close() {
	closeSessions(b.conns1)
	closeSessions(b.conns2)
	if b.o.parts["city"] && !b.o.keep {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if conn, err := pgx.Connect(ctx, b.o.db); err == nil {
			if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{b.o.schema}.Sanitize()+" CASCADE"); err != nil {
				b.logf("drop schema %s: %v", b.o.schema, err)
			}
			conn.Close(ctx)
		}
	}
}

// pair runs the library's and the anchor's side of one piece of work, the library first in
// odd rounds and the anchor first in even ones, so that a drift in the machine's load
// weighs on both alike.
func (b *bench) pair(r int, lib, anchor func() error) error {
	first, second := lib, anchor
	if r%2 == 0 {
		first, second = anchor, lib
	}
	if err := first(); err != nil {
		return err
	}
	return second()
}

func (b *bench) round(ctx context.Context, r int) error {
	if b.o.parts["city"] {
		for _, cores := range []int{1, 2} {
			if err := b.cityRound(ctx, r, cores); err != nil {
				return err
			}
		}
	}
	if b.o.parts["area"] {
		err := b.pair(r, func() error {
			d, err := oneCore(func() error { return libRingAreas(b.ringsIn, b.libAreaOut) })
			if err != nil {
				return err
			}
			b.t.add("area.lib", d)
			var sum float64
			dm, _ := oneCore(func() error {
				for i := range b.d.Compounds {
					sum += geo.Area(b.d.Compounds[i].Boundary)
				}
				return nil
			})
			b.t.add("area.libmem", dm)
			b.logf("  area: library text %v, in memory %v", d.Round(time.Millisecond), dm.Round(time.Millisecond))
			return nil
		}, func() error {
			d, err := runTool(ctx, b.ringsIn, b.planimeterOut, b.o.planimeter, "-p", "10")
			if err != nil {
				return err
			}
			b.t.add("area.planimeter", d)
			b.logf("  area: Planimeter %v", d.Round(time.Millisecond))
			return nil
		})
		if err != nil {
			return err
		}
	}
	if b.o.parts["projection"] {
		err := b.pair(r, func() error {
			d, err := oneCore(func() error { return libProject(b.pointsIn, b.libProjOut) })
			if err != nil {
				return err
			}
			b.t.add("proj.lib", d)
			b.logf("  projection: library %v", d.Round(time.Millisecond))
			return nil
		}, func() error {
			d, err := runTool(ctx, b.pointsIn, b.cs2csOut, b.o.cs2cs, "-f", "%.6f", "EPSG:4490", zoneEPSG)
			if err != nil {
				return err
			}
			b.t.add("proj.cs2cs", d)
			b.logf("  projection: cs2cs %v", d.Round(time.Millisecond))
			return nil
		})
		if err != nil {
			return err
		}
		df, err := oneCore(func() error { return libGCJ(b.pointsIn, b.gcjOut, geo.WGS84ToGCJ02) })
		if err != nil {
			return err
		}
		di, err := oneCore(func() error { return libGCJ(b.gcjOut, b.backOut, geo.GCJ02ToWGS84) })
		if err != nil {
			return err
		}
		b.t.add("gcj.fwd", df)
		b.t.add("gcj.inv", di)
		b.logf("  GCJ-02: forward %v, inverse %v", df.Round(time.Millisecond), di.Round(time.Millisecond))
	}
	return nil
}

// queries returns the PostGIS queries the flags ask for, in pgQueries' order.
func (b *bench) queries() []pgQuery {
	var qs []pgQuery
	for _, q := range pgQueries {
		switch {
		case q.name == "nearest" && !b.o.nearest,
			q.name == "coverage_geography" && !b.o.geography,
			q.name == "nearest_geography" && !(b.o.nearest && b.o.geography):
			continue
		}
		qs = append(qs, q)
	}
	return qs
}

// cityRound runs the city's work on the given number of cores: the library with as many
// workers, PostGIS with as many sessions, each query timed on its own. It also records, per
// round, the time of the PostGIS work that matches the library's: indicators and coverage
// ("pg"), and those and the nearest facilities ("pgnear").
func (b *bench) cityRound(ctx context.Context, r, cores int) error {
	key := fmt.Sprintf("city%d", cores)
	conns := b.conns1
	if cores == 2 {
		conns = b.conns2
	}
	return b.pair(r, func() error {
		res, d, err := runLibrary(ctx, b.d, b.radii, cores)
		if err != nil {
			return err
		}
		b.t.add(key+".lib", d)
		b.lib = res
		b.logf("  %s: library %v", coresName(cores), d.Round(time.Millisecond))
		return nil
	}, func() error {
		pg := newPgCity(len(b.d.Compounds), len(b.radii))
		times := map[string]time.Duration{}
		var msg []string
		for _, q := range b.queries() {
			d, err := onSessions(ctx, conns, q, pg)
			if err != nil {
				return err
			}
			times[q.name] = d
			b.t.add(key+".pg."+q.name, d)
			msg = append(msg, fmt.Sprintf("%s %v", q.name, d.Round(time.Millisecond)))
		}
		b.t.add(key+".pg", times["indicators"]+times["coverage"])
		if b.o.nearest {
			b.t.add(key+".pgnear", times["indicators"]+times["coverage"]+times["nearest"])
		}
		b.logf("  %s: PostGIS %s", coresName(cores), strings.Join(msg, ", "))
		if cores == 1 {
			b.pg1 = pg
		} else {
			b.pg2 = pg
		}
		return nil
	})
}
