package shp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
)

// allocSeed is one input of the memory-bound tests: the files of one shapefile.
type allocSeed struct {
	name               string
	shp, shx, dbf, prj []byte
}

// allocSeeds are a valid small shapefile and hostile ones: counts and lengths far past the
// bytes there are, truncated files, and the records that cost most memory per byte.
func allocSeeds(tb testing.TB) []allocSeed {
	prj, err := os.ReadFile("testdata/esri_4490.prj")
	if err != nil {
		tb.Fatal(err)
	}
	good := shpBytes(typePolygon, polyRec(typePolygon, outerCW, holeCCW), nullRec(), polyRec(typePolygon, outer2, outerCW, hole2, holeCCW))
	goodDBF := dbfBytes(tb, true, 0x4D, gbkFields,
		[]string{"和平里小区", "1986", "12345.67", "T", "19990102"}, []string{"北苑", "", "", "?", ""}, []string{"*", "", "1990", ".5", "F", "00000000"})
	shx := shxFor(good)

	set := func(b []byte, at int, v uint32, big bool) []byte {
		b = bytes.Clone(b)
		if big {
			binary.BigEndian.PutUint32(b[at:], v)
		} else {
			binary.LittleEndian.PutUint32(b[at:], v)
		}
		return b
	}
	hugeRecLen := set(good, 100+4, 0x7FFFFFFF, true)
	hugeFileLen := set(good, 24, 0x7FFFFFFF, true)
	hugeParts := set(good, 100+8+36, 0xFFFFFFFF, false)
	hugePoints := set(good, 100+8+40, 0xFFFFFFFF, false)
	hugeDBFCount := set(goodDBF, 4, 0xFFFFFFFF, false)

	var nulls, points, parts, lines [][]byte
	for range 2000 {
		nulls = append(nulls, nullRec())
	}
	for i := range 2000 {
		points = append(points, pointRec(orb.Point{float64(i), 1}))
	}
	// One record of 4000 one-point parts: 20 bytes of input per ring.
	var onePointParts [][]orb.Point
	for i := range 4000 {
		onePointParts = append(onePointParts, []orb.Point{{float64(i), 0}})
	}
	parts = append(parts, polyRec(typePolygon, onePointParts...))
	lines = append(lines, polyRec(typePolyLine, onePointParts...))
	var rows [][]string
	for range 2000 {
		rows = append(rows, []string{"1", "2", "T", "4", "5", "6", "7", "8"})
	}
	narrow := []field{{"a", 'C', 1}, {"b", 'N', 1}, {"c", 'L', 1}, {"d", 'C', 1}, {"e", 'N', 1}, {"f", 'C', 1}, {"g", 'N', 1}, {"h", 'C', 1}}
	nullShp := shpBytes(typePoint, nulls...)
	// 449 one-byte fields: just past a Go map's growth step, the most map per byte found.
	var wide []field
	var wideRow []string
	for i := range 449 {
		wide, wideRow = append(wide, field{fmt.Sprintf("f%d", i), 'C', 1}), append(wideRow, "x")
	}
	var wideRows [][]string
	for range 100 {
		wideRows = append(wideRows, wideRow)
	}
	return []allocSeed{
		{"valid", good, shx, goodDBF, prj},
		{"huge record length", hugeRecLen, shx, goodDBF, prj},
		{"huge file length", hugeFileLen, shx, goodDBF, prj},
		{"huge part count", hugeParts, shx, goodDBF, prj},
		{"huge point count", hugePoints, shx, goodDBF, prj},
		{"huge dbf record count", good, shx, hugeDBFCount, prj},
		{"truncated shp", good[:len(good)-7], shx, goodDBF, prj},
		{"truncated dbf", good, shx, goodDBF[:len(goodDBF)-9], prj},
		{"header only", good[:100], nil, nil, nil},
		{"many null shapes", nullShp, nil, nil, nil},
		{"many points", shpBytes(typePoint, points...), nil, nil, nil},
		{"one-point rings", shpBytes(typePolygon, parts...), nil, nil, nil},
		{"one-point lines", shpBytes(typePolyLine, lines...), nil, nil, nil},
		{"narrow fields", nullShp, nil, dbfBytes(tb, false, 0, narrow, rows...), nil},
		{"wide one-byte fields", shpBytes(typePoint, nulls[:100]...), nil, dbfBytes(tb, false, 0, wide, wideRows...), nil},
		{"zero-length fields", nullShp, nil, zeroLengthFieldsDBF(2000, 2000), nil},
	}
}

