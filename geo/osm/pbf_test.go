package osm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// frame writes one PBF file block of type typ holding raw uncompressed.
func frame(typ string, raw []byte) []byte {
	var blob []byte
	blob = appendBytesField(blob, 1, raw)
	blob = appendVarintField(blob, 2, uint64(len(raw)))
	var hd []byte
	hd = appendBytesField(hd, 1, []byte(typ))
	hd = appendVarintField(hd, 3, uint64(len(blob)))
	out := binary.BigEndian.AppendUint32(nil, uint32(len(hd)))
	return append(append(out, hd...), blob...)
}

// pbfHeader is an OSMHeader block requiring what osmium writes.
func pbfHeader() []byte {
	var h []byte
	h = appendBytesField(h, 4, []byte("OsmSchema-V0.6"))
	h = appendBytesField(h, 4, []byte("DenseNodes"))
	return frame("OSMHeader", h)
}

// block builds a PrimitiveBlock of the strings and one group of the given messages (field
// 2 dense, 3 way, 4 relation; 1 a plain node).
func block(strs []string, field int, msgs ...[]byte) []byte {
	var st []byte
	for _, s := range strs {
		st = appendBytesField(st, 1, []byte(s))
	}
	var g []byte
	for _, m := range msgs {
		g = appendBytesField(g, field, m)
	}
	var b []byte
	b = appendBytesField(b, 1, st)
	b = appendBytesField(b, 2, g)
	return b
}

func pack(signed bool, vs ...int64) []byte {
	var b []byte
	for _, v := range vs {
		u := uint64(v)
		if signed {
			u = uint64(v<<1) ^ uint64(v>>63)
		}
		b = appendVarint(b, u)
	}
	return b
}

// way is a Way message.
func wayMsg(id int64, keys, vals []int64, refs ...int64) []byte {
	var m []byte
	m = appendVarintField(m, 1, uint64(id))
	m = appendBytesField(m, 2, pack(false, keys...))
	m = appendBytesField(m, 3, pack(false, vals...))
	// refs are delta coded
	var d []int64
	prev := int64(0)
	for _, r := range refs {
		d = append(d, r-prev)
		prev = r
	}
	m = appendBytesField(m, 8, pack(true, d...))
	return m
}

// dense is a DenseNodes message of nodes with ids (delta-coded here), at 0,0, with keysVals.
func denseMsg(ids []int64, keysVals []int64, info []byte) []byte {
	var d, zero []int64
	prev := int64(0)
	for _, id := range ids {
		d = append(d, id-prev)
		prev = id
		zero = append(zero, 0)
	}
	var m []byte
	m = appendBytesField(m, 1, pack(true, d...))
	if info != nil {
		m = appendBytesField(m, 5, info)
	}
	m = appendBytesField(m, 8, pack(true, zero...))
	m = appendBytesField(m, 9, pack(true, zero...))
	if keysVals != nil {
		m = appendBytesField(m, 10, pack(false, keysVals...))
	}
	return m
}

