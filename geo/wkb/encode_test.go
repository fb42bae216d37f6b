package wkb

import (
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	orbewkb "github.com/paulmach/orb/encoding/ewkb"
	orbwkb "github.com/paulmach/orb/encoding/wkb"
	"github.com/twpayne/go-geom"
	geomewkb "github.com/twpayne/go-geom/encoding/ewkb"
	geomwkb "github.com/twpayne/go-geom/encoding/wkb"
)

var square = orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}

var encodeCases = []struct {
	name string
	g    orb.Geometry
}{
	{"point", orb.Point{116.391, 39.907}},
	{"line string", orb.LineString{{1, 2}, {3, 4}, {-5.5, 1e-9}}},
	{"empty line string", orb.LineString{}},
	{"polygon with hole", orb.Polygon{square[0], {{0.2, 0.2}, {0.2, 0.8}, {0.8, 0.8}, {0.2, 0.2}}}},
	{"empty polygon", orb.Polygon{}},
	{"multipoint", orb.MultiPoint{{1, 2}, {3, 4}}},
	{"multilinestring", orb.MultiLineString{{{1, 2}, {3, 4}}, {}}},
	{"multipolygon", orb.MultiPolygon{square, {}}},
	{"collection", orb.Collection{orb.Point{1, 2}, square, orb.Collection{orb.LineString{{0, 0}, {1, 1}}}}},
	{"empty collection", orb.Collection{}},
}

// Our bytes must be orb's bytes, in both orders, with and without SRID.
func TestMarshalMatchesOrb(t *testing.T) {
	for _, tc := range encodeCases {
		for _, order := range []ByteOrder{LittleEndian, BigEndian} {
			bo := binary.ByteOrder(binary.LittleEndian)
			if order == BigEndian {
				bo = binary.BigEndian
			}
			got, err := Marshal(tc.g, order)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			want, err := orbwkb.Marshal(tc.g, bo)
			if err != nil {
				t.Fatalf("%s: orb: %v", tc.name, err)
			}
			if diff := cmp.Diff(Hex(want), Hex(got)); diff != "" {
				t.Errorf("%s order %d: WKB differs from orb's (-orb +ours):\n%s", tc.name, order, diff)
			}
			got, err = MarshalEWKB(tc.g, 4490, order)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			want, err = orbewkb.Marshal(tc.g, 4490, bo)
			if err != nil {
				t.Fatalf("%s: orb: %v", tc.name, err)
			}
			if diff := cmp.Diff(Hex(want), Hex(got)); diff != "" {
				t.Errorf("%s order %d: EWKB differs from orb's (-orb +ours):\n%s", tc.name, order, diff)
			}
		}
	}
}

// go-geom writes and reads the same bytes: decode what it writes, and have it decode ours.
func TestRoundTripGoGeom(t *testing.T) {
	pts := geom.NewPolygon(geom.XY).MustSetCoords([][]geom.Coord{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}})
	pts.SetSRID(4490)
	mp := geom.NewMultiPoint(geom.XY).MustSetCoords([]geom.Coord{{1, 2}, {3, 4}})
	mp.SetSRID(4326)
	tests := []struct {
		name string
		gg   geom.T
		want orb.Geometry
		srid int
	}{
		{"polygon 4490", pts, square, 4490},
		{"multipoint 4326", mp, orb.MultiPoint{{1, 2}, {3, 4}}, 4326},
		{"line string", geom.NewLineString(geom.XY).MustSetCoords([]geom.Coord{{1, 2}, {3, 4}}), orb.LineString{{1, 2}, {3, 4}}, 0},
	}
	for _, tc := range tests {
		for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			b, err := geomewkb.Marshal(tc.gg, bo)
			if err != nil {
				t.Fatal(err)
			}
			g, srid, err := Unmarshal(b)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if diff := cmp.Diff(tc.want, g); diff != "" || srid != tc.srid {
				t.Errorf("%s: srid %d (want %d), geometry (-want +got):\n%s", tc.name, srid, tc.srid, diff)
			}
			order := LittleEndian
			if bo == binary.BigEndian {
				order = BigEndian
			}
			ours, err := MarshalEWKB(g, srid, order)
			if err != nil {
				t.Fatal(err)
			}
			back, err := geomewkb.Unmarshal(ours)
			if err != nil {
				t.Fatalf("%s: go-geom cannot read our EWKB: %v", tc.name, err)
			}
			if back.SRID() != tc.srid || !cmp.Equal(back.FlatCoords(), tc.gg.FlatCoords()) {
				t.Errorf("%s: go-geom read back SRID %d coords %v", tc.name, back.SRID(), back.FlatCoords())
			}
			iso, err := Marshal(g, order)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := geomwkb.Unmarshal(iso); err != nil {
				t.Errorf("%s: go-geom cannot read our WKB: %v", tc.name, err)
			}
		}
	}
}

