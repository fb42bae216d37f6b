package shp

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A tiny shapefile writer for the tests: shapes as raw record contents, fields and records
// as strings already padded or not, encoded with enc (nil for UTF-8).

type field struct {
	name string
	typ  byte
	len  int
}

func le32(b *bytes.Buffer, v int32)  { binary.Write(b, binary.LittleEndian, v) }
func be32(b *bytes.Buffer, v int32)  { binary.Write(b, binary.BigEndian, v) }
func f64(b *bytes.Buffer, v float64) { binary.Write(b, binary.LittleEndian, math.Float64bits(v)) }
func box(b *bytes.Buffer, pts []orb.Point) {
	bd := orb.MultiPoint(pts).Bound()
	f64(b, bd.Min[0])
	f64(b, bd.Min[1])
	f64(b, bd.Max[0])
	f64(b, bd.Max[1])
}

// pointRec is a Point record's content.
func pointRec(p orb.Point) []byte {
	var b bytes.Buffer
	le32(&b, typePoint)
	f64(&b, p[0])
	f64(&b, p[1])
	return b.Bytes()
}

// polyRec is a PolyLine or Polygon (Z when z) record's content with the given parts.
func polyRec(typ int32, parts ...[]orb.Point) []byte {
	var b bytes.Buffer
	le32(&b, typ)
	var all []orb.Point
	for _, p := range parts {
		all = append(all, p...)
	}
	box(&b, all)
	le32(&b, int32(len(parts)))
	le32(&b, int32(len(all)))
	n := 0
	for _, p := range parts {
		le32(&b, int32(n))
		n += len(p)
	}
	for _, p := range all {
		f64(&b, p[0])
		f64(&b, p[1])
	}
	if typ == typePolygonZ || typ == typePolyLineZ {
		for range 2 { // Z range, then M range
			f64(&b, 0)
			f64(&b, 10)
			for i := range all {
				f64(&b, float64(i))
			}
		}
	}
	return b.Bytes()
}

func nullRec() []byte {
	var b bytes.Buffer
	le32(&b, typeNull)
	return b.Bytes()
}

// shpBytes is a .shp of the given type and record contents.
func shpBytes(typ int32, recs ...[]byte) []byte {
	var body bytes.Buffer
	for i, r := range recs {
		be32(&body, int32(i+1))
		be32(&body, int32(len(r)/2))
		body.Write(r)
	}
	var b bytes.Buffer
	be32(&b, 9994)
	b.Write(make([]byte, 20))
	be32(&b, int32((100+body.Len())/2))
	le32(&b, 1000)
	le32(&b, typ)
	b.Write(make([]byte, 64))
	b.Write(body.Bytes())
	return b.Bytes()
}

// dbfBytes is a .dbf with the fields and records (values as strings, in UTF-8), encoded to GBK
// when gbk; ldid is header byte 29; a record starting with "*" is deleted.
func dbfBytes(t testing.TB, gbk bool, ldid byte, fields []field, recs ...[]string) []byte {
	enc := func(s string) []byte {
		if !gbk {
			return []byte(s)
		}
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	recLen := 1
	for _, f := range fields {
		recLen += f.len
	}
	var b bytes.Buffer
	b.Write([]byte{3, 126, 11, 22})
	le32(&b, int32(len(recs)))
	binary.Write(&b, binary.LittleEndian, uint16(32+32*len(fields)+1))
	binary.Write(&b, binary.LittleEndian, uint16(recLen))
	hdr := make([]byte, 20)
	hdr[17] = ldid // byte 29 of the file
	b.Write(hdr)
	for _, f := range fields {
		d := make([]byte, 32)
		copy(d[:11], cutName(enc(f.name), gbk))
		d[11] = f.typ
		d[16] = byte(f.len)
		b.Write(d)
	}
	b.WriteByte(0x0D)
	for _, r := range recs {
		flag := byte(' ')
		if len(r) > 0 && r[0] == "*" {
			flag, r = '*', r[1:]
		}
		b.WriteByte(flag)
		for i, f := range fields {
			v := enc(r[i])
			cell := bytes.Repeat([]byte{' '}, f.len)
			if f.typ == 'N' || f.typ == 'F' {
				copy(cell[f.len-len(v):], v)
			} else {
				copy(cell, v)
			}
			b.Write(cell)
		}
	}
	b.WriteByte(0x1A)
	return b.Bytes()
}

// write writes the files of a shapefile into dir: ext → content.
func write(t testing.TB, dir, stem string, files map[string][]byte) string {
	t.Helper()
	for ext, b := range files {
		if err := os.WriteFile(filepath.Join(dir, stem+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, stem+".shp")
}

// cutName cuts a field name to 10 bytes as ArcGIS does; in UTF-8 mid-character when it falls
// there.
func cutName(b []byte, gbk bool) []byte {
	if len(b) > 10 {
		b = b[:10]
	}
	return b
}
