package wkt

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

var tri = orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		in   string
		want orb.Geometry
		srid int
	}{
		{"POINT (116.39 39.9)", orb.Point{116.39, 39.9}, 0},
		{"point(1 2)", orb.Point{1, 2}, 0},
		{"  Point ( -1.5e2   +2 )  ", orb.Point{-150, 2}, 0},
		{"POINT (.5 1.)", orb.Point{0.5, 1}, 0},
		{"SRID=4490;POINT (116.39 39.9)", orb.Point{116.39, 39.9}, 4490},
		{"srid=4326; POINT(1 2)", orb.Point{1, 2}, 4326},
		{"LINESTRING (1 2, 3 4)", orb.LineString{{1, 2}, {3, 4}}, 0},
		{"LINESTRING EMPTY", orb.LineString{}, 0},
		{"POLYGON ((0 0, 1 0, 1 1, 0 0))", orb.Polygon{tri}, 0},
		{"POLYGON((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.2 0.2,0.1 0.1))", orb.Polygon{tri, {{0.1, 0.1}, {0.2, 0.1}, {0.2, 0.2}, {0.1, 0.1}}}, 0},
		{"POLYGON (EMPTY)", orb.Polygon{{}}, 0},
		{"POLYGON EMPTY", orb.Polygon{}, 0},
		{"POLYGON ((0 0, 1 0))", orb.Polygon{{{0, 0}, {1, 0}}}, 0}, // syntax only; validity is geo's job
		{"MULTIPOINT ((1 2), (3 4))", orb.MultiPoint{{1, 2}, {3, 4}}, 0},
		{"MULTIPOINT (1 2, 3 4)", orb.MultiPoint{{1, 2}, {3, 4}}, 0},
		{"MULTIPOINT ((1 2), 3 4)", orb.MultiPoint{{1, 2}, {3, 4}}, 0},
		{"MULTIPOINT EMPTY", orb.MultiPoint{}, 0},
		{"MULTILINESTRING ((1 2, 3 4), EMPTY)", orb.MultiLineString{{{1, 2}, {3, 4}}, {}}, 0},
		{"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), EMPTY)", orb.MultiPolygon{{tri}, {}}, 0},
		{"MULTIPOLYGON EMPTY", orb.MultiPolygon{}, 0},
		{"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING EMPTY, GEOMETRYCOLLECTION EMPTY)",
			orb.Collection{orb.Point{1, 2}, orb.LineString{}, orb.Collection{}}, 0},
		{"GEOMETRYCOLLECTION EMPTY", orb.Collection{}, 0},
		{"POINT (1e-320 -0)", orb.Point{1e-320, 0}, 0},
	}
	for _, tc := range tests {
		g, srid, err := Unmarshal(tc.in)
		if err != nil {
			t.Errorf("Unmarshal(%q): %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, g); diff != "" || srid != tc.srid {
			t.Errorf("Unmarshal(%q): srid %d, want %d; (-want +got):\n%s", tc.in, srid, tc.srid, diff)
		}
	}
}

