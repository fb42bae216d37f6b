package gpkg

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/wkb"
)

// FuzzUnmarshalGeometry checks that no blob makes the decoder panic or allocate without
// bound, and that what it accepts it writes back to a blob that decodes the same.
func FuzzUnmarshalGeometry(f *testing.F) {
	for _, g := range []orb.Geometry{orb.Point{1, 2}, square(121, 31), orb.Polygon{}, orb.MultiPolygon{square(0, 0)},
		orb.Collection{orb.LineString{{0, 0}, {1, 1}}}} {
		b, err := MarshalGeometry(g, 4490)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(mustHex("47500011E61000000101000000000000000000F87F000000000000F87F"))
	f.Add(append(header(0x09, 4326, true, 0, 0, 0, 0, 0, 0, 0, 0), mustHex("01E9030000000000000000F03F00000000000000400000000000000840")...))
	f.Fuzz(func(t *testing.T, blob []byte) {
		for _, dec := range []wkb.Decoder{{}, {DropZM: true, MaxPoints: 100, MaxDepth: 3}} {
			g, srs, err := UnmarshalGeometry(blob, dec)
			if err != nil || g == nil {
				if err != nil && g != nil {
					t.Fatalf("geometry with error %v", err)
				}
				continue
			}
			b, err := MarshalGeometry(g, srs)
			if err != nil {
				t.Fatalf("cannot write back %v: %v", g, err)
			}
			g2, srs2, err := UnmarshalGeometry(b, wkb.Decoder{})
			if err != nil || srs2 != srs {
				t.Fatalf("cannot read back: %v", err)
			}
			b2, _ := MarshalGeometry(g2, srs2)
			if string(b) != string(b2) {
				t.Fatalf("round trip changed the blob")
			}
		}
	})
}

// FuzzOpen writes arbitrary bytes (seeded with a real GeoPackage) to a file and reads it
// as a GeoPackage: no input may make the reader panic.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.gpkg")
	err := WriteFile(seed, &Options{Time: fixedTime.Time, pageSize: 512},
		Layer{Name: "小区", SRSID: 4490, Features: []*geojson.Feature{
			{ID: "a", Geometry: square(121, 31), Properties: geojson.Properties{"名称": "一", "n": 1, "ok": true, "r": 1.5}},
			{ID: "b", Geometry: orb.MultiPolygon{square(1, 1)}, Properties: geojson.Properties{"名称": "二", "n": 2}}}},
		Layer{Name: "p", SRSID: 4326, Features: []*geojson.Feature{{Geometry: orb.Point{1, 2}}}})
	if err != nil {
		f.Fatal(err)
	}
	b, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Logf("seed: %d bytes", len(b))
	f.Add(b)
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.gpkg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(path, nil)
		if err != nil {
			return
		}
		defer r.Close()
		infos, err := r.Layers()
		if err != nil {
			return
		}
		for _, li := range infos {
			r.ReadLayer(li.Name)
			r.SRS(li.SRSID)
		}
	})
}
