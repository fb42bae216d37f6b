package gpkg

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

var fixedTime = &Options{Time: time.Date(2026, 11, 22, 8, 30, 0, 0, time.UTC)}

func square(x, y float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}
}

func TestWriteReadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.gpkg")
	buildings := Layer{Name: "buildings", Description: "楼栋", SRSID: 4490, Features: []*geojson.Feature{
		{ID: "way/10", Geometry: square(121, 31), Properties: geojson.Properties{
			"名称": "1号楼", "storeys": json.Number("6"), "area": json.Number("1234.5"), "walkup": true, "note": nil, "tags": map[string]any{"a": "b"}}},
		{ID: "way/11", Geometry: orb.MultiPolygon{square(122, 31), square(123, 31)}, Properties: geojson.Properties{
			"名称": "2号楼", "storeys": 7, "area": 99.25, "walkup": false, "note": "加装电梯", "tags": "x"}},
		{ID: "way/12", Geometry: nil, Properties: geojson.Properties{"名称": "待测绘"}},
		{ID: "way/13", Geometry: orb.Polygon{}, Properties: geojson.Properties{"名称": "拆除", "storeys": json.Number("-1")}},
	}}
	gaps := Layer{Name: "gaps", SRSID: 4326, GeometryType: "point", Features: []*geojson.Feature{
		{ID: json.Number("5"), Geometry: orb.Point{121.5, 31.2}, Properties: geojson.Properties{"kind": "ramp"}},
		{Geometry: orb.Point{121.6, 31.3}, Properties: geojson.Properties{"kind": "lift"}},
		{ID: 2.0, Geometry: orb.Point{121.7, 31.4}, Properties: geojson.Properties{"kind": "door"}}, // as orb's own decoder gives ids
	}}
	if err := WriteFile(path, fixedTime, buildings, gaps); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	infos, err := r.Layers()
	if err != nil {
		t.Fatal(err)
	}
	wantInfos := []LayerInfo{
		{Name: "buildings", Identifier: "buildings", Description: "楼栋", GeometryColumn: "geom", GeometryType: "GEOMETRY", SRSID: 4490, Count: 4,
			Bounds: orb.Bound{Min: orb.Point{121, 31}, Max: orb.Point{124, 32}},
			Fields: []Field{{"id", Text}, {"area", Real}, {"note", Text}, {"storeys", Integer}, {"tags", Text}, {"walkup", Boolean}, {"名称", Text}}},
		{Name: "gaps", Identifier: "gaps", GeometryColumn: "geom", GeometryType: "POINT", SRSID: 4326, Count: 3,
			Bounds: orb.Bound{Min: orb.Point{121.5, 31.2}, Max: orb.Point{121.7, 31.4}},
			Fields: []Field{{"kind", Text}}},
	}
	if diff := cmp.Diff(wantInfos, infos); diff != "" {
		t.Errorf("Layers (-want +got):\n%s", diff)
	}
	fc, err := r.ReadLayer("buildings")
	if err != nil {
		t.Fatal(err)
	}
	want := []*geojson.Feature{
		{Type: "Feature", ID: int64(1), Geometry: square(121, 31), Properties: geojson.Properties{"id": "way/10",
			"名称": "1号楼", "storeys": int64(6), "area": 1234.5, "walkup": true, "note": nil, "tags": `{"a":"b"}`}},
		{Type: "Feature", ID: int64(2), Geometry: orb.MultiPolygon{square(122, 31), square(123, 31)}, Properties: geojson.Properties{"id": "way/11",
			"名称": "2号楼", "storeys": int64(7), "area": 99.25, "walkup": false, "note": "加装电梯", "tags": "x"}},
		{Type: "Feature", ID: int64(3), Properties: geojson.Properties{"id": "way/12",
			"名称": "待测绘", "storeys": nil, "area": nil, "walkup": nil, "note": nil, "tags": nil}},
		{Type: "Feature", ID: int64(4), Geometry: orb.Polygon{}, Properties: geojson.Properties{"id": "way/13",
			"名称": "拆除", "storeys": int64(-1), "area": nil, "walkup": nil, "note": nil, "tags": nil}},
	}
	if diff := cmp.Diff(want, fc.Features); diff != "" {
		t.Errorf("buildings (-want +got):\n%s", diff)
	}
	// Integer ids become fids; the one without an id is numbered after the largest.
	fc, err = r.ReadLayer("gaps")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fc.Features {
		got = append(got, f.Properties["kind"].(string)+"="+strings.TrimSpace(jsonString(f.ID)))
	}
	if diff := cmp.Diff([]string{"door=2", "ramp=5", "lift=6"}, got); diff != "" {
		t.Errorf("gaps fids (-want +got):\n%s", diff)
	}
	s, err := r.SRS(4490)
	if err != nil || s.Name != "China Geodetic Coordinate System 2000" || s.Organization != "EPSG" || s.Definition != wktCGCS2000 {
		t.Errorf("SRS(4490) = %+v, %v", s, err)
	}
	if _, err := r.SRS(9999); !errors.Is(err, ErrNoSRS) {
		t.Errorf("SRS(9999): error %v, want ErrNoSRS", err)
	}
	if _, err := r.ReadLayer("nope"); !errors.Is(err, ErrNoLayer) {
		t.Errorf("ReadLayer(nope): error %v, want ErrNoLayer", err)
	}
	// Header pragmas.
	var appID, version int
	r.db.QueryRow("PRAGMA application_id").Scan(&appID)
	r.db.QueryRow("PRAGMA user_version").Scan(&version)
	if appID != 0x47504B47 || version != 10300 {
		t.Errorf("application_id 0x%x, user_version %d; want 0x47504B47, 10300", appID, version)
	}
	var lastChange string
	r.db.QueryRow("SELECT last_change || '' FROM gpkg_contents WHERE table_name = 'gaps'").Scan(&lastChange)
	if lastChange != "2026-11-22T08:30:00.000Z" {
		t.Errorf("last_change %q", lastChange)
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestExplicitFieldsAndVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.gpkg")
	gk, err := GaussKrugerSRS(4548)
	if err != nil {
		t.Fatal(err)
	}
	l := Layer{Name: "地块", SRSID: 4548, GeometryColumn: "shape", GeometryType: "POLYGON",
		Fields: []Field{{"编号", Text}, {"面积", Real}, {"层数", Integer}},
		Features: []*geojson.Feature{{ID: "A-1", Geometry: square(500000, 4400000),
			Properties: geojson.Properties{"编号": json.Number("0101"), "面积": json.Number("86.50"), "层数": 6.0}}}}
	if err := WriteFile(path, &Options{Version: Version12, SRS: []SRS{gk}}, l); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var version int
	r.db.QueryRow("PRAGMA user_version").Scan(&version)
	if version != 10200 {
		t.Errorf("user_version %d, want 10200", version)
	}
	fc, err := r.ReadLayer("地块")
	if err != nil {
		t.Fatal(err)
	}
	want := &geojson.Feature{Type: "Feature", ID: int64(1), Geometry: square(500000, 4400000),
		Properties: geojson.Properties{"id": "A-1", "编号": "0101", "面积": 86.5, "层数": int64(6)}}
	if diff := cmp.Diff(want, fc.Features[0]); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	infos, _ := r.Layers()
	if diff := cmp.Diff([]Field{{"id", Text}, {"编号", Text}, {"面积", Real}, {"层数", Integer}}, infos[0].Fields); diff != "" || infos[0].GeometryColumn != "shape" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestAddLayerErrors(t *testing.T) {
	ok := func() []*geojson.Feature {
		return []*geojson.Feature{{Geometry: orb.Point{1, 2}, Properties: geojson.Properties{"a": "x"}}}
	}
	tests := []struct {
		name string
		l    Layer
		msg  string
	}{
		{"empty name", Layer{SRSID: 4326}, `layer "": empty layer name`},
		{"reserved name", Layer{Name: "gpkg_x", SRSID: 4326}, "reserved"},
		{"rtree name", Layer{Name: "RTree_x", SRSID: 4326}, "reserved"},
		{"duplicate name", Layer{Name: "First", SRSID: 4326}, "already written"},
		{"unknown SRS", Layer{Name: "b", SRSID: 4549, Features: ok()}, "SRS 4549 is not defined"},
		{"bad geometry type", Layer{Name: "b", SRSID: 4326, GeometryType: "CURVE"}, `geometry type "CURVE" is not one of`},
		{"geometry of another type", Layer{Name: "b", SRSID: 4326, GeometryType: "POLYGON", Features: ok()}, "feature 0: geometry is a POINT, the layer holds POLYGON"},
		{"nil feature", Layer{Name: "b", SRSID: 4326, Features: []*geojson.Feature{nil}}, "feature 0 is nil"},
		{"field named FID", Layer{Name: "b", SRSID: 4326, Features: []*geojson.Feature{{Geometry: orb.Point{}, Properties: geojson.Properties{"FID": 1}}}},
			`field "FID" collides with column "fid"`},
		{"fields differing in case", Layer{Name: "b", SRSID: 4326, Fields: []Field{{"Name", Text}, {"NAME", Text}}}, `field "NAME" collides with column "Name"`},
		{"property named like the id column", Layer{Name: "b", SRSID: 4326, Features: []*geojson.Feature{{ID: "s", Geometry: orb.Point{}, Properties: geojson.Properties{"id": 1}}}},
			`field "id" collides with column "id"`},
		{"property not a field", Layer{Name: "b", SRSID: 4326, Fields: []Field{{"a", Text}}, Features: []*geojson.Feature{{Geometry: orb.Point{}, Properties: geojson.Properties{"a": "x", "b": 1}}}},
			`feature 0: property "b" is not a field of the layer`},
		{"text in an integer field", Layer{Name: "b", SRSID: 4326, Fields: []Field{{"层数", Integer}}, Features: []*geojson.Feature{
			{Geometry: orb.Point{}, Properties: geojson.Properties{"层数": json.Number("6")}}, {Geometry: orb.Point{}, Properties: geojson.Properties{"层数": "六"}}}},
			`feature 1 field "层数": "六" is not an integer in the int64 range`},
		{"fraction in an integer field", Layer{Name: "b", SRSID: 4326, Fields: []Field{{"n", Integer}}, Features: []*geojson.Feature{{Properties: geojson.Properties{"n": 1.5}}}},
			`feature 0 field "n": float64 1.5 is not an integer`},
		{"NaN coordinate", Layer{Name: "b", SRSID: 4326, Features: []*geojson.Feature{{Geometry: orb.MultiPolygon{square(0, 0), {{{0, 0}, {math.NaN(), 1}, {1, 1}, {0, 0}}}}}}},
			"feature 0: coordinate (NaN, 1) is not finite"},
		{"string in a boolean field", Layer{Name: "b", SRSID: 4326, Fields: []Field{{"ok", Boolean}}, Features: []*geojson.Feature{{Properties: geojson.Properties{"ok": "yes"}}}},
			`feature 0 field "ok": "yes" is not a boolean`},
	}
	path := filepath.Join(t.TempDir(), "e.gpkg")
	w, err := Create(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.AddLayer(Layer{Name: "first", SRSID: 4326, Features: ok()}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		err := w.AddLayer(tc.l)
		if !errors.Is(err, ErrLayer) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v, want ErrLayer containing %q", tc.name, err, tc.msg)
		}
	}
	// A failed layer leaves nothing behind, and the writer goes on.
	if err := w.AddLayer(Layer{Name: "b", SRSID: 4326, Features: ok()}); err != nil {
		t.Errorf("after failures: %v", err)
	}
	w.Close()
	r, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	infos, err := r.Layers()
	if err != nil || len(infos) != 2 || infos[0].Name != "b" || infos[1].Name != "first" {
		t.Errorf("layers %+v, %v; want b and first", infos, err)
	}
	var tables int
	r.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'gpkg_%' AND name NOT LIKE 'sqlite_%'").Scan(&tables)
	if tables != 2 {
		t.Errorf("%d feature tables, want 2", tables)
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "x.gpkg")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	if _, err := Create(existing, nil); !errors.Is(err, fs.ErrExist) {
		t.Errorf("existing file: error %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("existing file changed")
	}
	if _, err := Create(filepath.Join(dir, "v.gpkg"), &Options{Version: 10400}); !errors.Is(err, ErrLayer) {
		t.Errorf("version 1.4: error %v", err)
	}
	if _, err := Create(filepath.Join(dir, "s.gpkg"), &Options{SRS: []SRS{{ID: 4490, Name: "x", Organization: "x", Definition: "x"}}}); !errors.Is(err, ErrLayer) {
		t.Errorf("built-in SRS again: error %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "s.gpkg")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file was left after a failed Create")
	}
	// WriteFile removes what it wrote when a layer fails.
	bad := filepath.Join(dir, "bad.gpkg")
	if err := WriteFile(bad, nil, Layer{Name: "gpkg_bad", SRSID: 4326}); !errors.Is(err, ErrLayer) {
		t.Errorf("WriteFile: error %v", err)
	}
	if _, err := os.Stat(bad); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile left %s after failing", bad)
	}
	// Odd characters in the path are not taken for URI syntax.
	odd := filepath.Join(dir, "a?b#c%d.gpkg")
	if err := WriteFile(odd, nil, Layer{Name: "l", SRSID: 4326}); err != nil {
		t.Fatalf("path with ?#%%: %v", err)
	}
	if _, err := os.Stat(odd); err != nil {
		t.Errorf("file not at %s: %v", odd, err)
	}
}

// The same input and Options.Time give the same bytes.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	layer := func() Layer {
		l := Layer{Name: "l", SRSID: 4490}
		for i := range 200 {
			l.Features = append(l.Features, &geojson.Feature{Geometry: square(float64(i), 30),
				Properties: geojson.Properties{"b": i%2 == 0, "a": i, "名": "楼"}})
		}
		return l
	}
	var files [][]byte
	for i := range 2 {
		p := filepath.Join(dir, string(rune('a'+i))+".gpkg")
		if err := WriteFile(p, fixedTime, layer()); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Errorf("two writes of the same layers differ")
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing.gpkg"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: error %v, want fs.ErrNotExist", err)
	}
	junk := filepath.Join(dir, "junk.gpkg")
	os.WriteFile(junk, bytes.Repeat([]byte("not a database "), 100), 0o644)
	if _, err := Open(junk, nil); !errors.Is(err, ErrNotGeoPackage) {
		t.Errorf("junk: error %v, want ErrNotGeoPackage", err)
	}
	empty := filepath.Join(dir, "empty.gpkg")
	os.WriteFile(empty, nil, 0o644)
	if _, err := Open(empty, nil); !errors.Is(err, ErrNotGeoPackage) {
		t.Errorf("empty file: error %v, want ErrNotGeoPackage", err)
	}
}