func TestUnmarshalZM(t *testing.T) {
	tests := []struct {
		in   string
		want orb.Geometry
	}{
		{"POINT Z (1 2 3)", orb.Point{1, 2}},
		{"POINTZ (1 2 3)", orb.Point{1, 2}},
		{"POINT M (1 2 3)", orb.Point{1, 2}},
		{"POINT ZM (1 2 3 4)", orb.Point{1, 2}},
		{"POINT (1 2 3)", orb.Point{1, 2}},
		{"POINT (1 2 3 4)", orb.Point{1, 2}},
		{"LINESTRING Z (1 2 3, 4 5 6)", orb.LineString{{1, 2}, {4, 5}}},
		{"POLYGON Z EMPTY", orb.Polygon{}},
		{"MULTIPOINT Z ((1 2 3), 4 5 6)", orb.MultiPoint{{1, 2}, {4, 5}}},
		{"GEOMETRYCOLLECTION Z (POINT (1 2 3))", orb.Collection{orb.Point{1, 2}}},
		{"GEOMETRYCOLLECTION (POINT Z (1 2 3), POINT (1 2))", orb.Collection{orb.Point{1, 2}, orb.Point{1, 2}}},
	}
	for _, tc := range tests {
		if _, _, err := Unmarshal(tc.in); !errors.Is(err, ErrZM) {
			t.Errorf("Unmarshal(%q): error %v, want ErrZM", tc.in, err)
		}
		g, _, err := Decoder{DropZM: true}.Decode(tc.in)
		if err != nil {
			t.Errorf("DropZM %q: %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, g); diff != "" {
			t.Errorf("DropZM %q (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		in       string
		dec      Decoder
		sentinel error
		offset   int
		msg      string
	}{
		{"", Decoder{}, ErrSyntax, 0, "expected a geometry type, found end of text"},
		{"POINT EMPTY", Decoder{}, ErrEmptyPoint, 0, "POINT EMPTY"},
		{"MULTIPOINT ((1 2), EMPTY)", Decoder{}, ErrEmptyPoint, 19, "EMPTY member 1 of a MULTIPOINT"},
		{"POINT (1 2", Decoder{}, ErrSyntax, 10, `expected ')', found end of text`},
		{"POINT (1)", Decoder{}, ErrSyntax, 7, "needs at least 2 numbers, found 1"},
		{"POINT (1 2 3 4 5)", Decoder{DropZM: true}, ErrSyntax, 15, "at most 4 numbers"},
		{"POINT (nan 2)", Decoder{}, ErrSyntax, 7, `expected a number, found "nan"`},
		{"POINT (Inf 2)", Decoder{}, ErrSyntax, 7, `expected a number, found "Inf"`},
		{"POINT (1e400 2)", Decoder{}, ErrSyntax, 7, `number "1e400" is beyond the range of float64`},
		{"POINT (1e 2)", Decoder{}, ErrSyntax, 7, "exponent without digits"},
		{"POINT (0x10 2)", Decoder{}, ErrSyntax, 7, `expected a number, found "0x10"`},
		{"POINT (1 2) x", Decoder{}, ErrSyntax, 12, `"x" after the geometry`},
		{"LINESTRING (1 2, 3 4 5)", Decoder{DropZM: true}, ErrSyntax, 17, "position has 3 numbers, the geometry's positions have 2"},
		{"LINESTRING (1 2 3, 4 5)", Decoder{DropZM: true}, ErrSyntax, 19, "position has 2 numbers, the geometry's positions have 3"},
		{"LINESTRING (1 2 3)", Decoder{}, ErrZM, 12, "position has 3 numbers"},
		{"POLYGON ((0 0, 1 0, 1 1, 0 0)", Decoder{}, ErrSyntax, 29, `expected ',' or ')', found end of text`},
		{"POLYGON Z ((0 0 0))", Decoder{}, ErrZM, 0, "POLYGON Z has Z or M coordinates"},
		{"CIRCULARSTRING (0 0, 1 1, 2 0)", Decoder{}, ErrUnsupported, 0, "CIRCULARSTRING is not supported"},
		{"TIN EMPTY", Decoder{}, ErrUnsupported, 0, "TIN is not supported"},
		{"POINTS (1 2)", Decoder{}, ErrSyntax, 0, `unknown geometry type "POINTS"`},
		{"BLOB (1 2)", Decoder{}, ErrSyntax, 0, `unknown geometry type "BLOB"`},
		{"SRID=x;POINT (1 2)", Decoder{}, ErrSyntax, 5, `SRID "" is not an integer`},
		{"SRID=4326 POINT (1 2)", Decoder{}, ErrSyntax, 9, "expected ';' after the SRID"},
		{"MULTIPOINT (POINT (1 2))", Decoder{}, ErrSyntax, 12, `expected a number, found "POINT"`},
		{"GEOMETRYCOLLECTION (GEOMETRYCOLLECTION (GEOMETRYCOLLECTION EMPTY))", Decoder{MaxDepth: 2}, ErrLimit, 40, "nest deeper than 2"},
		{"LINESTRING (0 0, 1 1, 2 2)", Decoder{MaxPositions: 2}, ErrLimit, 22, "more than the limit of positions"},
		{"POLYGON (EMPTY, EMPTY)", Decoder{MaxPositions: 1}, ErrLimit, 16, "more than the limit of positions"},
		{"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING EMPTY)", Decoder{MaxPositions: 1}, ErrLimit, 44, "more than the limit of positions"},
		{"POINT (1 2)", Decoder{MaxBytes: 5}, ErrLimit, 5, "text of 11 bytes is longer than the limit of 5"},
	}
	for _, tc := range tests {
		g, _, err := tc.dec.Decode(tc.in)
		if g != nil {
			t.Errorf("%q: geometry %v with error", tc.in, g)
		}
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, tc.sentinel) {
			t.Errorf("%q: error %v, want %v", tc.in, err, tc.sentinel)
			continue
		}
		if se.Offset != tc.offset || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: error %q at offset %d, want offset %d containing %q", tc.in, err, se.Offset, tc.offset, tc.msg)
		}
	}
}

func TestDeepCollectionDefaultLimit(t *testing.T) {
	s := strings.Repeat("GEOMETRYCOLLECTION (", 100000) + "POINT (1 2)" + strings.Repeat(")", 100000)
	_, _, err := Unmarshal(s)
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("error %v, want ErrLimit", err)
	}
}
