package geojson

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// benchCollection returns a FeatureCollection of building-like polygons (24 vertices, six
// properties each, coordinates with 14 to 15 significant digits) whose GeoJSON is at least
// size bytes.
func benchCollection(b *testing.B, size int) (*geojson.FeatureCollection, []byte) {
	rng := rand.New(rand.NewPCG(10, 11))
	fc := &geojson.FeatureCollection{Type: "FeatureCollection"}
	var buf bytes.Buffer
	for i := 0; ; i++ {
		cx, cy := 121.4+rng.Float64()*0.2, 31.1+rng.Float64()*0.2
		ring := make(orb.Ring, 25)
		for j := range 24 {
			a := 2 * math.Pi * float64(j) / 24
			ring[j] = orb.Point{cx + 0.0003*math.Cos(a), cy + 0.0002*math.Sin(a)}
		}
		ring[24] = ring[0]
		fc.Features = append(fc.Features, &geojson.Feature{ID: "way/" + strconv.Itoa(i), Geometry: orb.Polygon{ring},
			Properties: geojson.Properties{"name": "第" + strconv.Itoa(i) + "号楼", "building": "residential",
				"levels": json.Number(strconv.Itoa(1 + i%7)), "area": json.Number("1234.50"), "year": json.Number("1992"), "walkup": i%2 == 0}})
		if i%1000 == 999 {
			buf.Reset()
			if err := Write(&buf, fc, nil); err != nil {
				b.Fatal(err)
			}
			if buf.Len() >= size {
				return fc, buf.Bytes()
			}
		}
	}
}

// BenchmarkRead10MB reads a 10 MB FeatureCollection of polygons.
func BenchmarkRead10MB(b *testing.B) {
	_, data := benchCollection(b, 10<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite10MB writes the same collection.
func BenchmarkWrite10MB(b *testing.B) {
	fc, data := benchCollection(b, 10<<20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, fc, nil); err != nil {
			b.Fatal(err)
		}
	}
}
