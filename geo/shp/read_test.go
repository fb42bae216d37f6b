package shp

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo"
)

// Rings as the specification winds them: outer clockwise, hole counter-clockwise.
var (
	outerCW = []orb.Point{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}
	holeCCW = []orb.Point{{2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}}
	outer2  = []orb.Point{{20, 0}, {20, 5}, {25, 5}, {25, 0}, {20, 0}}
	hole2   = []orb.Point{{21, 1}, {22, 1}, {22, 2}, {21, 2}, {21, 1}}
)

func reversed(r []orb.Point) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

var gbkFields = []field{{"小区名称", 'C', 40}, {"建成年份", 'N', 4}, {"面积", 'N', 12}, {"加装电梯", 'L', 1}, {"调查日期", 'D', 8}}

func TestRead(t *testing.T) {
	esri4490, _ := os.ReadFile("testdata/esri_4490.prj")
	esri4326, _ := os.ReadFile("testdata/esri_4326.prj")
	polygons := shpBytes(typePolygon,
		polyRec(typePolygon, outerCW, holeCCW),
		nullRec(),
		polyRec(typePolygon, outer2, outerCW, hole2, holeCCW)) // two shells, holes listed after both
	wantGeoms := []orb.Geometry{
		orb.Polygon{reversed(outerCW), reversed(holeCCW)},
		nil,
		orb.MultiPolygon{{reversed(outer2), reversed(hole2)}, {reversed(outerCW), reversed(holeCCW)}},
	}
	rows := [][]string{{"和平里小区", "1986", "12345.67", "T", "19990102"}, {"北苑", "", "", "?", ""}, {"  ", "1990", ".5", "F", "00000000"}}
	wantProps := []geojson.Properties{
		{"小区名称": "和平里小区", "建成年份": json.Number("1986"), "面积": json.Number("12345.67"), "加装电梯": true, "调查日期": "1999-01-02"},
		{"小区名称": "北苑", "建成年份": nil, "面积": nil, "加装电梯": nil, "调查日期": nil},
		{"小区名称": nil, "建成年份": json.Number("1990"), "面积": json.Number("0.5"), "加装电梯": false, "调查日期": nil},
	}
	for _, tc := range []struct {
		name     string
		files    map[string][]byte
		opts     *ReadOptions
		crs      geo.CRS
		enc, src string
	}{
		{"GBK, no .cpg, no LDID", map[string][]byte{".shp": polygons, ".dbf": dbfBytes(t, true, 0, gbkFields, rows...), ".prj": esri4490}, nil, geo.CGCS2000, "GBK", "detected"},
		{"GBK by LDID 0x4D", map[string][]byte{".shp": polygons, ".dbf": dbfBytes(t, true, 0x4D, gbkFields, rows...)}, nil, geo.CRS{}, "GBK", "ldid"},
		{"GBK by .cpg 936", map[string][]byte{".shp": polygons, ".dbf": dbfBytes(t, true, 0x57, gbkFields, rows...), ".cpg": []byte("936\r\n")}, nil, geo.CRS{}, "GBK", "cpg"},
		{"UTF-8 by .cpg", map[string][]byte{".shp": polygons, ".dbf": dbfBytes(t, false, 0x4D, gbkFields, rows...), ".cpg": []byte("UTF-8"), ".prj": esri4326}, nil, geo.WGS84, "UTF-8", "cpg"},
		{"UTF-8 detected", map[string][]byte{".SHP": polygons, ".DBF": dbfBytes(t, false, 0, gbkFields, rows...)}, nil, geo.CRS{}, "UTF-8", "detected"},
		{"GBK by option", map[string][]byte{".shp": polygons, ".dbf": dbfBytes(t, true, 0, gbkFields, rows...), ".cpg": []byte("UTF-8")}, &ReadOptions{Encoding: "GBK"}, geo.CRS{}, "GBK", "option"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := write(t, dir, "小区", tc.files)
			if _, ok := tc.files[".SHP"]; ok {
				p = filepath.Join(dir, "小区.SHP")
			}
			l, err := ReadFile(p, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var geoms []orb.Geometry
			var props []geojson.Properties
			for _, f := range l.Features {
				geoms = append(geoms, f.Geometry)
				props = append(props, f.Properties)
			}
			if d := cmp.Diff(wantGeoms, geoms); d != "" {
				t.Errorf("geometries (-want +got):\n%s", d)
			}
			want := wantProps
			if tc.enc == "UTF-8" { // names cut at 10 bytes: three characters
				want = nil
				for _, p := range wantProps {
					q := geojson.Properties{}
					for k, v := range p {
						q[string([]rune(k)[:min(3, len([]rune(k)))])] = v
					}
					want = append(want, q)
				}
			}
			if d := cmp.Diff(want, props); d != "" {
				t.Errorf("properties (-want +got):\n%s", d)
			}
			if l.CRS != tc.crs || l.Encoding != tc.enc || l.EncodingFrom != tc.src || !cmp.Equal(l.Nulls, []int{1}) ||
				len(l.Fields) != 5 {
				t.Errorf("crs %v encoding %s from %s nulls %v fields %v", l.CRS, l.Encoding, l.EncodingFrom, l.Nulls, l.Fields)
			}
		})
	}
}

