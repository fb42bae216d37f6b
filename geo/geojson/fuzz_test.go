package geojson

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

// FuzzRead checks that no input makes Read panic or exceed its limits, that one Read
// allocates at most readAllocPerByte bytes per byte of input plus readAllocSlack, and that
// whatever it accepts, Write writes and Read reads back to the same bytes.
func FuzzRead(f *testing.F) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 6 {
		fc := &geojson.FeatureCollection{Type: "FeatureCollection"}
		for i := range n {
			fc.Features = append(fc.Features, randomFeature(rng, i))
		}
		var b bytes.Buffer
		if err := Write(&b, fc, &WriteOptions{CRSName: "EPSG:4490"}); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	for _, s := range []string{
		`{"type":"Point","coordinates":[1,2,3]}`,
		`{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[]}]}`,
		`{"type":"Feature","id":1e400,"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[]]},"properties":{"a":[{"b":null}]}}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]},"properties":{}}]}`,
		`{"type":"FeatureCollection","features":[],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"x":"\u00e9\ud83d\ude00"}`,
	} {
		f.Add([]byte(s))
	}
	for _, tc := range memoryInputs() {
		if len(tc.in) <= 32<<10 {
			f.Add([]byte(tc.in))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []*ReadOptions{nil, {MaxBytes: 512, MaxPositions: 20, MaxDepth: 10, Lax: true}} {
			var doc *Document
			var err error
			got := memtest.Bound(t, len(data), readAllocPerByte, readAllocSlack, func() { doc, err = Read(bytes.NewReader(data), opts) })
			if testing.Verbose() {
				t.Logf("%d bytes: %d allocated (%.1f per byte), error %.80v", len(data), got, float64(got)/float64(max(len(data), 1)), err)
			}
			if err != nil {
				if doc != nil {
					t.Fatal("document with error")
				}
				if !strings.HasPrefix(err.Error(), "geojson: ") {
					t.Fatalf("error without prefix: %v", err)
				}
				continue
			}
			var out bytes.Buffer
			if err := Write(&out, doc.Collection, nil); err != nil {
				t.Fatalf("cannot write what was read: %v", err)
			}
			doc2, err := Read(bytes.NewReader(out.Bytes()), &ReadOptions{Lax: true, MaxDepth: 1000})
			if err != nil {
				t.Fatalf("cannot read what was written: %v\n%s", err, out.Bytes())
			}
			var out2 bytes.Buffer
			if err := Write(&out2, doc2.Collection, nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), out2.Bytes()) {
				t.Fatalf("round trip changed the output\n%s\n%s", out.Bytes(), out2.Bytes())
			}
		}
	})
}
