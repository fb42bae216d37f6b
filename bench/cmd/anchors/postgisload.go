package main

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/xiaoqu/xiaoqu/geo/wkb"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// srid is the SRID the city is stored in: CGCS2000 (EPSG:4490), as Chinese data is.
const srid = 4490

var (
	//go:embed sql/schema.sql
	schemaSQL string
	//go:embed sql/afterload.sql
	afterLoadSQL string
)

// loadCity writes the city into a fresh schema (dropped first if it exists) with COPY,
// geometries as EWKB, then runs afterload.sql (the indexes, ANALYZE).
// It returns how long the copy and the rest took.
func loadCity(ctx context.Context, conn *pgx.Conn, schema string, d *renovation.District, radii renovation.RadiusTable) (copyTime, indexTime time.Duration, err error) {
	s := pgx.Identifier{schema}.Sanitize()
	for _, q := range []string{
		"CREATE EXTENSION IF NOT EXISTS postgis",
		"DROP SCHEMA IF EXISTS " + s + " CASCADE",
		"CREATE SCHEMA " + s,
		"SET search_path = " + s + ", public",
		schemaSQL,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return 0, 0, fmt.Errorf("create schema %s: %w", s, err)
		}
	}
	start := time.Now()
	var compounds, buildings, greens, facilities, rad [][]any
	for ci := range d.Compounds {
		c := &d.Compounds[ci]
		e, err := ewkb("compound "+c.ID, c.Boundary)
		if err != nil {
			return 0, 0, err
		}
		compounds = append(compounds, []any{int32(ci), c.ID, e})
		for bi := range c.Buildings {
			b := &c.Buildings[bi]
			e, err := ewkb("building "+b.ID, b.Footprint)
			if err != nil {
				return 0, 0, err
			}
			buildings = append(buildings, []any{int32(ci), int32(bi), b.ID, int32(b.Storeys), b.FloorArea, e})
		}
	}
	for i := range d.GreenSpaces {
		g := &d.GreenSpaces[i]
		e, err := ewkb("green space "+g.ID, g.Area)
		if err != nil {
			return 0, 0, err
		}
		greens = append(greens, []any{int32(i), g.ID, e})
	}
	for i := range d.Facilities {
		f := &d.Facilities[i]
		e, err := ewkb("facility "+f.ID, f.Location)
		if err != nil {
			return 0, 0, err
		}
		facilities = append(facilities, []any{int32(i), f.ID, string(f.Kind), e})
	}
	for i, r := range radii {
		rad = append(rad, []any{int32(i), string(r.Kind), r.Metres})
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback(ctx)
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"compounds", []string{"ord", "id", "geom"}, compounds},
		{"buildings", []string{"compound_ord", "ord", "id", "storeys", "floor_area_m2", "geom"}, buildings},
		{"green_spaces", []string{"ord", "id", "geom"}, greens},
		{"facilities", []string{"ord", "id", "kind", "geom"}, facilities},
		{"radii", []string{"ord", "kind", "metres"}, rad},
	} {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{schema, t.table}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return 0, 0, fmt.Errorf("copy %s: %w", t.table, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, 0, err
	}
	copyTime = time.Since(start)
	start = time.Now()
	if _, err := conn.Exec(ctx, afterLoadSQL); err != nil {
		return 0, 0, fmt.Errorf("after loading %s: %w", s, err)
	}
	return copyTime, time.Since(start), nil
}

// ewkb encodes g as little-endian EWKB with the benchmark's SRID.
func ewkb(what string, g orb.Geometry) ([]byte, error) {
	b, err := wkb.MarshalEWKB(g, srid, wkb.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return b, nil
}
