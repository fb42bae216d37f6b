package osm

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

// fuzzOptions keep fuzzed inputs small.
var fuzzOptions = &ReadOptions{MaxBytes: 1 << 20, MaxElements: 1 << 16, MaxTokenBytes: 1 << 12, MaxBlobBytes: 1 << 20}

// FuzzReadXML feeds arbitrary bytes to the XML reader and derives features from what it
// accepts: errors are fine, panics are not.
func FuzzReadXML(f *testing.F) {
	f.Add([]byte(featuresDoc))
	f.Add([]byte(`<osm><node id="1" lat="1" lon="2"><tag k="a" v="b"/><tag k="a" v="c"/></node><way id="2"><nd ref="1"/><nd ref="1"/></way></osm>`))
	f.Add([]byte(`<osm><relation id="3"><member type="way" ref="2" role="outer"/><tag k="type" v="multipolygon"/><tag k="building" v="yes"/></relation></osm>`))
	if b, err := os.ReadFile(extractPath(extracts[0], "map.osm")); err == nil {
		f.Add(b[:8192])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Read(bytes.NewReader(b), XML, fuzzOptions)
		if err != nil {
			return
		}
		d.Features()
	})
}

// FuzzReadPBF feeds arbitrary bytes to the PBF reader, seeded with a real file and a
// truncated copy.
func FuzzReadPBF(f *testing.F) {
	if b, err := os.ReadFile(extractPath(extracts[0], "map.osm.pbf")); err == nil {
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add(append(pbfHeader(), frame("OSMData", block([]string{"", "k", "v"}, 2, denseMsg([]int64{1, 2}, []int64{1, 2, 0, 0}, nil)))...))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Read(bytes.NewReader(b), PBF, fuzzOptions)
		if err != nil {
			return
		}
		d.Features()
	})
}

// FuzzPBFBlock frames arbitrary bytes as an uncompressed data block after a header, so that
// the fuzzer mutates what the block checker and the decoder read rather than zlib streams.
// Seeded with every block of a real file.
func FuzzPBFBlock(f *testing.F) {
	if b, err := os.ReadFile(extractPath(extracts[0], "map.osm.pbf")); err == nil {
		for _, raw := range rawBlocks(f, b) {
			f.Add(raw)
		}
	}
	f.Add(block([]string{"", "k", "v"}, 3, wayMsg(7, []int64{1}, []int64{2}, 1, 2, 1)))
	f.Add(block([]string{"", "outer", "type", "multipolygon"}, 4, append(appendVarintField(nil, 1, 9),
		appendBytesField(appendBytesField(appendBytesField(nil, 8, pack(false, 1)), 9, pack(true, 7)), 10, pack(false, 1))...)))
	head := pbfHeader()
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := Read(bytes.NewReader(append(append([]byte(nil), head...), frame("OSMData", raw)...)), PBF, fuzzOptions)
		if err != nil {
			return
		}
		d.Features()
	})
}

// rawBlocks returns the inflated data blocks of a PBF file.
func rawBlocks(tb testing.TB, b []byte) [][]byte {
	g := &pbfGuard{r: bytes.NewReader(b), maxBlob: DefaultMaxBlobBytes, budget: DefaultMaxElements}
	var out [][]byte
	for {
		if err := g.nextBlock(); err != nil {
			break
		}
		if g.blocks == 1 || len(g.out) == 0 {
			g.out = nil
			continue
		}
		hl := binary.BigEndian.Uint32(g.out)
		w := wire{b: g.out[4+hl:]}
		for fld, typ, ok := w.next(); ok; fld, typ, ok = w.next() {
			if fld == 1 {
				p, _ := w.bytes()
				out = append(out, bytes.Clone(p))
			} else {
				w.skip(typ)
			}
		}
		g.out = nil
	}
	if len(out) == 0 {
		tb.Fatal("no blocks")
	}
	return out
}
