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
	//go:embed sql/nearest.sql
	nearestSQL string
)

// pgCity is what PostGIS computes for the city, indexed by compound ord (and kind ord for the
// coverage: [ord*kinds+kind]).
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
	covered    []bool
	// nearestFac is the ord of the nearest facility of each kind (−1 when not computed) and
	// nearestDist its distance in metres.
	nearestFac  []int32
	nearestDist []float64
}

func newPgCity(compounds, kinds int) *pgCity {
	c := &pgCity{kinds: kinds,
		ids: make([]string, compounds), siteArea: make([]float64, compounds), footprint: make([]float64, compounds),
		floorArea: make([]float64, compounds), greenArea: make([]float64, compounds), crossing: make([]int, compounds),
		coverage: make([]float64, compounds), far: make([]float64, compounds), greenRatio: make([]float64, compounds),
		covered: make([]bool, compounds*kinds), nearestFac: make([]int32, compounds*kinds), nearestDist: make([]float64, compounds*kinds)}
	for i := range c.nearestFac {
		c.nearestFac[i] = -1
	}
	return c
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

// onSessions runs fn on every session at once, session k on the k-th of len(conns) equal
// ranges of compound ords [lo, hi), and returns the wall-clock time of the whole.
func onSessions(ctx context.Context, conns []*pgx.Conn, compounds int, fn func(conn *pgx.Conn, lo, hi int) error) (time.Duration, error) {
	errs := make([]error, len(conns))
	var wg sync.WaitGroup
	start := time.Now()
	for k, conn := range conns {
		lo, hi := k*compounds/len(conns), (k+1)*compounds/len(conns)
		wg.Go(func() { errs[k] = fn(conn, lo, hi) })
	}
	wg.Wait()
	return time.Since(start), errors.Join(errs...)
}

// runIndicators runs indicators.sql and coverage.sql for compounds [lo, hi) on one session,
// reading every row into c.
func runIndicators(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
	rows, err := conn.Query(ctx, indicatorsSQL, lo, hi)
	if err != nil {
		return fmt.Errorf("indicators: %w", err)
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
	if err != nil {
		return fmt.Errorf("indicators: %w", err)
	}
	rows, err = conn.Query(ctx, coverageSQL, lo, hi)
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	var kind int32
	var covered bool
	_, err = pgx.ForEachRow(rows, []any{&ord, &kind, &covered}, func() error {
		c.covered[int(ord)*c.kinds+int(kind)] = covered
		return nil
	})
	if err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	return nil
}

// runNearest runs nearest.sql for compounds [lo, hi) on one session.
func runNearest(ctx context.Context, conn *pgx.Conn, c *pgCity, lo, hi int) error {
	rows, err := conn.Query(ctx, nearestSQL, lo, hi)
	if err != nil {
		return fmt.Errorf("nearest: %w", err)
	}
	var ord, kind, fac int32
	var dist float64
	_, err = pgx.ForEachRow(rows, []any{&ord, &kind, &fac, &dist}, func() error {
		c.nearestFac[int(ord)*c.kinds+int(kind)], c.nearestDist[int(ord)*c.kinds+int(kind)] = fac, dist
		return nil
	})
	if err != nil {
		return fmt.Errorf("nearest: %w", err)
	}
	return nil
}
