package geojson

import (
	"errors"
	"io"
	"runtime"
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

// spaces is a reader of n spaces, so that huge inputs cost no memory in the test.
type spaces struct{ n int64 }

func (s *spaces) Read(p []byte) (int, error) {
	if s.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > s.n {
		p = p[:s.n]
	}
	for i := range p {
		p[i] = ' '
	}
	s.n -= int64(len(p))
	return len(p), nil
}

// Whitespace is streamed, not buffered: before and after the top-level object it costs a
// constant, inside it at most a few times MaxBytes (encoding/json's Decoder buffers what is
// between two tokens). Issue 20 item 10: a rejected 1 GiB file of spaces allocated 1.55 GiB
// (6 times the 256 MiB limit), and 64 MiB of spaces said only "unexpected end of input".
func TestWhitespaceBounded(t *testing.T) {
	const limit = 4 << 20
	const over = 16 << 20 // spaces, four times the limit
	point := `{"type":"Point","coordinates":[0,0]}`
	feature := `{"type":"Feature","geometry":null,"properties":{}}`
	tests := []struct {
		name          string
		before, after string
		spaces        int64
		sentinel      error
		msg           string
		maxAlloc      uint64 // bytes
	}{
		{"only spaces, past the limit", "", "", over, ErrTooLarge,
			"geojson: byte 4194304: input is longer than 4194304 bytes (ReadOptions.MaxBytes)", 1 << 20},
		{"only spaces, within the limit", "", "", limit, ErrSyntax,
			"geojson: byte 4194304: no JSON value (only whitespace, 4194304 bytes)", 1 << 20},
		{"spaces before an object, past the limit", "", point, over, ErrTooLarge,
			"geojson: byte 4194304: input is longer than 4194304 bytes (ReadOptions.MaxBytes)", 1 << 20},
		{"spaces before an object", "", point, limit - 100, nil, "", 1 << 20},
		{"spaces after an object, past the limit", point, "", over, ErrTooLarge,
			"geojson: byte 4194304: input is longer than 4194304 bytes (ReadOptions.MaxBytes)", 1 << 20},
		{"spaces after an object", point, "", limit - 100, nil, "", 1 << 20},
		{"spaces and then data after an object", point, "[]", limit - 100, ErrSyntax,
			"geojson: byte 4194240: '[' after the top-level object", 1 << 20},
		{"spaces between features, past the limit", `{"type":"FeatureCollection","features":[` + feature + ",", feature + "]}", over, ErrTooLarge,
			"geojson: byte 4194304: input is longer than 4194304 bytes (ReadOptions.MaxBytes)", 5 * limit},
		{"spaces between members, past the limit", `{"type":"FeatureCollection",`, `"features":[]}`, over, ErrTooLarge,
			"geojson: byte 4194304: input is longer than 4194304 bytes (ReadOptions.MaxBytes)", 5 * limit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := io.MultiReader(strings.NewReader(tc.before), &spaces{tc.spaces}, strings.NewReader(tc.after))
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Read(in, &ReadOptions{MaxBytes: limit})
			runtime.ReadMemStats(&after)
			if tc.sentinel == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
			} else if !errors.Is(err, tc.sentinel) || err.Error() != tc.msg {
				t.Fatalf("error\n got %v\nwant %s", err, tc.msg)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tc.maxAlloc {
				t.Errorf("allocated %d bytes for %d bytes of spaces, want at most %d", alloc, tc.spaces, tc.maxAlloc)
			}
		})
	}
}