// Z and M shapes read as 2D, with the dropped values counted; points and polylines; deleted
// records are skipped; a .zip reads as the directory does.
func TestShapesAndZip(t *testing.T) {
	line := []orb.Point{{1, 1}, {2, 2}, {3, 1}}
	for _, tc := range []struct {
		name    string
		typ     int32
		recs    [][]byte
		want    []orb.Geometry
		dropped int
	}{
		{"PolygonZ", typePolygonZ, [][]byte{polyRec(typePolygonZ, outerCW, holeCCW)}, []orb.Geometry{orb.Polygon{reversed(outerCW), reversed(holeCCW)}}, 10},
		{"PolyLine", typePolyLine, [][]byte{polyRec(typePolyLine, line), polyRec(typePolyLine, line, line)},
			[]orb.Geometry{orb.LineString(line), orb.MultiLineString{line, line}}, 0},
		{"Point", typePoint, [][]byte{pointRec(orb.Point{116.4, 39.9}), nullRec()}, []orb.Geometry{orb.Point{116.4, 39.9}, nil}, 0},
		{"lone hole is a shell", typePolygon, [][]byte{polyRec(typePolygon, outerCW, hole2)},
			[]orb.Geometry{orb.MultiPolygon{{reversed(outerCW)}, {orb.Ring(hole2)}}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows [][]string
			for i := range tc.recs {
				rows = append(rows, []string{fmt.Sprint(i)})
			}
			rows = append(rows, []string{"*", "9"})
			recs := append(tc.recs, pointRecFor(tc.typ))
			dir := t.TempDir()
			p := write(t, dir, "a", map[string][]byte{".shp": shpBytes(tc.typ, recs...), ".dbf": dbfBytes(t, false, 0, []field{{"id", 'N', 3}}, rows...)})
			zp := filepath.Join(dir, "a.zip")
			zipDir(t, zp, dir, "a.shp", "a.dbf")
			for _, path := range []string{p, zp} {
				l, err := ReadFile(path, nil)
				if err != nil {
					t.Fatal(err)
				}
				var got []orb.Geometry
				for _, f := range l.Features {
					got = append(got, f.Geometry)
				}
				if d := cmp.Diff(tc.want, got); d != "" {
					t.Errorf("%s (-want +got):\n%s", path, d)
				}
				if l.Dropped != tc.dropped || l.Deleted != 1 {
					t.Errorf("%s: dropped %d deleted %d", path, l.Dropped, l.Deleted)
				}
			}
		})
	}
}

// pointRecFor is a null record, valid in a file of any type (for the deleted row).
func pointRecFor(int32) []byte { return nullRec() }

