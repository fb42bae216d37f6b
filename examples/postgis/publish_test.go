package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/sample"
)

// contents describes what a schema holds: its tables with their row counts, or "absent".
func contents(t *testing.T, conn *pgx.Conn, schema string) string {
	t.Helper()
	ctx := context.Background()
	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, schema)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) == 0 {
		return "absent"
	}
	out := ""
	for _, tb := range tables {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{schema, tb}.Sanitize()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("%s %d; ", tb, n)
	}
	return out
}

// TestPublishAtomic kills the loading backend (pg_terminate_backend) after each stage of a
// load: the schema must then hold the old data, whole — or nothing, for a first load — and
// never part of the new (issue 20 item 8: a fault between the two result tables left
// compound_indicators with 18 rows and life_circle empty; -replace dropped the old data
// first).
func TestPublishAtomic(t *testing.T) {
	admin := connect(t)
	ctx := context.Background()
	lujiazui, err := sample.Load(sample.Lujiazui)
	if err != nil {
		t.Fatal(err)
	}
	bupt, err := sample.Load(sample.BUPT)
	if err != nil {
		t.Fatal(err)
	}
	const schema = "xiaoqu_test_atomic"
	drop := func() {
		if _, err := admin.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Fatal(err)
		}
	}
	drop()
	defer drop()

	// kill loads d with -replace and terminates the loading backend after the stage named.
	kill := func(d *renovation.District, stage string) error {
		conn := connect(t)
		pid := conn.PgConn().PID()
		step := func(s string) {
			if s == stage {
				if _, err := admin.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
					t.Fatal(err)
				}
			}
		}
		_, err := publish(ctx, conn, schema, true, d, step)
		return err
	}
	stages := []string{"schema", "load", "compound_indicators", "results", "swap"}

	// A first load killed at any stage leaves nothing.
	for _, st := range stages {
		if err := kill(lujiazui, st); err == nil {
			t.Fatalf("first load killed after %s: no error", st)
		}
		if got := contents(t, admin, schema); got != "absent" {
			t.Errorf("first load killed after %s: %s", st, got)
		}
		if got := contents(t, admin, schema+loadingSuffix); got != "absent" {
			t.Errorf("first load killed after %s: the loading schema holds %s", st, got)
		}
	}
	// A good load, then replacements killed at each stage: the old data stays, whole.
	if err := kill(lujiazui, "none"); err != nil {
		t.Fatal(err)
	}
	old := contents(t, admin, schema)
	for _, st := range stages {
		if err := kill(bupt, st); err == nil {
			t.Fatalf("replacement killed after %s: no error", st)
		}
		if got := contents(t, admin, schema); got != old {
			t.Errorf("replacement killed after %s:\n got %s\nwant %s", st, got, old)
		}
	}
	// The replacement not killed: the new data, whole.
	if err := kill(bupt, "none"); err != nil {
		t.Fatal(err)
	}
	if got := contents(t, admin, schema); got == old {
		t.Errorf("the replacement left the old data: %s", got)
	}
	t.Logf("old: %s", old)
	t.Logf("new: %s", contents(t, admin, schema))
}
