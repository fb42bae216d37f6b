package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/wkb"
)

// hostile writes a valid one-layer file, then runs sql statements on it directly, as a
// hostile or broken writer might.
func hostile(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "h.gpkg")
	if err := WriteFile(path, fixedTime, Layer{Name: "l", SRSID: 4326, Features: []*geojson.Feature{
		{Geometry: square(1, 1), Properties: geojson.Properties{"n": 1}}}}); err != nil {
		t.Fatal(err)
	}
	uri, _ := sqliteURI(path, "rw")
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

func TestHostileFiles(t *testing.T) {
	tests := []struct {
		name  string
		stmts []string
		want  error  // from Layers or ReadLayer("l") / the layer named below
		msg   string // in the error
		layer string
	}{
		{"a billion points in a blob", []string{`UPDATE l SET geom = X'4750000100000000010200000000CA9A3B000000000000F03F00000000'`},
			wkb.ErrTruncated, `layer "l" fid 1: invalid geometry blob: WKB at byte 8: wkb: offset 5: line string claims 1000000000 items`, "l"},
		{"text in the geometry column", []string{`UPDATE l SET geom = 'POINT (1 2)'`}, ErrBlob, `fid 1: invalid geometry blob: the geometry column holds a string, not a blob`, "l"},
		{"blob without header", []string{`UPDATE l SET geom = X'0101000000000000000000F03F0000000000000040'`}, ErrBlob, `magic "\x01\x01"`, "l"},
		{"blob in another SRS", []string{`UPDATE l SET geom = X'475000018A1100000101000000000000000000F03F0000000000000040'`},
			ErrBlob, "geometry has srs_id 4490, the layer 4326", "l"},
		{"layer without table", []string{`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('ghost', 'features', 'ghost', 4326)`,
			`INSERT INTO gpkg_geometry_columns VALUES ('ghost', 'geom', 'POINT', 4326, 0, 0)`}, ErrNotGeoPackage, `layer "ghost" has no column "geom"`, ""},
		{"geometry column missing", []string{`UPDATE gpkg_geometry_columns SET column_name = 'shape'`}, ErrNotGeoPackage, `has no column "shape"`, ""},
		{"huge count claim in blob header only", []string{`UPDATE l SET geom = X'47500009'`}, ErrBlob, "4 bytes", "l"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Open(hostile(t, tc.stmts...), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if tc.layer == "" {
				_, err = r.Layers()
			} else {
				_, err = r.ReadLayer(tc.layer)
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v\nwant %v containing %q", err, tc.want, tc.msg)
			}
			var fe *FeatureError
			if tc.layer != "" && tc.want != ErrNotGeoPackage && (!errors.As(err, &fe) || fe.Layer != "l" || fe.FID != 1) {
				t.Errorf("error %v is not a *FeatureError for layer l fid 1", err)
			}
		})
	}
}

// Names from the file are quoted, never pasted into SQL.
func TestHostileNames(t *testing.T) {
	evil := `x"; DROP TABLE gpkg_contents; --`
	path := filepath.Join(t.TempDir(), "n.gpkg")
	err := WriteFile(path, fixedTime, Layer{Name: evil, SRSID: 4326, GeometryColumn: `g"eom`, Features: []*geojson.Feature{
		{Geometry: square(0, 0), Properties: geojson.Properties{`a"b`: "引号", "c'd": 1}}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	infos, err := r.Layers()
	if err != nil || len(infos) != 1 || infos[0].Name != evil || infos[0].GeometryColumn != `g"eom` {
		t.Fatalf("layers %+v, %v", infos, err)
	}
	fc, err := r.ReadLayer(evil)
	if err != nil || fc.Features[0].Properties[`a"b`] != "引号" || fc.Features[0].Properties["c'd"] != int64(1) {
		t.Fatalf("features %+v, %v", fc, err)
	}
}
