package main

import (
	"context"
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
		back, err := roundTrip(ctx, conn, schema, true, d)
		if err != nil {
			t.Fatal(err)
		}
		back.ID = d.ID
		if diff := cmp.Diff(*d, *back, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: district read back differs (-loaded +read):\n%s", name, diff)
		}
		if _, err := roundTrip(ctx, conn, schema, false, d); err == nil {
			t.Errorf("%s: a second load without replace did not refuse the existing schema", name)
		}
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Fatal(err)
		}
	}
}