// TestPBFHostileBlocks: blocks that would make paulmach/osm's decoder panic or misread get
// an *Error naming the element.
func TestPBFHostileBlocks(t *testing.T) {
	strs := []string{"", "highway", "service", "name"}
	good := block(strs, 2, denseMsg([]int64{1, 2}, []int64{1, 2, 0, 0}, nil))
	for _, c := range []struct {
		name string
		file []byte
		is   error
		want string
	}{
		{"good", append(pbfHeader(), frame("OSMData", good)...), nil, ""},
		{"way key out of the string table", append(pbfHeader(), frame("OSMData", block(strs, 3, wayMsg(77, []int64{9}, []int64{2}, 1, 2)))...), ErrFormat, "way 77: "},
		{"way keys and values", append(pbfHeader(), frame("OSMData", block(strs, 3, wayMsg(78, []int64{1, 3}, []int64{2}, 1, 2)))...), ErrFormat, "way 78: osm: malformed input: 2 keys but 1 values"},
		{"plain node", append(pbfHeader(), frame("OSMData", block(strs, 1, appendVarintField(nil, 1, 2)))...), ErrFormat, "plain (non-dense) nodes"},
		{"dense tag out of table", append(pbfHeader(), frame("OSMData", block(strs, 2, denseMsg([]int64{5, 6}, []int64{0, 1, 40, 0}, nil)))...), ErrFormat, "node 6: "},
		{"dense tags for too few nodes", append(pbfHeader(), frame("OSMData", block(strs, 2, denseMsg([]int64{5, 6}, []int64{1, 2, 0}, nil)))...), ErrFormat, "tags for 1 of 2 nodes"},
		{"dense user out of table", append(pbfHeader(), frame("OSMData", block(strs, 2, denseMsg([]int64{5, 6}, nil,
			appendBytesField(nil, 5, pack(true, 1, 30)))))...), ErrFormat, "node 6: osm: malformed input: user string"},
		{"relation arrays", append(pbfHeader(), frame("OSMData", block(strs, 4, append(appendVarintField(nil, 1, 9),
			appendBytesField(appendBytesField(nil, 8, pack(false, 0, 0)), 9, pack(true, 1))...)))...), ErrFormat, "relation 9: osm: malformed input: 2 roles, 1 member ids and 0 member types"},
		{"no header", frame("OSMData", good), ErrFormat, "not OSMHeader"},
		{"lzma", append(pbfHeader(), func() []byte {
			var blob []byte
			blob = appendBytesField(blob, 4, []byte("xx"))
			var hd []byte
			hd = appendBytesField(hd, 1, []byte("OSMData"))
			hd = appendVarintField(hd, 3, uint64(len(blob)))
			return append(append(binary.BigEndian.AppendUint32(nil, uint32(len(hd))), hd...), blob...)
		}()...), ErrFormat, "lzma, which is not supported"},
		{"huge declared blob", append(pbfHeader(), func() []byte {
			var hd []byte
			hd = appendBytesField(hd, 1, []byte("OSMData"))
			hd = appendVarintField(hd, 3, 1<<40)
			return append(binary.BigEndian.AppendUint32(nil, uint32(len(hd))), hd...)
		}()...), ErrTooLarge, "blob of 1099511627776 bytes"},
		{"huge header", append(pbfHeader(), 0xff, 0xff, 0xff, 0xff), ErrFormat, "block header of 4294967295 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := Read(bytes.NewReader(c.file), PBF, nil)
			if c.is == nil {
				if err != nil || d.NodeCount() != 2 || len(d.TaggedNodes) != 1 || d.TaggedNodes[0].Tags["highway"] != "service" {
					t.Fatalf("good block: %v, %+v", err, d)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an *Error wrapping %v containing %q", err, c.is, c.want)
			}
		})
	}
}

// TestTruncatedPBF cuts a real PBF file at many places: each gets an *Error that says it is
// truncated and names the block.
func TestTruncatedPBF(t *testing.T) {
	b, err := os.ReadFile(extract(t, extracts[0], "map.osm.pbf"))
	if err != nil {
		t.Fatal(err)
	}
	for cut := 1; cut < len(b); cut += len(b)/97 + 1 {
		_, err := Read(bytes.NewReader(b[:cut]), Detect, nil)
		var e *Error
		if cut < 14 {
			// Too short to tell it is PBF.
			if !errors.As(err, &e) {
				t.Errorf("cut at %d: %v", cut, err)
			}
			continue
		}
		if !errors.As(err, &e) || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "truncated") || e.Format != PBF {
			t.Errorf("cut at %d: %v", cut, err)
		}
	}
	_, err = Read(bytes.NewReader(b[:len(b)-10]), Detect, nil)
	t.Log(err)
}

// junk is n pseudo-random bytes after a prefix, made as they are read.
type junk struct {
	prefix []byte
	n      int64
	state  uint64
	read   int64
}

