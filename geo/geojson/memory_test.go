package geojson

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xiaoqu/xiaoqu/internal/memtest"
)

// readAllocPerByte is the memory bound Read documents, in bytes allocated per byte read,
// with about twice the room the worst input found needs: a collection's foreign members
// `"ab":0,`, each a key and a value kept twice (the raw member, then the decoded one), in
// maps that double as they grow, need 89 at 3,799 members; arrays of {"":0} or of 0 in
// properties, each element an interface in a slice that grows by a quarter, 72 and 63.
// readAllocSlack is the constant besides: the buffers of bufio, encoding/json and the
// check of what follows the top-level object, 38 KiB.
const (
	readAllocPerByte = 200
	readAllocSlack   = 64 << 10
)

// collection is a FeatureCollection of the features.
func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

// repeat is n copies of s joined by sep.
func repeat(s string, n int, sep string) string {
	return strings.TrimSuffix(strings.Repeat(s+sep, n), sep)
}

// shortKey is the i-th of the shortest member names that need no escape.
func shortKey(i int) string {
	const digits = "#$%&'()*+-./0123456789;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~!"
	var b []byte
	for {
		b = append(b, digits[i%len(digits)])
		i /= len(digits)
		if i == 0 {
			return string(b)
		}
		i--
	}
}

// shortMembers is n members with distinct short names, each of value val.
func shortMembers(n int, val string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"%s":%s`, shortKey(i), val)
	}
	return b.String()
}

// memoryInputs are the inputs that cost Read most memory per byte, found by measuring:
// many small features, members and array elements (at the counts just past a map's or
// slice's growth where that is worst), long geometries, nesting, and errors late in a long
// input.
func memoryInputs() []struct{ name, in string } {
	const n = 20000
	pt := `{"type":"Point","coordinates":[0,0]}`
	return []struct{ name, in string }{
		{"tiny features", collection(repeat(`{"type":"Feature"}`, n, ","))},
		{"null geometry features", collection(repeat(`{"type":"Feature","geometry":null,"properties":{}}`, n, ","))},
		{"point features", collection(repeat(`{"type":"Feature","id":1,"geometry":`+pt+`,"properties":{"a":1}}`, n, ","))},
		{"collection members", `{"type":"FeatureCollection","features":[],` + shortMembers(3799, "0") + `}`},
		{"collection members of {}", `{"type":"FeatureCollection","features":[],` + shortMembers(3799, "{}") + `}`},
		{"feature members", collection(`{"type":"Feature",` + shortMembers(3799, "0") + `}`)},
		{"properties", collection(`{"type":"Feature","properties":{` + shortMembers(1871, "0") + `}}`)},
		{"property nulls", collection(`{"type":"Feature","properties":{` + shortMembers(n, "null") + `}}`)},
		{"array of {\"\":0}", collection(`{"type":"Feature","properties":{"a":[` + repeat(`{"":0}`, 185433, ",") + `]}}`)},
		{"array of zeros", collection(`{"type":"Feature","properties":{"a":[` + repeat("0", 185433, ",") + `]}}`)},
		{"array of empty strings", collection(`{"type":"Feature","properties":{"a":[` + repeat(`""`, 185433, ",") + `]}}`)},
		{"array of empty arrays", collection(`{"type":"Feature","properties":{"a":[` + repeat("[]", n, ",") + `]}}`)},
		{"array of empty objects", collection(`{"type":"Feature","properties":{"a":[` + repeat("{}", n, ",") + `]}}`)},
		{"nested arrays", collection(`{"type":"Feature","properties":{"a":` + strings.Repeat("[", 28) + strings.Repeat("]", 28) + `}}`)},
		{"escaped string", collection(`{"type":"Feature","properties":{"a":"` + strings.Repeat(`\u00e9`, n) + `"}}`)},
		{"multipoint", `{"type":"MultiPoint","coordinates":[` + repeat("[0,0]", n, ",") + `]}`},
		{"positions with altitude", `{"type":"LineString","coordinates":[` + repeat("[0,0,0]", n, ",") + `]}`},
		{"one-point lines", `{"type":"MultiLineString","coordinates":[` + repeat("[[0,0]]", n, ",") + `]}`},
		{"empty lines", `{"type":"MultiLineString","coordinates":[` + repeat("[]", n, ",") + `]}`},
		{"empty polygons", `{"type":"MultiPolygon","coordinates":[` + repeat("[]", n, ",") + `]}`},
		{"one-point polygons", `{"type":"MultiPolygon","coordinates":[` + repeat("[[[0,0]]]", n, ",") + `]}`},
		{"collection of points", `{"type":"GeometryCollection","geometries":[` + repeat(pt, n, ",") + `]}`},
		{"nested collections", `{"type":"GeometryCollection","geometries":[` + repeat(`{"type":"GeometryCollection","geometries":[]}`, n, ",") + `]}`},
		{"syntax error at the end", collection(repeat(`{"type":"Feature","geometry":`+pt+`,"properties":{"a":1}}`, n, ","), `{"type":"Feature",]}`)},
		{"syntax error in a long feature", collection(`{"type":"Feature","properties":{"a":[` + repeat("0", n, ",") + `,]}}`)},
		{"duplicate member at the end", collection(`{"type":"Feature","properties":{` + shortMembers(n, "0") + `,"#":1}}`)},
		{"spaces", strings.Repeat(" ", n) + `{"type":"Point",` + strings.Repeat(" ", n) + `"coordinates":[0,0]}` + strings.Repeat(" ", n)},
	}
}

// TestReadMemoryBound checks the documented memory bound on the worst inputs known, with
// and without Lax, and that Read accepts those meant to be valid (a bound met by failing
// early would prove nothing).
func TestReadMemoryBound(t *testing.T) {
	for _, tc := range memoryInputs() {
		for _, opts := range []*ReadOptions{nil, {Lax: true}} {
			var err error
			got := memtest.Bound(t, len(tc.in), readAllocPerByte, readAllocSlack, func() { _, err = Read(strings.NewReader(tc.in), opts) })
			t.Logf("%-30s lax=%-5v %8d bytes, %9d allocated (%5.1f per byte), error %.50v",
				tc.name, opts != nil, len(tc.in), got, float64(got)/float64(len(tc.in)), err)
			if err != nil && !strings.Contains(tc.name, "error") && !strings.Contains(tc.name, "duplicate") && (opts != nil || !strings.Contains(tc.name, "one-point")) {
				t.Errorf("%s: %v", tc.name, err)
			}
		}
	}
}
