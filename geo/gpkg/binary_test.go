package gpkg

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/wkb"
)

func mustHex(s string) []byte {
	b, err := wkb.ParseHex(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// Blobs as GDAL 3.6 writes them (ogr2ogr, and OGR's Python bindings for the empty ones).
func TestMarshalGeometryMatchesGDAL(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		srs  int
		gdal string
	}{
		{"point: no envelope", orb.Point{1, 2}, 4326, "47500001 E6100000 0101000000000000000000F03F0000000000000040"},
		{"polygon with envelope", orb.Polygon{{{121.5, 31.2}, {121.6, 31.2}, {121.6, 31.3}, {121.5, 31.2}}}, 4490,
			"47500003 8A110000 0000000000605E40 6666666666665E40 3333333333333F40 CDCCCCCCCC4C3F40" +
				"010300000001000000040000000000000000605E403333333333333F406666666666665E403333333333333F40" +
				"6666666666665E40CDCCCCCCCC4C3F400000000000605E403333333333333F40"},
		{"empty polygon", orb.Polygon{}, 4326, "47500011 E6100000 010300000000000000"},
		{"empty line string", orb.LineString{}, 4326, "47500011 E6100000 010200000000000000"},
		{"empty collection", orb.Collection{}, 4326, "47500011 E6100000 010700000000000000"},
	}
	for _, tc := range tests {
		got, err := MarshalGeometry(tc.g, tc.srs)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(wkb.Hex(mustHex(tc.gdal)), wkb.Hex(got)); diff != "" {
			t.Errorf("%s (-gdal +ours):\n%s", tc.name, diff)
		}
		g, srs, err := UnmarshalGeometry(got, wkb.Decoder{})
		if err != nil || srs != tc.srs {
			t.Fatalf("%s: read back srs %d, %v", tc.name, srs, err)
		}
		if diff := cmp.Diff(tc.g, g); diff != "" {
			t.Errorf("%s: read back (-want +got):\n%s", tc.name, diff)
		}
	}
}

// header builds a blob header with the given flags, srs and envelope values.
func header(flags byte, srs int32, little bool, env ...float64) []byte {
	b := []byte{'G', 'P', 0, flags}
	var bo binary.AppendByteOrder = binary.BigEndian
	if little {
		bo = binary.LittleEndian
	}
	b = bo.AppendUint32(b, uint32(srs))
	for _, v := range env {
		b = bo.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func TestUnmarshalGeometryEnvelopes(t *testing.T) {
	body, _ := wkb.Marshal(orb.LineString{{1, 2}, {3, 4}}, wkb.BigEndian)
	want := orb.LineString{{1, 2}, {3, 4}}
	for env, n := range []int{0, 4, 6, 6, 8} {
		for _, little := range []bool{true, false} {
			flags := byte(env << 1)
			if little {
				flags |= 1
			}
			vals := []float64{1, 3, 2, 4, 0, 0, 0, 0}[:n]
			blob := append(header(flags, 4490, little, vals...), body...)
			g, srs, err := UnmarshalGeometry(blob, wkb.Decoder{})
			if err != nil {
				t.Fatalf("envelope %d little %v: %v", env, little, err)
			}
			if diff := cmp.Diff(orb.Geometry(want), g); diff != "" || srs != 4490 {
				t.Errorf("envelope %d little %v: srs %d (-want +got):\n%s", env, little, srs, diff)
			}
		}
	}
}

func TestUnmarshalGeometryEmptyPoint(t *testing.T) {
	// GDAL's POINT EMPTY: empty flag, WKB point of NaNs.
	g, srs, err := UnmarshalGeometry(mustHex("47500011E61000000101000000000000000000F87F000000000000F87F"), wkb.Decoder{})
	if g != nil || srs != 4326 || err != nil {
		t.Errorf("got %v, %d, %v; want nil, 4326, nil", g, srs, err)
	}
	// Without the empty flag the same point is an error.
	_, _, err = UnmarshalGeometry(mustHex("47500001E61000000101000000000000000000F87F000000000000F87F"), wkb.Decoder{})
	if !errors.Is(err, wkb.ErrEmptyPoint) {
		t.Errorf("error %v, want wkb.ErrEmptyPoint", err)
	}
}

func TestUnmarshalGeometryErrors(t *testing.T) {
	point := mustHex("0101000000000000000000F03F0000000000000040")
	tests := []struct {
		name string
		blob []byte
		want error
		msg  string
	}{
		{"short", []byte("GP\x00"), ErrBlob, "3 bytes, a header needs at least 8"},
		{"magic", append([]byte("XY\x00\x01\x00\x00\x00\x00"), point...), ErrBlob, `magic "XY"`},
		{"version", append(header(1, 0, true)[:2:2], append([]byte{1, 1, 0, 0, 0, 0}, point...)...), ErrBlob, "version 1"},
		{"extended", append(header(0x21, 0, true), point...), ErrBlob, "extended GeoPackageBinary"},
		{"envelope 5", append(header(0x0b, 0, true), point...), ErrBlob, "envelope contents indicator 5"},
		{"envelope 7", append(header(0x0f, 0, true), point...), ErrBlob, "envelope contents indicator 7"},
		{"envelope cut", header(0x09, 0, true, 1, 2, 3), ErrBlob, "the header with a type 4 envelope needs 72"},
		{"bad wkb", append(header(1, 0, true), 1, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f), wkb.ErrTruncated, "WKB at byte 8: wkb: offset 5"},
		{"3D without DropZM", append(header(1, 0, true), mustHex("01E9030000000000000000F03F00000000000000400000000000000840")...), wkb.ErrZM, "Z coordinates"},
	}
	for _, tc := range tests {
		g, _, err := UnmarshalGeometry(tc.blob, wkb.Decoder{})
		if g != nil || !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v, error %v; want %v containing %q", tc.name, g, err, tc.want, tc.msg)
		}
	}
	g, _, err := UnmarshalGeometry(append(header(1, 0, true), mustHex("01E9030000000000000000F03F00000000000000400000000000000840")...), wkb.Decoder{DropZM: true})
	if diff := cmp.Diff(orb.Geometry(orb.Point{1, 2}), g); diff != "" || err != nil {
		t.Errorf("DropZM: %v (-want +got):\n%s", err, diff)
	}
}

func TestMarshalGeometryErrors(t *testing.T) {
	if _, err := MarshalGeometry(nil, 4326); !errors.Is(err, wkb.ErrUnsupported) {
		t.Errorf("nil geometry: error %v", err)
	}
}
