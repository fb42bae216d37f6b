package osm

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// PBFWay is a way for WritePBFForTest: its id, node ids and tags.
type PBFWay struct {
	ID    int64
	Nodes []int64
	Tags  map[string]string
}

// WritePBFForTest writes nodes (ids ascending, each with its lon/lat) and ways as osmium
// does: dense nodes 8,000 to a zlib block, one in 50 tagged barrier=gate, then the ways
// 8,000 to a block. It is for the external test package's benchmarks, which need
// internal/streetsynth (and it imports geo/network, which imports this package).
func WritePBFForTest(ids []int64, pts []orb.Point, ways []PBFWay) []byte {
	strs := []string{"", "barrier", "gate"}
	index := map[string]int64{"": 0, "barrier": 1, "gate": 2}
	str := func(s string) int64 {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = int64(len(strs))
		strs = append(strs, s)
		return index[s]
	}
	// The string table is per block; one table for all blocks is simpler and as valid.
	for _, w := range ways {
		for _, k := range sortedKeys(w.Tags) {
			str(k)
			str(w.Tags[k])
		}
	}
	out := pbfHeader()
	for start := 0; start < len(ids); start += 8000 {
		end := min(start+8000, len(ids))
		var dids, lats, lons, kv []int64
		var pid, plat, plon int64
		for i := start; i < end; i++ {
			lat := int64(math.Round(pts[i][1] * 1e7 / 100))
			lon := int64(math.Round(pts[i][0] * 1e7 / 100))
			dids, lats, lons = append(dids, ids[i]-pid), append(lats, lat-plat), append(lons, lon-plon)
			pid, plat, plon = ids[i], lat, lon
			if i%50 == 0 {
				kv = append(kv, 1, 2)
			}
			kv = append(kv, 0)
		}
		var m []byte
		m = appendBytesField(m, 1, pack(true, dids...))
		m = appendBytesField(m, 8, pack(true, lats...))
		m = appendBytesField(m, 9, pack(true, lons...))
		m = appendBytesField(m, 10, pack(false, kv...))
		out = append(out, zframe("OSMData", block(strs, 2, m))...)
	}
	for start := 0; start < len(ways); start += 8000 {
		var msgs [][]byte
		for _, w := range ways[start:min(start+8000, len(ways))] {
			var keys, vals []int64
			for _, k := range sortedKeys(w.Tags) {
				keys, vals = append(keys, str(k)), append(vals, str(w.Tags[k]))
			}
			msgs = append(msgs, wayMsg(w.ID, keys, vals, w.Nodes...))
		}
		out = append(out, zframe("OSMData", block(strs, 3, msgs...))...)
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
