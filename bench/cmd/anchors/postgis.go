package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	//go:embed sql/session.sql
	sessionSQL string
	//go:embed sql/indicators.sql
	indicatorsSQL string
	//go:embed sql/coverage.sql
	coverageSQL string
	//go:embed sql/coverage_geography.sql
	coverageGeographySQL string
	//go:embed sql/nearest.sql
	nearestSQL string
	//go:embed sql/nearest_geography.sql
	nearestGeographySQL string
)

// pgCity is what PostGIS computes for the city, indexed by compound ord, and by
// ord*kinds+kind for what is per compound and kind.
type pgCity struct {
	kinds      int
	ids        []string
	siteArea   []float64
	footprint  []float64
	floorArea  []float64
	greenArea  []float64
	crossing   []int
	coverage   []float64
	far        []float64
	greenRatio []float64
	// covered, from coverage.sql (in the zone) and coverage_geography.sql.
	covered, coveredGeog []bool
	// The nearest facility of each kind (its ord, −1 when not computed) and its distance in
	// metres, from nearest.sql (in the zone) and nearest_geography.sql.
	nearest, nearestGeog nearestSet
}

type nearestSet struct {
	fac  []int32
	dist []float64
}

func newNearestSet(n int) nearestSet {
	s := nearestSet{fac: make([]int32, n), dist: make([]float64, n)}
	for i := range s.fac {
		s.fac[i] = -1
	}
	return s
}

func newPgCity(compounds, kinds int) *pgCity {
	n := compounds * kinds
	return &pgCity{kinds: kinds,
		ids: make([]string, compounds), siteArea: make([]float64, compounds), footprint: make([]float64, compounds),
		floorArea: make([]float64, compounds), greenArea: make([]float64, compounds), crossing: make([]int, compounds),
		coverage: make([]float64, compounds), far: make([]float64, compounds), greenRatio: make([]float64, compounds),
		covered: make([]bool, n), coveredGeog: make([]bool, n), nearest: newNearestSet(n), nearestGeog: newNearestSet(n)}
}

// pgQuery is one of the benchmark's queries: its file's name and how to run it on one session
// for the compounds [lo, hi), reading every row into c.
type pgQuery struct {
	name string
	run  func(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error
}

// pgQueries are the queries in the order each round runs them; which of them run depends on
// the flags (see bench.queries).
var pgQueries = []pgQuery{
	{"indicators", runIndicators},
	{"coverage", func(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
		return runCoverage(ctx, conn, coverageSQL, c.covered, c.kinds, lo, hi)
	}},
	{"coverage_geography", func(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
		return runCoverage(ctx, conn, coverageGeographySQL, c.coveredGeog, c.kinds, lo, hi)
	}},
	{"nearest", func(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
		return runNearest(ctx, conn, nearestSQL, c.nearest, c.kinds, lo, hi)
	}},
	{"nearest_geography", func(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
		return runNearest(ctx, conn, nearestGeographySQL, c.nearestGeog, c.kinds, lo, hi)
	}},
}

// openSessions opens n sessions on the benchmark's schema with the settings of session.sql.
func openSessions(ctx context.Context, url, schema string, n int) ([]*pgx.Conn, error) {
	var conns []*pgx.Conn
	for range n {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			closeSessions(conns)
			return nil, fmt.Errorf("connect: %w", err)
		}
		conns = append(conns, conn)
		if _, err := conn.Exec(ctx, "SET search_path = "+pgx.Identifier{schema}.Sanitize()+", public"); err != nil {
			closeSessions(conns)
			return nil, err
		}
		if _, err := conn.Exec(ctx, sessionSQL); err != nil {
			closeSessions(conns)
			return nil, fmt.Errorf("session settings: %w", err)
		}
	}
	return conns, nil
}

func closeSessions(conns []*pgx.Conn) {
	for _, c := range conns {
		c.Close(context.Background())
	}
}

// onSessions runs q on every session at once, session k on the k-th of len(conns) equal
// ranges of compound ords, and returns the wall-clock time of the whole.
func onSessions(ctx context.Context, conns []*pgx.Conn, q pgQuery, c *pgCity) (time.Duration, error) {
	compounds := len(c.ids)
	errs := make([]error, len(conns))
	var wg sync.WaitGroup
	start := time.Now()
	for k, conn := range conns {
		lo, hi := k*compounds/len(conns), (k+1)*compounds/len(conns)
		wg.Go(func() { errs[k] = q.run(ctx, conn, c, lo, hi) })
	}
	wg.Wait()
	d := time.Since(start)
	if err := errors.Join(errs...); err != nil {
		return 0, fmt.Errorf("%s.sql: %w", q.name, err)
	}
	return d, nil
}

// runIndicators runs indicators.sql.
func runIndicators(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
	rows, err := conn.Query(ctx, indicatorsSQL, lo, hi)
	if err != nil {
		return err
	}
	var (
		ord, crossing                                     int32
		id                                                string
		site, fp, floor, green, coverage, far, greenRatio float64
	)
	_, err = pgx.ForEachRow(rows, []any{&ord, &id, &site, &fp, &floor, &green, &crossing, &coverage, &far, &greenRatio}, func() error {
		c.ids[ord], c.siteArea[ord], c.footprint[ord], c.floorArea[ord], c.greenArea[ord] = id, site, fp, floor, green
		c.crossing[ord], c.coverage[ord], c.far[ord], c.greenRatio[ord] = int(crossing), coverage, far, greenRatio
		return nil
	})
	return err
}

// runCoverage runs a coverage query, whose rows are (ord, kind_ord, covered), into dst.
func runCoverage(ctx context.Context, conn *pgx.Conn, sql string, dst []bool, kinds, lo, hi int) error {
	rows, err := conn.Query(ctx, sql, lo, hi)
	if err != nil {
		return err
	}
	var ord, kind int32
	var covered bool
	_, err = pgx.ForEachRow(rows, []any{&ord, &kind, &covered}, func() error {
		dst[int(ord)*kinds+int(kind)] = covered
		return nil
	})
	return err
}

// runNearest runs a nearest-facility query, whose rows are (ord, kind_ord, facility_ord,
// dist), into dst.
func runNearest(ctx context.Context, conn *pgx.Conn, sql string, dst nearestSet, kinds, lo, hi int) error {
	rows, err := conn.Query(ctx, sql, lo, hi)
	if err != nil {
		return err
	}
	var ord, kind, fac int32
	var dist float64
	_, err = pgx.ForEachRow(rows, []any{&ord, &kind, &fac, &dist}, func() error {
		k := int(ord)*kinds + int(kind)
		dst.fac[k], dst.dist[k] = fac, dist
		return nil
	})
	return err
}
