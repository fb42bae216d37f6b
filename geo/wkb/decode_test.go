package wkb

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// equateNaN compares points treating NaN as equal to NaN; orb.Point's Equal method, which
// cmp would use, does not.
var equateNaN = cmp.Comparer(func(a, b orb.Point) bool {
	same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return same(a[0], b[0]) && same(a[1], b[1])
})

// hx joins hex fragments so that test blobs can be written field by field, as the format
// lays them out.
func hx(parts ...string) []byte {
	b, err := ParseHex(strings.Join(parts, ""))
	if err != nil {
		panic(err)
	}
	return b
}

// Doubles as little-endian hex, for readability of the blobs below.
const (
	le0   = "0000000000000000"
	le1   = "000000000000F03F"
	le2   = "0000000000000040"
	le3   = "0000000000000840"
	le4   = "0000000000001040"
	leNaN = "000000000000F87F"
)

func TestDecodeKnownBlobs(t *testing.T) {
	square := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	tests := []struct {
		name string
		blob []byte
		want orb.Geometry
		srid int
	}{
		// PostGIS: SELECT ST_AsEWKB('SRID=4326;POINT(1 2)'::geometry)
		{"ewkb point 4326", hx("0101000020E6100000000000000000F03F0000000000000040"), orb.Point{1, 2}, 4326},
		// SELECT ST_AsEWKB('SRID=4490;POINT(116.39 39.9)'::geometry)
		{"ewkb point 4490", hx("01010000208A110000295C8FC2F5185D403333333333F34340"), orb.Point{116.39, 39.9}, 4490},
		// SELECT ST_AsBinary('POINT(1 2)'::geometry, 'XDR')
		{"wkb point big-endian", hx("00000000013FF00000000000004000000000000000"), orb.Point{1, 2}, 0},
		{"wkb line string", hx("01", "02000000", "02000000", le1, le2, le3, le4), orb.LineString{{1, 2}, {3, 4}}, 0},
		{"ewkb polygon 4490", hx("01", "03000020", "8A110000", "01000000", "04000000",
			le0, le0, le1, le0, le1, le1, le0, le0), square, 4490},
		{"multipoint, members in mixed byte order", hx("01", "04000000", "02000000",
			"01", "01000000", le1, le2,
			"00", "00000001", "3FF0000000000000", "4000000000000000"), orb.MultiPoint{{1, 2}, {1, 2}}, 0},
		{"multilinestring", hx("01", "05000000", "01000000", "01", "02000000", "02000000", le1, le2, le3, le4),
			orb.MultiLineString{{{1, 2}, {3, 4}}}, 0},
		{"multipolygon with an empty polygon", hx("01", "06000000", "02000000",
			"01", "03000000", "01000000", "04000000", le0, le0, le1, le0, le1, le1, le0, le0,
			"01", "03000000", "00000000"), orb.MultiPolygon{square, {}}, 0},
		{"collection of point and collection", hx("01", "07000000", "02000000",
			"01", "01000000", le1, le2,
			"01", "07000000", "00000000"), orb.Collection{orb.Point{1, 2}, orb.Collection{}}, 0},
		// SELECT ST_AsEWKB('SRID=4490;GEOMETRYCOLLECTION EMPTY'::geometry)
		{"ewkb empty collection 4490", hx("01", "07000020", "8A110000", "00000000"), orb.Collection{}, 4490},
		{"empty line string", hx("01", "02000000", "00000000"), orb.LineString{}, 0},
		{"empty polygon", hx("01", "03000000", "00000000"), orb.Polygon{}, 0},
		{"empty multipoint", hx("010400000000000000"), orb.MultiPoint{}, 0},
		{"point with one NaN coordinate is not empty", hx("01", "01000000", leNaN, le2), orb.Point{math.NaN(), 2}, 0},
		{"ewkb member repeating the top-level SRID", hx("01", "04000020", "E6100000", "01000000",
			"01", "01000020", "E6100000", le1, le2), orb.MultiPoint{{1, 2}}, 4326},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, srid, err := Unmarshal(tc.blob)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, g, equateNaN); diff != "" {
				t.Errorf("geometry (-want +got):\n%s", diff)
			}
			if srid != tc.srid {
				t.Errorf("srid = %d, want %d", srid, tc.srid)
			}
		})
	}
}