func zipDir(t *testing.T, zp, dir string, names ...string) {
	f, err := os.Create(zp)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range names {
		w, _ := zw.Create("sub/" + n)
		b, _ := os.ReadFile(filepath.Join(dir, n))
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// Broken files give an error that names the file and the record, never a panic.
func TestBroken(t *testing.T) {
	good := shpBytes(typePolygon, polyRec(typePolygon, outerCW), polyRec(typePolygon, outerCW, holeCCW))
	lying := append([]byte(nil), good...)
	// record 2's content length (at 100 + 8 + len(record 1) + 4) claims 1000 words
	r1 := len(polyRec(typePolygon, outerCW))
	lying[100+8+r1+4+2] = 0x03
	counts := append([]byte(nil), good...)
	counts[100+8+36] = 0xFF // record 1 claims 255 parts
	dbf2 := dbfBytes(t, false, 0, []field{{"id", 'N', 3}}, []string{"1"}, []string{"2"})
	for _, tc := range []struct {
		name, want string
		shp, dbf   []byte
		is         error
	}{
		{"truncated .shp", "a.shp: record 2", good[:len(good)-20], nil, ErrFormat},
		{"header says longer", "a.shp: ", good[:len(good)-20], nil, ErrFormat},
		{"lying record length", "a.shp: record 2: not a well-formed shapefile: content length", lying, nil, ErrFormat},
		{"lying part count", "a.shp: record 1: not a well-formed shapefile: 255 parts", counts, nil, ErrFormat},
		{"not a shapefile", "a.shp: not a well-formed shapefile: file code", []byte(strings.Repeat("x", 200)), nil, ErrFormat},
		{"short", "a.shp: not a well-formed shapefile: 10 bytes", good[:10], nil, ErrFormat},
		{"dbf too few records", "a.dbf: not a well-formed shapefile: 1 records, but", good, dbfBytes(t, false, 0, []field{{"id", 'N', 3}}, []string{"1"}), ErrFormat},
		{"dbf truncated", "a.dbf: not a well-formed shapefile: truncated", good, dbf2[:len(dbf2)-4], ErrFormat},
		{"dbf bad number", `a.dbf: record 2: field "id": not a well-formed shapefile: "x" is not a number`, good, dbfBytes(t, false, 0, []field{{"id", 'N', 3}}, []string{"1"}, []string{"x"}), ErrFormat},
		{"too large", "a.shp: shapefile too large", good, nil, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			shp := tc.shp
			if tc.name == "truncated .shp" { // fix the header's length so the record is what is short
				shp = append([]byte(nil), shp...)
				shp[24], shp[25], shp[26], shp[27] = 0, 0, byte(len(shp)/2>>8), byte(len(shp)/2)
			}
			files := map[string][]byte{".shp": shp}
			if tc.dbf != nil {
				files[".dbf"] = tc.dbf
			}
			p := write(t, t.TempDir(), "a", files)
			var o *ReadOptions
			if tc.is == ErrTooLarge {
				o = &ReadOptions{MaxBytes: 100}
			}
			l, err := ReadFile(p, o)
			if err == nil || l != nil {
				t.Fatalf("no error (%v)", l)
			}
			if !strings.Contains(err.Error(), tc.want) || !errors.Is(err, tc.is) {
				t.Errorf("error %q, want it to contain %q and wrap %v", err, tc.want, tc.is)
			}
		})
	}
}

func TestParsePRJ(t *testing.T) {
	for _, tc := range []struct {
		file string
		want string // the CRS's MarshalText, or "" for an error
	}{
		{"esri_4490", "cgcs2000"}, {"ogc_4490", "cgcs2000"},
		{"esri_4326", "wgs84"}, {"ogc_4326", "wgs84"},
		{"esri_4527", "EPSG:4527"}, {"ogc_4527", "EPSG:4527"},
		{"esri_4548", "EPSG:4548"}, {"ogc_4548", "EPSG:4548"},
		{"esri_4509", "EPSG:4509"}, {"ogc_4509", "EPSG:4509"},
		{"esri_4499", "EPSG:4499"}, {"ogc_4499", "EPSG:4499"},
		{"esri_32650", "EPSG:32650"}, {"ogc_32650", "EPSG:32650"},
		{"esri_4214", ""}, {"esri_2385", ""},
	} {
		b, err := os.ReadFile("testdata/" + tc.file + ".prj")
		if err != nil {
			t.Fatal(err)
		}
		c, err := ParsePRJ(string(b))
		got := ""
		if err == nil {
			m, _ := c.MarshalText()
			got = string(m)
		} else if !errors.Is(err, geo.ErrUnknownCRS) {
			t.Errorf("%s: error %v does not wrap ErrUnknownCRS", tc.file, err)
		}
		if got != tc.want {
			t.Errorf("%s: got %q (%v), want %q", tc.file, got, err, tc.want)
		}
	}
}