// shxFor is the .shx index of a .shp (the reader does not need it; the fuzzer gets it anyway).
func shxFor(shp []byte) []byte {
	var b bytes.Buffer
	b.Write(shp[:100])
	for off := 100; off+8 <= len(shp); {
		n := int(binary.BigEndian.Uint32(shp[off+4:])) * 2
		be32(&b, int32(off/2))
		be32(&b, int32(n/2))
		off += 8 + n
	}
	out := b.Bytes()
	binary.BigEndian.PutUint32(out[24:], uint32(len(out)/2))
	return out
}

// zeroLengthFieldsDBF is a .dbf of n one-byte records whose header declares fields of length
// 0: each record would be a map of that many nils.
func zeroLengthFieldsDBF(fields, n int) []byte {
	var b bytes.Buffer
	b.Write([]byte{3, 126, 11, 22})
	le32(&b, int32(n))
	binary.Write(&b, binary.LittleEndian, uint16(32+32*fields+1))
	binary.Write(&b, binary.LittleEndian, uint16(1))
	b.Write(make([]byte, 20))
	for i := range fields {
		d := make([]byte, 32)
		copy(d, []byte{'f', byte('a' + i%26), byte('a' + i/26%26), byte('a' + i/676%26)})
		d[11] = 'C'
		b.Write(d)
	}
	b.WriteByte(0x0D)
	b.Write(bytes.Repeat([]byte{' '}, n))
	return b.Bytes()
}

// readAlloc reads the files from memory and returns the bytes allocated and the error.
func readAlloc(shp, shx, dbf, prj []byte) (uint64, error) {
	fsys := fstest.MapFS{"a.shp": {Data: shp}}
	if shx != nil {
		fsys["a.shx"] = &fstest.MapFile{Data: shx}
	}
	if dbf != nil {
		fsys["a.dbf"] = &fstest.MapFile{Data: dbf}
	}
	if prj != nil {
		fsys["a.prj"] = &fstest.MapFile{Data: prj}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadFS(fsys, "a.shp", "a.shp", nil)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// allocLimit is the documented bound for inputs of n bytes.
func allocLimit(n int) uint64 { return uint64(AllocPerByte*n + AllocOverhead) }

// TestReadAllocBound checks the documented bound on the seeds of FuzzReadFS, the worst inputs
// known.
func TestReadAllocBound(t *testing.T) {
	for _, s := range allocSeeds(t) {
		t.Run(s.name, func(t *testing.T) {
			n := len(s.shp) + len(s.shx) + len(s.dbf) + len(s.prj)
			got, err := readAlloc(s.shp, s.shx, s.dbf, s.prj)
			t.Logf("%d bytes in, %d allocated (%.1f per byte), error %v", n, got, float64(got)/float64(n), err)
			if got > allocLimit(n) {
				t.Errorf("%d bytes of input allocated %d bytes, more than %d (error %v)", n, got, allocLimit(n), err)
			}
		})
	}
}

// FuzzReadFS checks that no shapefile makes ReadFS panic, that an error comes without a
// layer, and that one call allocates at most AllocPerByte bytes per byte of input plus
// AllocOverhead.
func FuzzReadFS(f *testing.F) {
	for _, s := range allocSeeds(f) {
		f.Add(s.shp, s.shx, s.dbf, s.prj)
	}
	f.Fuzz(func(t *testing.T, shp, shx, dbf, prj []byte) {
		n := len(shp) + len(shx) + len(dbf) + len(prj)
		if got, err := readAlloc(shp, shx, dbf, prj); got > allocLimit(n) {
			t.Fatalf("%d bytes of input allocated %d bytes, more than %d (error %v)", n, got, allocLimit(n), err)
		}
		fsys := fstest.MapFS{"a.shp": {Data: shp}, "a.shx": {Data: shx}, "a.dbf": {Data: dbf}, "a.prj": {Data: prj}}
		l, err := ReadFS(fsys, "a.shp", "a.shp", nil)
		if (err == nil) == (l == nil) {
			t.Fatalf("layer %v with error %v", l, err)
		}
	})
}
