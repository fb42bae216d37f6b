package network

import (
	"context"
	"encoding/binary"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzBuild builds graphs from arbitrary ways (node ids, coordinates, tags drawn from the
// bytes) and searches them: Build returns a graph or an error, never panics, and every
// search answers within its limit.
func FuzzBuild(f *testing.F) {
	f.Add([]byte{3, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Add(make([]byte, 64))
	f.Fuzz(func(t *testing.T, data []byte) {
		tagsOf := []map[string]string{
			{"highway": "footway"}, {"highway": "service", "access": "private"},
			{"highway": "motorway"}, {"highway": "path", "area": "yes"},
		}
		var ways []Way
		for len(data) >= 3 && len(ways) < 50 {
			n := int(data[0] % 8)
			tag := tagsOf[int(data[1])%len(tagsOf)]
			data = data[2:]
			w := Way{ID: int64(len(ways)), Tags: tag}
			for i := 0; i < n && len(data) >= 3; i++ {
				id := int64(data[0] % 16)
				lon := float64(int8(data[1])) * 1e-4
				lat := float64(int8(data[2])) * 1e-4
				if data[1] == 0xff {
					lon = math.NaN()
				}
				w.Nodes = append(w.Nodes, id)
				w.Points = append(w.Points, orb.Point{116 + lon, 40 + lat})
				data = data[3:]
			}
			if len(data) > 0 && data[0] == 0xee && len(w.Points) > 0 {
				w.Points = w.Points[1:] // a way with fewer points than nodes
			}
			ways = append(ways, w)
		}
		g, err := Build(ways, nil)
		if err != nil {
			return
		}
		var src []Source
		for id := int64(0); id < 16; id += 5 {
			if l, ok := g.Locate(id); ok {
				src = append(src, Source{ID: id, At: l, Initial: float64(id)})
			}
		}
		limit := 50.0
		if len(data) >= 8 {
			limit = math.Abs(math.Float64frombits(binary.LittleEndian.Uint64(data)))
		}
		r, err := g.Search(context.Background(), src, limit)
		if err != nil {
			return
		}
		for _, n := range r.Within() {
			if !(n.Metres <= limit) {
				t.Fatalf("node %d at %v m beyond the limit %v", n.Node, n.Metres, limit)
			}
		}
		if l, _, ok := g.Snap(orb.Point{116, 40}, 100); ok {
			r.DistanceTo(l)
		}
	})
}
