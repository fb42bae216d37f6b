package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// loadingSuffix names the schema a load builds before it takes the real name.
const loadingSuffix = "__xiaoqu_loading"

// published is what publish loaded and computed.
type published struct {
	District   *renovation.District // read back from the database
	Indicators *renovation.IndicatorReport
	LifeCircle *renovation.LifeCircleReport
}

// publish loads d into the schema, reads it back, analyses it and writes the results, all or
// nothing: everything is built in one transaction in a schema of its own (schema +
// "__xiaoqu_loading"), which takes the schema's name only once it is whole, the old schema
// being dropped (with replace) in that same transaction. So a fault at any point — a
// connection lost, a backend killed, a timeout — leaves the previous good data, and other
// sessions see the old schema until the commit and the new one, whole, after it. Without
// replace, an existing schema is an error, so that the example never drops a schema it did not
// make. step, if not nil, is called after each stage with its name (tests use it to inject
// faults).
func publish(ctx context.Context, conn *pgx.Conn, schema string, replace bool, d *renovation.District, step func(string)) (*published, error) {
	if step == nil {
		step = func(string) {}
	}
	s := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil {
		return nil, fmt.Errorf("enable PostGIS: %w", err)
	}
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema).Scan(&exists); err != nil {
		return nil, err
	}
	if exists && !replace {
		return nil, fmt.Errorf("schema %s exists; pass -replace to drop and rebuild it", s)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.Background())
	loading := schema + loadingSuffix
	if err := createSchema(ctx, tx, loading); err != nil {
		return nil, err
	}
	step("schema")
	back, err := roundTrip(ctx, tx, loading, d)
	if err != nil {
		return nil, err
	}
	back.ID = schema
	step("load")
	ind, lc, err := analyse(ctx, tx, loading, back, step)
	if err != nil {
		return nil, err
	}
	step("results")
	if exists {
		if _, err := tx.Exec(ctx, "DROP SCHEMA "+s+" CASCADE"); err != nil {
			return nil, fmt.Errorf("drop the old schema %s: %w", s, err)
		}
	}
	if _, err := tx.Exec(ctx, "ALTER SCHEMA "+pgx.Identifier{loading}.Sanitize()+" RENAME TO "+s); err != nil {
		return nil, fmt.Errorf("rename the new schema to %s: %w", s, err)
	}
	step("swap")
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return &published{District: back, Indicators: ind, LifeCircle: lc}, nil
}