func TestMarshalRingAndBound(t *testing.T) {
	ring := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	b, err := Marshal(ring, LittleEndian)
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(orb.Geometry(orb.Polygon{ring}), g); diff != "" {
		t.Errorf("ring (-want +got):\n%s", diff)
	}
	b, err = Marshal(orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, BigEndian)
	if err != nil {
		t.Fatal(err)
	}
	g, _, err = Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(orb.Geometry(square), g); diff != "" {
		t.Errorf("bound (-want +got):\n%s", diff)
	}
}

type notOrb struct{ orb.Point }

func TestMarshalErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"nil", func() error { _, err := Marshal(nil, LittleEndian); return err }, ErrUnsupported},
		{"foreign type", func() error { _, err := Marshal(notOrb{}, LittleEndian); return err }, ErrUnsupported},
		{"nil in collection", func() error { _, err := Marshal(orb.Collection{orb.Point{}, nil}, LittleEndian); return err }, ErrUnsupported},
		{"byte order 7", func() error { _, err := Marshal(orb.Point{}, 7); return err }, ErrInvalid},
		{"negative SRID", func() error { _, err := MarshalEWKB(orb.Point{}, -1, LittleEndian); return err }, ErrInvalid},
		{"SRID beyond int32", func() error { _, err := MarshalEWKB(orb.Point{}, math.MaxInt32+1, LittleEndian); return err }, ErrInvalid},
	}
	for _, tc := range tests {
		if err := tc.run(); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

// randomGeometry builds a geometry of any type, nested up to depth.
func randomGeometry(rng *rand.Rand, depth int) orb.Geometry {
	pt := func() orb.Point { return orb.Point{rng.NormFloat64() * 100, rng.NormFloat64() * 50} }
	pts := func(n int) []orb.Point {
		ps := make([]orb.Point, n)
		for i := range ps {
			ps[i] = pt()
		}
		return ps
	}
	poly := func() orb.Polygon {
		p := make(orb.Polygon, rng.IntN(3))
		for i := range p {
			p[i] = orb.Ring(pts(rng.IntN(6)))
		}
		return p
	}
	kinds := 6
	if depth > 0 {
		kinds = 7
	}
	switch rng.IntN(kinds) {
	case 0:
		return pt()
	case 1:
		return orb.LineString(pts(rng.IntN(5)))
	case 2:
		return poly()
	case 3:
		return orb.MultiPoint(pts(rng.IntN(4)))
	case 4:
		m := make(orb.MultiLineString, rng.IntN(3))
		for i := range m {
			m[i] = orb.LineString(pts(rng.IntN(4)))
		}
		return m
	case 5:
		m := make(orb.MultiPolygon, rng.IntN(3))
		for i := range m {
			m[i] = poly()
		}
		return m
	default:
		c := make(orb.Collection, rng.IntN(4))
		for i := range c {
			c[i] = randomGeometry(rng, depth-1)
		}
		return c
	}
}

// Property: decoding what Marshal and MarshalEWKB write gives back the geometry and SRID.
func TestRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		g := randomGeometry(rng, 3)
		srid := []int{0, 4326, 4490, 4549, 999999}[rng.IntN(5)]
		order := ByteOrder(rng.IntN(2))
		b, err := MarshalEWKB(g, srid, order)
		if err != nil {
			t.Fatal(err)
		}
		back, gotSRID, err := Unmarshal(b)
		if err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, Hex(b))
		}
		if diff := cmp.Diff(g, back); diff != "" || gotSRID != srid {
			t.Fatalf("case %d: srid %d want %d; (-want +got):\n%s", i, gotSRID, srid, diff)
		}
	}
}
