package load_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/renovation"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// A layer of many broken features lists at most MaxFeatureErrors of them and counts the rest;
// a feature with many fixed rings keeps at most MaxRepairNotes notes (issue 20 item 1).
func TestKeptErrorsCapped(t *testing.T) {
	const bowtie = `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.501,31.201],[121.501,31.2],[121.5,31.201],[121.5,31.2]]]}}`
	in := `{"type":"FeatureCollection","features":[` + strings.TrimSuffix(strings.Repeat(bowtie+",", 300), ",") + `]}`
	_, err := load.ReadGeoJSON(strings.NewReader(in), "f.geojson", nil)
	var fe renovation.FeatureErrors
	if !errors.As(err, &fe) {
		t.Fatalf("got %v", err)
	}
	if len(fe) != load.MaxFeatureErrors+1 || !strings.Contains(fe[len(fe)-1].Error(), "feature 100: this feature and 199 more") {
		t.Errorf("%d errors, last %v", len(fe), fe[len(fe)-1])
	}

	// One polygon with 1 shell and 40 unclosed holes: every hole is closed, ten notes kept.
	var rings []string
	rings = append(rings, `[[121.5,31.2],[121.51,31.2],[121.51,31.21],[121.5,31.21],[121.5,31.2]]`)
	for i := range 40 {
		x := 121.5001 + float64(i)*0.0002
		rings = append(rings, fmt.Sprintf(`[[%.4f,31.2001],[%.4f,31.2002],[%.4f,31.2002]]`, x, x, x+0.0001))
	}
	in = `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[` + strings.Join(rings, ",") + `]}}`
	l, err := load.ReadGeoJSON(strings.NewReader(in), "f.geojson", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Repairs) != 1 || len(l.Repairs[0].Fixed) != load.MaxRepairNotes+1 || !strings.HasPrefix(l.Repairs[0].Fixed[load.MaxRepairNotes], "and ") {
		t.Errorf("repairs %v", l.Repairs)
	}
}

// Reading a layer of empty rings allocates a bounded multiple of its size, 40×: the first is
// an error (issue 20 item 1: 57 MiB needed 5.95 GiB).
func TestEmptyRingsMemory(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.501,31.2],[121.501,31.201],[121.5,31.201],[121.5,31.2]]` +
		strings.Repeat(`,[]`, 1<<20) + `]}}]}`
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	_, err := load.ReadGeoJSON(strings.NewReader(in), "f.geojson", nil)
	runtime.ReadMemStats(&ms)
	t.Logf("%d bytes in, %d allocated, error %.200v", len(in), ms.TotalAlloc-before, err)
	if got := ms.TotalAlloc - before; got > 40*uint64(len(in)) {
		t.Errorf("%d bytes allocated for %d of input, more than 40×", got, len(in))
	}
}

// A GeoJSON file of only whitespace says so and names the file (issue 20 item 10: it said
// only "unexpected end of input").
func TestGeoJSONOnlyWhitespace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "f.geojson: geojson: byte 0: no JSON value (empty input)"},
		{"  \r\n\t", "f.geojson: geojson: byte 5: no JSON value (only whitespace, 5 bytes)"},
	}
	for _, tc := range tests {
		_, err := load.ReadGeoJSON(strings.NewReader(tc.in), "f.geojson", nil)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: error %v, want %s", tc.in, err, tc.want)
		}
	}
}