// Features without an id get fids after the largest given id, in feature order, whatever
// their position: before the fix a feature without an id ahead of id 1 took fid 1 and the
// layer failed with "UNIQUE constraint failed".
func TestAbsentIDsAfterLargest(t *testing.T) {
	for _, tc := range []struct {
		name string
		ids  []any // nil is absent
		want []string
	}{
		{"absent first", []any{nil, json.Number("1")}, []string{"1=b", "2=a"}},
		{"absent between", []any{json.Number("5"), nil, json.Number("9"), nil}, []string{"5=a", "9=c", "10=b", "11=d"}},
		{"absent before and after", []any{nil, 3, json.Number("1"), nil}, []string{"1=c", "3=b", "4=a", "5=d"}},
		{"all absent", []any{nil, nil}, []string{"1=a", "2=b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ids.gpkg")
			l := Layer{Name: "pts", SRSID: 4326, GeometryType: "POINT"}
			for i, id := range tc.ids {
				l.Features = append(l.Features, &geojson.Feature{ID: id, Geometry: orb.Point{121, 31},
					Properties: geojson.Properties{"k": string(rune('a' + i))}})
			}
			if err := WriteFile(path, fixedTime, l); err != nil {
				t.Fatal(err)
			}
			r, err := Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			fc, err := r.ReadLayer("pts")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fc.Features {
				got = append(got, jsonString(f.ID)+"="+f.Properties["k"].(string))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("fids (-want +got):\n%s", diff)
			}
		})
	}
}
