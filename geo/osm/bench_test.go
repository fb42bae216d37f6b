package osm

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"os"
	"testing"
)

// zframe writes one zlib-compressed PBF file block.
func zframe(typ string, raw []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw)
	zw.Close()
	var blob []byte
	blob = appendVarintField(blob, 2, uint64(len(raw)))
	blob = appendBytesField(blob, 3, z.Bytes())
	var hd []byte
	hd = appendBytesField(hd, 1, []byte(typ))
	hd = appendVarintField(hd, 3, uint64(len(blob)))
	out := binary.BigEndian.AppendUint32(nil, uint32(len(hd)))
	return append(append(out, hd...), blob...)
}

// cityPBF is a synthetic street grid of about n nodes as osmium writes it: dense nodes 8,000
// to a block (one in 50 tagged), then ways of 20 nodes along the rows, 8,000 to a block,
// zlib-compressed. Successive nodes sit up to 2e-5° apart in a pseudo-random walk, as OSM
// shape nodes do, so that the blocks compress as real ones (about 8 bytes a node).
func cityPBF(n int) []byte {
	out := pbfHeader()
	state := uint64(1)
	step := func() int64 {
		state = state*6364136223846793005 + 1442695040888963407
		return int64(state>>33)%401 - 200
	}
	strs := []string{"", "highway", "residential", "barrier", "gate", "name", "路"}
	for start := 0; start < n; start += 8000 {
		var ids, lats, lons, kv []int64
		for i := start; i < min(start+8000, n); i++ {
			ids = append(ids, 1)
			if i == start {
				ids[len(ids)-1] = int64(start + 1)
			}
			// granularity 100 nanodegrees: 1e-5° is 100 units.
			lats = append(lats, step())
			lons = append(lons, step())
			if i%50 == 0 {
				kv = append(kv, 3, 4)
			}
			kv = append(kv, 0)
		}
		lats[0], lons[0] = int64(399000000+start/1000), int64(1163000000+start/1000)
		var m []byte
		m = appendBytesField(m, 1, pack(true, ids...))
		m = appendBytesField(m, 8, pack(true, lats...))
		m = appendBytesField(m, 9, pack(true, lons...))
		m = appendBytesField(m, 10, pack(false, kv...))
		out = append(out, zframe("OSMData", block(strs, 2, m))...)
	}
	ways := n / 19
	for start := 0; start < ways; start += 8000 {
		var msgs [][]byte
		for w := start; w < min(start+8000, ways); w++ {
			refs := make([]int64, 20)
			for k := range refs {
				refs[k] = int64(w*19 + k + 1)
			}
			msgs = append(msgs, wayMsg(int64(w+1), []int64{1, 5}, []int64{2, 6}, refs...))
		}
		out = append(out, zframe("OSMData", block(strs, 3, msgs...))...)
	}
	return out
}

// BenchmarkReadPBF reads a synthetic city of a million nodes from PBF, and reports nodes per
// second.
func BenchmarkReadPBF(b *testing.B) {
	const n = 1_000_000
	in := cityPBF(n)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d, err := Read(bytes.NewReader(in), PBF, nil)
		if err != nil || d.NodeCount() != n {
			b.Fatal(err, d.NodeCount())
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
}

// BenchmarkReadExtract reads a real extract from XML and PBF and derives its features.
func BenchmarkReadExtract(b *testing.B) {
	for _, file := range []string{"map.osm", "map.osm.pbf"} {
		in, err := os.ReadFile(extract(b, extracts[1], file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(file, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			nodes := 0
			for b.Loop() {
				d, err := Read(bytes.NewReader(in), Detect, nil)
				if err != nil {
					b.Fatal(err)
				}
				d.Features()
				nodes = d.NodeCount()
			}
			b.ReportMetric(float64(nodes)*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
		})
	}
}

func TestCityPBF(t *testing.T) {
	in := cityPBF(20000)
	d, err := Read(bytes.NewReader(in), PBF, nil)
	if err != nil || d.NodeCount() != 20000 || len(d.Ways) != 20000/19 || len(d.TaggedNodes) != 400 {
		t.Fatalf("%v: %d nodes, %d ways, %d tagged", err, d.NodeCount(), len(d.Ways), len(d.TaggedNodes))
	}
	t.Logf("%d bytes, %.1f a node", len(in), float64(len(in))/20000)
}
