package main

import (
	"context"
	"math"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"
	"github.com/xiaoqu/xiaoqu/renovation/sample"

	"github.com/xiaoqu/xiaoqu/internal/testtool"
)

// connect returns a connection to the database named by XIAOQU_POSTGIS_URL, or skips the test
// when it is not set. .ci/run starts a throwaway PostGIS cluster and sets it.
func connect(t *testing.T) *pgx.Conn {
	t.Helper()
	url := os.Getenv(EnvURL)
	if url == "" {
		testtool.SkipOrFail(t, EnvURL+" is not set: no PostGIS to test against (.ci/run starts one)")
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvURL, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// TestRoundTrip loads both samples and reads them back: the district must come back
// identical, geometries to the last bit (EWKB carries doubles).
func TestRoundTrip(t *testing.T) {
	conn := connect(t)
	ctx := context.Background()
	for _, name := range sample.Names() {
		d, err := sample.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		schema := "xiaoqu_test_" + name
		pub, err := publish(ctx, conn, schema, true, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		back := pub.District
		back.ID = d.ID
		if diff := cmp.Diff(*d, *back, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: district read back differs (-loaded +read):\n%s", name, diff)
		}
		if _, err := publish(ctx, conn, schema, false, d, nil); err == nil {
			t.Errorf("%s: a second load without replace did not refuse the existing schema", name)
		}
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAgreesWithPostGIS loads the Lujiazui sample, runs the example's analysis, and recomputes
// in PostGIS SQL, on geography, each compound's site area (ST_Area) and the area of its
// buildings' footprints clipped to it (ST_Intersection), hence its building coverage: the
// library's figures must agree within 1e-6 relative.
func TestAgreesWithPostGIS(t *testing.T) {
	conn := connect(t)
	ctx := context.Background()
	d, err := sample.Load(sample.Lujiazui)
	if err != nil {
		t.Fatal(err)
	}
	const schema = "xiaoqu_test_compare"
	pub, err := publish(ctx, conn, schema, true, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
	ind := pub.Indicators
	s := pgx.Identifier{schema}.Sanitize()
	rows, err := conn.Query(ctx, `
		SELECT c.id, ST_Area(c.geom::geography),
		       coalesce(sum(ST_Area(ST_Intersection(b.geom::geography, c.geom::geography))), 0),
		       i.site_area_m2, i.footprint_area_m2, i.building_coverage
		FROM `+s+`.compounds c
		JOIN `+s+`.compound_indicators i ON i.compound_id = c.id
		LEFT JOIN `+s+`.buildings b ON b.compound_id = c.id
		GROUP BY c.id, c.geom, i.site_area_m2, i.footprint_area_m2, i.building_coverage
		ORDER BY c.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	rel := func(a, b float64) float64 {
		if a == b {
			return 0
		}
		return math.Abs(a-b) / math.Max(math.Abs(a), math.Abs(b))
	}
	n, worst := 0, 0.0
	for rows.Next() {
		var id string
		var pgSite, pgFootprint, site, footprint, coverage float64
		if err := rows.Scan(&id, &pgSite, &pgFootprint, &site, &footprint, &coverage); err != nil {
			t.Fatal(err)
		}
		n++
		pgCoverage := pgFootprint / pgSite
		for _, c := range []struct {
			what       string
			lib, pgVal float64
		}{{"site area", site, pgSite}, {"clipped footprint area", footprint, pgFootprint}, {"building coverage", coverage, pgCoverage}} {
			e := rel(c.lib, c.pgVal)
			worst = math.Max(worst, e)
			if e > 1e-6 {
				t.Errorf("compound %s %s: library %.6f, PostGIS %.6f, relative difference %.2g", id, c.what, c.lib, c.pgVal, e)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(ind.Compounds) {
		t.Errorf("compared %d compounds, the library measured %d", n, len(ind.Compounds))
	}
	t.Logf("%d compounds: largest relative difference from PostGIS %.2g", n, worst)
}
