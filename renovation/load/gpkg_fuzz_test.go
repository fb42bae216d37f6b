package load_test

import (
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/gpkg"
	"github.com/xiaoqu/xiaoqu/internal/memtest"
	"github.com/xiaoqu/xiaoqu/renovation/load"
)

// gpkgAllocPerByte bounds what ReadLayer allocates in Go for a GeoPackage, in bytes per byte
// of the file, with room: a polygon of 5,000 empty rings needs 3.2 (9 per byte of its blob);
// SQLite's own page cache is not Go memory. gpkgAllocSlack is the constant besides, for
// opening the database (about 20 KiB).
const (
	gpkgAllocPerByte = 8
	gpkgAllocSlack   = 256 << 10
)

// FuzzReadLayerGeoPackage writes each input as the geometry blob of the one feature of a
// small GeoPackage and reads it with ReadLayer: no blob may make it panic, an error must name
// the file, and it allocates at most gpkgAllocPerByte bytes per byte of the file.
func FuzzReadLayerGeoPackage(f *testing.F) {
	square := orb.Polygon{{{121.5, 31.2}, {121.501, 31.2}, {121.501, 31.201}, {121.5, 31.201}, {121.5, 31.2}}}
	template := filepath.Join(f.TempDir(), "t.gpkg")
	err := gpkg.WriteFile(template, &gpkg.Options{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		gpkg.Layer{Name: "小区", SRSID: 4490, GeometryType: "GEOMETRY", Features: []*geojson.Feature{
			{Geometry: square, Properties: geojson.Properties{"name": "北苑"}}}})
	if err != nil {
		f.Fatal(err)
	}
	file, err := os.ReadFile(template)
	if err != nil {
		f.Fatal(err)
	}
	for _, g := range []orb.Geometry{square, orb.MultiPolygon{square, square}, orb.Point{121.5, 31.2}, orb.Polygon{}} {
		b, err := gpkg.MarshalGeometry(g, 4490)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// A GeoPackage header (srs_id 4490, no envelope) before hostile WKB: many empty rings,
	// billions claimed, deep nesting.
	const gp = "47500001AA110000"
	for _, w := range []string{
		"0103000000" + "88130000" + strings.Repeat("00000000", 5000),
		"0106000000FFFFFFFF0103000000FFFFFFFF",
		strings.Repeat("010700000001000000", 40) + "010700000000000000",
		"0101000000000000000000F87F000000000000F87F",
	} {
		b, err := hex.DecodeString(gp + w)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("GP"))
	f.Add([]byte{})
	// One file, rewritten for each input: t.TempDir's name holds "#", which ReadLayer takes
	// for the start of a layer name.
	path := filepath.Join(f.TempDir(), "f.gpkg")
	f.Fuzz(func(t *testing.T, blob []byte) {
		if err := os.WriteFile(path, file, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Exec(`UPDATE "小区" SET geom = ?`, blob)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		var l *load.Layer
		got := memtest.Bound(t, int(st.Size()), gpkgAllocPerByte, gpkgAllocSlack, func() { l, err = load.ReadLayer(path, nil) })
		if testing.Verbose() {
			t.Logf("%d-byte blob, %d-byte file: %d allocated, error %.100v", len(blob), st.Size(), got, err)
		}
		if err != nil && !strings.Contains(err.Error(), path) {
			t.Errorf("error without the file's name: %v", err)
		}
		if err == nil && len(l.Features) != 1 {
			t.Errorf("%d features read, want 1", len(l.Features))
		}
	})
}
