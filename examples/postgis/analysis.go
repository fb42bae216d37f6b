package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// analyse runs the compound indicators and the life-circle coverage on the district read back
// from PostGIS, and writes them to the tables compound_indicators and life_circle; step is
// called between the two.
func analyse(ctx context.Context, conn db, schema string, d *renovation.District, step func(string)) (*renovation.IndicatorReport, *renovation.LifeCircleReport, error) {
	a := renovation.NewAnalyzer(d)
	ind, err := a.Indicators(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	lc, err := a.LifeCircle(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	s := pgx.Identifier{schema}.Sanitize()
	for _, q := range []string{
		"DROP TABLE IF EXISTS " + s + ".compound_indicators",
		`CREATE TABLE ` + s + `.compound_indicators (
			compound_id text PRIMARY KEY REFERENCES ` + s + `.compounds(id), name text,
			site_area_m2 double precision, footprint_area_m2 double precision, building_coverage double precision,
			floor_area_m2 double precision, far double precision, green_area_m2 double precision, green_ratio double precision,
			households int, residents int, households_per_ha double precision, elevator_candidates int)`,
		"DROP TABLE IF EXISTS " + s + ".life_circle",
		`CREATE TABLE ` + s + `.life_circle (
			compound_id text NOT NULL REFERENCES ` + s + `.compounds(id), kind text NOT NULL, tier text NOT NULL,
			radius_m double precision, nearest_m double precision, nearest_id text, covered boolean,
			area_share double precision, households_covered double precision, PRIMARY KEY (compound_id, kind, tier))`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return nil, nil, fmt.Errorf("results tables: %w", err)
		}
	}
	var rows [][]any
	for _, c := range ind.Compounds {
		rows = append(rows, []any{c.ID, c.Name, c.SiteArea, c.FootprintArea, c.BuildingCoverage, c.FloorArea, c.FAR,
			c.GreenArea, c.GreenRatio, c.Households, c.Residents, c.HouseholdsPerHectare, c.ElevatorCandidates})
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{schema, "compound_indicators"},
		[]string{"compound_id", "name", "site_area_m2", "footprint_area_m2", "building_coverage", "floor_area_m2", "far",
			"green_area_m2", "green_ratio", "households", "residents", "households_per_ha", "elevator_candidates"},
		pgx.CopyFromRows(rows)); err != nil {
		return nil, nil, fmt.Errorf("write compound_indicators: %w", err)
	}
	step("compound_indicators")
	rows = rows[:0]
	for _, c := range lc.Compounds {
		for _, f := range c.Reach {
			rows = append(rows, []any{c.ID, string(f.Kind), string(f.Tier), f.Radius, f.Nearest, f.NearestID, f.Covered, f.AreaShare, f.HouseholdsCovered})
		}
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{schema, "life_circle"},
		[]string{"compound_id", "kind", "tier", "radius_m", "nearest_m", "nearest_id", "covered", "area_share", "households_covered"},
		pgx.CopyFromRows(rows)); err != nil {
		return nil, nil, fmt.Errorf("write life_circle: %w", err)
	}
	return ind, lc, nil
}
