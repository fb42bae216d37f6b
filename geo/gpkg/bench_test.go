package gpkg

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// benchLayer returns 10,000 building polygons of 12 vertices with four properties.
func benchLayer() Layer {
	l := Layer{Name: "buildings", SRSID: 4490}
	for i := range 10000 {
		cx, cy := 121.4+float64(i%100)*0.002, 31.1+float64(i/100)*0.002
		ring := make(orb.Ring, 13)
		for j := range 12 {
			a := 2 * math.Pi * float64(j) / 12
			ring[j] = orb.Point{cx + 0.0004*math.Cos(a), cy + 0.0003*math.Sin(a)}
		}
		ring[12] = ring[0]
		l.Features = append(l.Features, &geojson.Feature{Geometry: orb.Polygon{ring}, Properties: geojson.Properties{
			"名称": "第" + strconv.Itoa(i) + "号楼", "storeys": 1 + i%7, "area": 1234.5, "walkup": i%2 == 0}})
	}
	return l
}

// BenchmarkWrite10kPolygons writes a GeoPackage of 10,000 polygons.
func BenchmarkWrite10kPolygons(b *testing.B) {
	l := benchLayer()
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := WriteFile(filepath.Join(dir, strconv.Itoa(i)+".gpkg"), fixedTime, l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead10kPolygons reads them back.
func BenchmarkRead10kPolygons(b *testing.B) {
	path := filepath.Join(b.TempDir(), "r.gpkg")
	if err := WriteFile(path, fixedTime, benchLayer()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		fc, err := r.ReadLayer("buildings")
		if err != nil || len(fc.Features) != 10000 {
			b.Fatal(err)
		}
		r.Close()
	}
}