func (j *junk) Read(p []byte) (int, error) {
	if len(j.prefix) > 0 {
		k := copy(p, j.prefix)
		j.prefix = j.prefix[k:]
		return k, nil
	}
	if j.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > j.n {
		p = p[:j.n]
	}
	for i := range p {
		j.state = j.state*6364136223846793005 + 1442695040888963407
		p[i] = byte(j.state >> 56)
	}
	j.n -= int64(len(p))
	j.read += int64(len(p))
	return len(p), nil
}

// repeat is n bytes repeating pattern after a prefix.
type repeat struct {
	prefix  []byte
	pattern []byte
	n       int64
	off     int
}

func (r *repeat) Read(p []byte) (int, error) {
	if len(r.prefix) > 0 {
		k := copy(p, r.prefix)
		r.prefix = r.prefix[k:]
		return k, nil
	}
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = r.pattern[r.off]
		r.off = (r.off + 1) % len(r.pattern)
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// TestJunkBoundedMemory streams 200 MB of junk, behind an XML or PBF start, through Read:
// each gets a clear error, and reading allocates a bounded amount whatever the length.
func TestJunkBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 200 MB")
	}
	size := int64(200 << 20)
	if raceEnabled {
		size = 20 << 20 // the race detector makes reading ten times slower
	}
	// One PBF block header declaring a 30 MB blob of junk.
	pbfJunk := func() []byte {
		var hd []byte
		hd = appendBytesField(hd, 1, []byte("OSMData"))
		hd = appendVarintField(hd, 3, 30<<20)
		return append(append(pbfHeader(), binary.BigEndian.AppendUint32(nil, uint32(len(hd)))...), hd...)
	}()
	// 200 MB of empty data blocks, and of blocks of one node each.
	empty := frame("OSMData", nil)
	emptyBlocks := &repeat{prefix: pbfHeader(), pattern: empty, n: size}
	tiny := frame("OSMData", block([]string{""}, 2, denseMsg([]int64{1}, nil, nil)))
	tinyBlocks := &repeat{prefix: pbfHeader(), pattern: tiny, n: size}
	for _, c := range []struct {
		name   string
		r      io.Reader
		is     error
		want   string
		budget uint64 // peak heap growth at most, bytes
	}{
		{"random", &junk{n: size, state: 1}, ErrFormat, "neither OSM XML nor PBF", 1 << 20},
		{"PBF then random", &junk{prefix: pbfJunk, n: size, state: 2}, ErrFormat, "blob", 80 << 20},
		{"PBF of empty blocks", emptyBlocks, ErrTooLarge, "more elements", 40 << 20},
		{"PBF of one-node blocks", tinyBlocks, ErrTooLarge, "more elements", 192 << 20},
		{"XML then random", &junk{prefix: []byte(`<?xml version="1.0"?><osm version="0.6">`), n: size, state: 3}, ErrFormat, "XML", 4 << 20},
		{"XML of comments, cut short", &repeat{prefix: []byte(`<osm>`), pattern: []byte("<!-- junk junk junk -->\n"), n: size - 5}, ErrFormat, "truncated", 8 << 20},
		{"XML with one endless attribute", &repeat{prefix: []byte(`<osm><node id="1" lat="0" lon="0" user="`), pattern: []byte("abcdefgh"), n: size}, ErrTooLarge, "without a '>'", 8 << 20},
		{"XML endless nesting", &repeat{prefix: []byte(`<osm>`), pattern: []byte("<a>"), n: size}, ErrTooLarge, "nested deeper", 4 << 20},
		{"XML endless text", &repeat{prefix: []byte(`<osm>`), pattern: []byte("text "), n: size}, ErrTooLarge, "without a '>'", 8 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			peak := peakHeap(func() { _, err = Read(c.r, Detect, nil) })
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an *Error wrapping %v containing %q", err, c.is, c.want)
			}
			if peak > c.budget {
				t.Errorf("heap grew by %d bytes, more than %d", peak, c.budget)
			}
			t.Logf("%v; heap peak +%d KiB", err, peak>>10)
		})
	}
}

// peakHeap runs f and returns by how much the live heap grew at most while it ran, sampled
// every millisecond.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base && m.HeapAlloc-base > peak {
				peak = m.HeapAlloc - base
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	<-sampled
	return peak
}
