package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// srid is the SRID the example stores geometry in: CGCS2000 (EPSG:4490), China's official
// geographic system, whose coordinates equal WGS84's at this library's accuracy.
const srid = 4490

// db is what the loading needs of a connection: a *pgx.Conn, or the pgx.Tx publish runs in.
type db interface {
	Begin(ctx context.Context) (pgx.Tx, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// createSchema makes a new schema with the district's tables; it is an error if the schema
// exists.
func createSchema(ctx context.Context, conn db, schema string) error {
	s := pgx.Identifier{schema}.Sanitize()
	stmts := []string{
		"CREATE SCHEMA " + s,
		fmt.Sprintf(`CREATE TABLE %s.compounds (
			ord int NOT NULL, id text PRIMARY KEY, name text, built_year int, community text, street text,
			district text, field_office text, property_unit text, site_area_m2 double precision,
			synthetic text[], geom geometry(Geometry, %d))`, s, srid),
		fmt.Sprintf(`CREATE TABLE %s.buildings (
			ord int NOT NULL, compound_id text NOT NULL REFERENCES %s.compounds(id), id text NOT NULL, name text,
			storeys int, built_year int, structure text, has_elevator boolean, floor_area_m2 double precision,
			synthetic text[], geom geometry(Geometry, %d), PRIMARY KEY (compound_id, id))`, s, s, srid),
		fmt.Sprintf(`CREATE TABLE %s.households (
			ord int NOT NULL, compound_id text NOT NULL, building_id text NOT NULL, unit_id text NOT NULL,
			unit_has_elevator boolean NOT NULL, id text NOT NULL, floor int NOT NULL, room text,
			area_m2 numeric(14,2) NOT NULL, area_source text, owner_id text, status text, tenure text,
			residents int, oldest_age int, synthetic boolean,
			PRIMARY KEY (compound_id, building_id, unit_id, id),
			FOREIGN KEY (compound_id, building_id) REFERENCES %s.buildings(compound_id, id))`, s, s),
		fmt.Sprintf(`CREATE TABLE %s.facilities (
			ord int NOT NULL, id text PRIMARY KEY, name text, kind text NOT NULL, synthetic text[],
			geom geometry(Geometry, %d))`, s, srid),
		fmt.Sprintf(`CREATE TABLE %s.green_spaces (
			ord int NOT NULL, id text PRIMARY KEY, name text, synthetic text[], geom geometry(Geometry, %d))`, s, srid),
		fmt.Sprintf(`CREATE TABLE %s.zones (
			ord int NOT NULL, id text PRIMARY KEY, name text, kind text NOT NULL, field_office text,
			synthetic text[], geom geometry(Geometry, %d))`, s, srid),
	}
	for _, q := range stmts {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("create schema %s: %w", s, err)
		}
	}
	return nil
}

// createIndexes adds the GiST indexes an expert would, after loading (faster than before).
func createIndexes(ctx context.Context, conn db, schema string) error {
	s := pgx.Identifier{schema}.Sanitize()
	for _, t := range []string{"compounds", "buildings", "facilities", "green_spaces", "zones"} {
		if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE INDEX ON %s.%s USING gist (geom)", s, t)); err != nil {
			return fmt.Errorf("index %s.%s: %w", s, t, err)
		}
	}
	for _, t := range []string{"compounds", "buildings", "households", "facilities", "green_spaces", "zones"} {
		if _, err := conn.Exec(ctx, fmt.Sprintf("ANALYZE %s.%s", s, t)); err != nil {
			return fmt.Errorf("analyze %s.%s: %w", s, t, err)
		}
	}
	return nil
}
