package geojson

import (
	"errors"
	"strings"
	"testing"
)

// An empty ring is an error even with Lax, and empty polygons and lines count against
// MaxPositions (issue 20 item 1: a 57 MiB file of empty rings needed 5.95 GiB once loaded and
// repaired).
func TestEmptyRingsCount(t *testing.T) {
	in := `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],` + strings.Repeat(`[],`, 200) + `[]]}`
	_, err := Read(strings.NewReader(in), &ReadOptions{MaxPositions: 100, Lax: true})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "ring 1 is empty") {
		t.Fatalf("got %v, want ring 1 is empty", err)
	}
	in = `{"type":"MultiLineString","coordinates":[` + strings.Repeat(`[],`, 200) + `[]]}`
	if _, err := Read(strings.NewReader(in), &ReadOptions{MaxPositions: 100, Lax: true}); !errors.Is(err, ErrTooManyPositions) {
		t.Fatalf("multilinestring: got %v, want ErrTooManyPositions", err)
	}
	in = `{"type":"MultiPolygon","coordinates":[` + strings.Repeat(`[],`, 200) + `[]]}`
	if _, err := Read(strings.NewReader(in), &ReadOptions{MaxPositions: 100, Lax: true}); !errors.Is(err, ErrTooManyPositions) {
		t.Fatalf("multipolygon: got %v, want ErrTooManyPositions", err)
	}
}
