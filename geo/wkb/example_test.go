package wkb_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo/wkb"
)

func ExampleMarshalEWKB() {
	b, err := wkb.MarshalEWKB(orb.Point{1, 2}, 4490, wkb.LittleEndian)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(wkb.Hex(b))
	// Output: 01010000208A110000000000000000F03F0000000000000040
}

func ExampleUnmarshal() {
	// What PostGIS prints for SELECT 'SRID=4326;LINESTRING(1 2,3 4)'::geometry.
	b, err := wkb.ParseHex("0102000020E610000002000000000000000000F03F000000000000004000000000000008400000000000001040")
	if err != nil {
		fmt.Println(err)
		return
	}
	g, srid, err := wkb.Unmarshal(b)
	fmt.Println(g, srid, err)

	// A 21-byte blob claiming a billion points is refused before anything is allocated.
	b, _ = wkb.ParseHex("010200000000CA9A3B000000000000F03F00000000")
	_, _, err = wkb.Unmarshal(b)
	fmt.Println(err)
	// Output:
	// [[1 2] [3 4]] 4326 <nil>
	// wkb: offset 5: line string claims 1000000000 items of at least 16 bytes each, only 12 bytes remain
}

func ExampleDecoder() {
	// POINT Z (1 2 3) in ISO WKB.
	b, _ := wkb.ParseHex("01E9030000000000000000F03F00000000000000400000000000000840")
	_, _, err := wkb.Unmarshal(b)
	fmt.Println(err)
	g, _, err := wkb.Decoder{DropZM: true}.Decode(b)
	fmt.Println(g, err)
	// Output:
	// wkb: offset 1: point has Z coordinates; orb geometries are 2D (set Decoder.DropZM to drop them)
	// [1 2] <nil>
}