func TestDecodeZM(t *testing.T) {
	tests := []struct {
		name string
		blob []byte
		want orb.Geometry
	}{
		// ISO: SELECT ST_AsBinary('POINT Z (1 2 3)'::geometry)
		{"iso point z", hx("01", "E9030000", le1, le2, le3), orb.Point{1, 2}},
		{"iso point m", hx("01", "D1070000", le1, le2, le3), orb.Point{1, 2}},
		{"iso point zm", hx("01", "B90B0000", le1, le2, le3, le4), orb.Point{1, 2}},
		// EWKB: SELECT ST_AsEWKB('SRID=4326;POINT(1 2 3)'::geometry)
		{"ewkb point z with srid", hx("01", "010000A0", "E6100000", le1, le2, le3), orb.Point{1, 2}},
		{"ewkb point m", hx("01", "01000040", le1, le2, le3), orb.Point{1, 2}},
		{"iso line string z", hx("01", "EA030000", "02000000", le1, le2, le3, le3, le4, le0), orb.LineString{{1, 2}, {3, 4}}},
		{"iso polygon zm", hx("01", "BB0B0000", "01000000", "04000000",
			le0, le0, le1, le1, le1, le0, le1, le1, le1, le1, le1, le1, le0, le0, le1, le1), orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Unmarshal(tc.blob)
			if !errors.Is(err, ErrZM) {
				t.Fatalf("Unmarshal error = %v, want ErrZM", err)
			}
			g, _, err := Decoder{DropZM: true}.Decode(tc.blob)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, g); diff != "" {
				t.Errorf("geometry (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name     string
		dec      Decoder
		blob     []byte
		sentinel error
		offset   int
		msg      string
	}{
		{"empty input", Decoder{}, nil, ErrTruncated, 0, "need 5 bytes for a geometry header, 0 remain"},
		{"bad byte order", Decoder{}, hx("02", "01000000"), ErrInvalid, 0, "byte order 2"},
		{"curve type", Decoder{}, hx("01", "08000000", "00000000"), ErrUnsupported, 1, "type code 8"},
		{"iso type 4001", Decoder{}, hx("01", "A10F0000"), ErrUnsupported, 1, "type code 4001"},
		{"point cut short", Decoder{}, hx("01", "01000000", le1), ErrTruncated, 5, "need 16 bytes for a point, 8 remain"},
		{"a billion points in 20 bytes", Decoder{}, hx("01", "02000000", "00CA9A3B", le1, "00000000"), ErrTruncated, 5,
			"line string claims 1000000000 items of at least 16 bytes each, only 12 bytes remain"},
		{"four billion rings", Decoder{}, hx("01", "03000000", "FFFFFFFF", "00000000"), ErrTruncated, 5,
			"polygon claims 4294967295 items of at least 4 bytes each, only 4 bytes remain"},
		{"a billion collection members", Decoder{}, hx("01", "07000000", "00CA9A3B"), ErrTruncated, 5, "geometry collection claims 1000000000 items"},
		{"empty point", Decoder{}, hx("01", "01000000", leNaN, leNaN), ErrEmptyPoint, 0, "empty point"},
		{"empty point in a multipoint", Decoder{}, hx("01", "04000000", "01000000", "01", "01000000", leNaN, leNaN), ErrEmptyPoint, 9, "empty point"},
		{"multipoint holding a line", Decoder{}, hx("01", "04000000", "01000000", "01", "02000000", "01000000", le1, le2),
			ErrInvalid, 10, "member is a line string, want a point"},
		{"trailing bytes", Decoder{}, hx("01", "01000000", le1, le2, "00"), ErrInvalid, 21, "1 bytes follow the geometry"},
		{"member with another SRID", Decoder{}, hx("01", "04000020", "E6100000", "01000000",
			"01", "01000020", "8A110000", le1, le2), ErrInvalid, 18, "member has SRID 4490, the top-level geometry has 4326"},
		{"member with an SRID the top has not", Decoder{}, hx("01", "04000000", "01000000",
			"01", "01000020", "8A110000", le1, le2), ErrInvalid, 14, "top-level geometry has none"},
		{"too many points", Decoder{MaxPoints: 3}, hx("01", "02000000", "04000000", le0, le0, le0, le0, le0, le0, le0, le0),
			ErrLimit, 9, "more than 3 points"},
		{"too many points across members", Decoder{MaxPoints: 1}, hx("01", "04000000", "02000000",
			"01", "01000000", le1, le2, "01", "01000000", le1, le2), ErrLimit, 35, "more than 1 points"},
		{"too deep", Decoder{MaxDepth: 2}, hx("01", "07000000", "01000000", "01", "07000000", "01000000", "01", "07000000", "00000000"),
			ErrLimit, 18, "nest deeper than 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, _, err := tc.dec.Decode(tc.blob)
			if g != nil {
				t.Errorf("geometry %v returned with error", g)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Fatalf("error %v, want %v", err, tc.sentinel)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if e.Offset != tc.offset {
				t.Errorf("offset %d, want %d (%v)", e.Offset, tc.offset, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not contain %q", err, tc.msg)
			}
		})
	}
}

// A hostile blob claiming billions of polygons and rings must be rejected before anything
// of that size is allocated: measure the bytes allocated per decode.
func TestDecodeHostileCountAllocatesLittle(t *testing.T) {
	blob := hx("01", "06000000", "FFFFFFFF", "01", "03000000", "FFFFFFFF")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 100 {
		if _, _, err := Unmarshal(blob); !errors.Is(err, ErrTruncated) {
			t.Fatalf("error %v, want ErrTruncated", err)
		}
	}
	runtime.ReadMemStats(&after)
	if perRun := (after.TotalAlloc - before.TotalAlloc) / 100; perRun > 2048 {
		t.Errorf("%d bytes allocated per rejected blob, want at most 2048", perRun)
	}
}

func TestDeepNestingDefaultLimit(t *testing.T) {
	// 10,000 nested collections: 90 kB that would recurse 10,000 deep without the limit.
	var b []byte
	for range 10000 {
		b = append(b, hx("01", "07000000", "01000000")...)
	}
	b = append(b, hx("01", "07000000", "00000000")...)
	_, _, err := Unmarshal(b)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrLimit) || e.Offset != DefaultMaxDepth*9 {
		t.Fatalf("error %v, want ErrLimit at offset %d", err, DefaultMaxDepth*9)
	}
}
