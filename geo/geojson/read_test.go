package geojson

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func read(t *testing.T, s string, opts *ReadOptions) *Document {
	t.Helper()
	doc, err := Read(strings.NewReader(s), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return doc
}

func TestReadFeatureCollection(t *testing.T) {
	in := `{"type":"FeatureCollection","name":"小区",
	 "bbox":[121.5,31.2,121.6,31.3],
	 "features":[
	  {"type":"Feature","id":"way/123","geometry":{"type":"Polygon","coordinates":[[[121.5,31.2],[121.6,31.2],[121.6,31.3],[121.5,31.2]]]},
	   "properties":{"name":"陆家嘴小区","area":86.50,"big":9007199254740993,"built":1992,"walkup":true,"note":null,"tags":{"a":[1,"x"]}}},
	  {"type":"Feature","id":42,"geometry":null,"properties":null,"title":"foreign"},
	  {"properties":{},"geometry":{"type":"Point","coordinates":[1e-7,2]},"type":"Feature","bbox":[1,2,1,2]}
	 ]}`
	doc := read(t, in, nil)
	want := &Document{
		Type: "FeatureCollection",
		Collection: &geojson.FeatureCollection{
			Type:         "FeatureCollection",
			BBox:         geojson.BBox{121.5, 31.2, 121.6, 31.3},
			ExtraMembers: geojson.Properties{"name": "小区"},
			Features: []*geojson.Feature{
				{Type: "Feature", ID: "way/123",
					Geometry: orb.Polygon{{{121.5, 31.2}, {121.6, 31.2}, {121.6, 31.3}, {121.5, 31.2}}},
					Properties: geojson.Properties{"name": "陆家嘴小区", "area": json.Number("86.50"),
						"big": json.Number("9007199254740993"), "built": json.Number("1992"), "walkup": true, "note": nil,
						"tags": map[string]any{"a": []any{json.Number("1"), "x"}}}},
				{Type: "Feature", ID: json.Number("42"), Properties: geojson.Properties{}, ExtraMembers: geojson.Properties{"title": "foreign"}},
				{Type: "Feature", Geometry: orb.Point{1e-7, 2}, Properties: geojson.Properties{}, BBox: geojson.BBox{1, 2, 1, 2}},
			},
		},
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadTopLevelKinds(t *testing.T) {
	square := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	tests := []struct {
		in   string
		typ  string
		geom orb.Geometry
		id   any
		prop geojson.Properties
	}{
		{`{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"k":"v"}}`, "Feature", orb.Point{1, 2}, "a", geojson.Properties{"k": "v"}},
		{`{"type":"Feature","properties":{}}`, "Feature", nil, nil, geojson.Properties{}},
		{`{"type":"Point","coordinates":[1,2]}`, "Point", orb.Point{1, 2}, nil, geojson.Properties{}},
		{`{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}`, "MultiPoint", orb.MultiPoint{{1, 2}, {3, 4}}, nil, geojson.Properties{}},
		{`{"type":"LineString","coordinates":[[1,2],[3,4]]}`, "LineString", orb.LineString{{1, 2}, {3, 4}}, nil, geojson.Properties{}},
		{`{"type":"LineString","coordinates":[]}`, "LineString", orb.LineString{}, nil, geojson.Properties{}},
		{`{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[]]}`, "MultiLineString", orb.MultiLineString{{{1, 2}, {3, 4}}, {}}, nil, geojson.Properties{}},
		{`{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"}`, "Polygon", square, nil, geojson.Properties{}},
		{`{"type":"Polygon","coordinates":[]}`, "Polygon", orb.Polygon{}, nil, geojson.Properties{}},
		{`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}`, "MultiPolygon", orb.MultiPolygon{square}, nil, geojson.Properties{}},
		{`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"GeometryCollection","geometries":[]}]}`,
			"GeometryCollection", orb.Collection{orb.Point{1, 2}, orb.Collection{}}, nil, geojson.Properties{}},
	}
	for _, tc := range tests {
		doc := read(t, tc.in, nil)
		want := &Document{Type: tc.typ, Collection: &geojson.FeatureCollection{Type: "FeatureCollection",
			Features: []*geojson.Feature{{Type: "Feature", ID: tc.id, Geometry: tc.geom, Properties: tc.prop}}}}
		if diff := cmp.Diff(want, doc); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestReadCRS(t *testing.T) {
	tests := []struct {
		crs  string
		name string
		epsg int
	}{
		{`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}`, "urn:ogc:def:crs:EPSG::4490", 4490},
		{`{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}`, "urn:ogc:def:crs:OGC:1.3:CRS84", 4326},
		{`{"type":"name","properties":{"name":"EPSG:4549"}}`, "EPSG:4549", 4549},
		{`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG:6.6:4326"}}`, "urn:ogc:def:crs:EPSG:6.6:4326", 4326},
		{`{"type":"name","properties":{"name":"http://www.opengis.net/def/crs/EPSG/0/4547"}}`, "http://www.opengis.net/def/crs/EPSG/0/4547", 4547},
		{`{"type":"EPSG","properties":{"code":4490}}`, "", 4490},
		{`{"type":"name","properties":{"name":"local grid"}}`, "local grid", 0},
		{`{"type":"link","properties":{"href":"http://example.com/crs/42"}}`, "", 0},
	}
	for _, tc := range tests {
		doc := read(t, `{"type":"FeatureCollection","crs":`+tc.crs+`,"features":[]}`, nil)
		want := &CRS{Name: tc.name, EPSG: tc.epsg, Raw: json.RawMessage(tc.crs)}
		if diff := cmp.Diff(want, doc.CRS); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.crs, diff)
		}
		if _, ok := doc.Collection.ExtraMembers["crs"]; ok {
			t.Errorf("crs also kept as a foreign member")
		}
	}
	if doc := read(t, `{"type":"FeatureCollection","crs":null,"features":[]}`, nil); doc.CRS != nil {
		t.Errorf("null crs: got %+v, want nil", doc.CRS)
	}
	doc := read(t, `{"type":"Point","coordinates":[500000,4400000],"crs":{"type":"name","properties":{"name":"EPSG:4548"}}}`, nil)
	if doc.CRS == nil || doc.CRS.EPSG != 4548 {
		t.Errorf("crs on a bare geometry: got %+v", doc.CRS)
	}
}

func TestReadAltitude(t *testing.T) {
	in := `{"type":"LineString","coordinates":[[1,2,30],[3,4],[5,6,7,8]]}`
	doc := read(t, in, nil)
	if diff := cmp.Diff(orb.Geometry(orb.LineString{{1, 2}, {3, 4}, {5, 6}}), doc.Collection.Features[0].Geometry); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if doc.Altitudes != 2 {
		t.Errorf("Altitudes = %d, want 2", doc.Altitudes)
	}
	_, err := Read(strings.NewReader(in), &ReadOptions{RejectAltitude: true})
	if !errors.Is(err, ErrAltitude) || !strings.Contains(err.Error(), "line string position 0 has 3 numbers") {
		t.Errorf("RejectAltitude: error %v", err)
	}
}

func TestReadLax(t *testing.T) {
	in := `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}`
	if _, err := Read(strings.NewReader(in), nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("strict: error %v, want ErrInvalid", err)
	}
	doc := read(t, in, &ReadOptions{Lax: true})
	if diff := cmp.Diff(orb.Geometry(orb.Polygon{{{0, 0}, {1, 0}, {1, 1}}}), doc.Collection.Features[0].Geometry); diff != "" {
		t.Errorf("lax (-want +got):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	okFeature := `{"type":"Feature","geometry":null,"properties":null}`
	tests := []struct {
		name     string
		in       string
		opts     *ReadOptions
		sentinel error
		msg      string // the whole Error() text
	}{
		{"short ring", fc(okFeature, `{"type":"Feature","id":"way/123","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]},"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 1 (id "way/123", byte 93): polygon ring 0 has 3 positions, needs at least 4`},
		{"unclosed ring in a multipolygon", fc(`{"type":"Feature","id":7,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1]]]]},"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 0 (id 7, byte 40): multipolygon polygon 1 ring 0 is not closed: first position [0, 0], last [0, 1]`},
		{"one-point line", fc(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0]]},"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): line string has 1 position, needs at least 2`},
		{"position with one number", fc(`{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[0,0],[1]]},"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): multipoint position 1 has 1 number, needs at least 2`},
		{"string coordinate", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":["116.3",39.9]},"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): point: expected a number, found the string "116.3"`},
		{"coordinate out of range", `{"type":"Point","coordinates":[1e400,0]}`, nil,
			ErrInvalid, `geojson: byte 0: point: coordinate 1e400 is beyond the range of float64`},
		{"coordinates not an array", `{"type":"Polygon","coordinates":{}}`, nil,
			ErrInvalid, `geojson: byte 0: polygon: expected an array, found an object`},
		{"unknown geometry type", fc(`{"type":"Feature","id":"x","geometry":{"type":"Circle","coordinates":[0,0]},"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 0 (id "x", byte 40): unknown geometry type "Circle"`},
		{"geometry not an object", fc(`{"type":"Feature","geometry":[1,2],"properties":{}}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): geometry: expected an object, found an array`},
		{"geometry without coordinates", `{"type":"Point"}`, nil, ErrInvalid, `geojson: byte 0: Point without "coordinates"`},
		{"null collection member", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]},null]}`, nil,
			ErrInvalid, `geojson: byte 0: geometry collection member 1 is null`},
		{"bad collection member", `{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0,0]]}]}`, nil,
			ErrInvalid, `geojson: byte 0: geometry collection member 0: line string has 1 position, needs at least 2`},
		{"feature that is a geometry", fc(`{"type":"Point","coordinates":[0,0]}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): "type" is "Point", want "Feature"`},
		{"object id", fc(`{"type":"Feature","id":{"osm":1},"geometry":null,"properties":null}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): "id" is an object, want a string or a number (RFC 7946 §3.2)`},
		{"array properties", fc(`{"type":"Feature","id":"a","geometry":null,"properties":[1]}`), nil,
			ErrInvalid, `geojson: feature 0 (id "a", byte 40): "properties" is an array, want an object or null`},
		{"bbox of 3", fc(`{"type":"Feature","geometry":null,"properties":null,"bbox":[1,2,3]}`), nil,
			ErrInvalid, `geojson: feature 0 (byte 40): "bbox" has 3 numbers, want 4 (or 6 with altitude)`},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, nil,
			ErrInvalid, `geojson: byte 39: "features" is '{', want an array`},
		{"collection without features", `{"type":"FeatureCollection"}`, nil,
			ErrInvalid, `geojson: byte 0: FeatureCollection without "features"`},
		{"feature with features", `{"type":"Feature","features":[]}`, nil,
			ErrInvalid, `geojson: byte 0: a Feature with a "features" member`},
		{"no type", `{"coordinates":[0,0]}`, nil, ErrInvalid, `geojson: byte 0: no "type" member`},
		{"top-level array", `[1,2]`, nil, ErrInvalid, `geojson: byte 0: the top level is '[', want a GeoJSON object`},
		{"empty input", ``, nil, ErrSyntax, `geojson: byte 0: no JSON value (empty input)`},
		{"only whitespace", " \t\r\n ", nil, ErrSyntax, `geojson: byte 5: no JSON value (only whitespace, 5 bytes)`},
		{"byte order mark and whitespace", "\xef\xbb\xbf\n", nil, ErrSyntax, `geojson: byte 4: no JSON value (only whitespace, 4 bytes)`},
		{"whitespace past the limit", strings.Repeat(" ", 101), &ReadOptions{MaxBytes: 100},
			ErrTooLarge, `geojson: byte 100: input is longer than 100 bytes (ReadOptions.MaxBytes)`},
		{"whitespace then a value past the limit", strings.Repeat(" ", 100) + "{}", &ReadOptions{MaxBytes: 100},
			ErrTooLarge, `geojson: byte 100: input is longer than 100 bytes (ReadOptions.MaxBytes)`},
		{"trailing whitespace past the limit", `{"type":"Point","coordinates":[0,0]}` + strings.Repeat(" ", 100), &ReadOptions{MaxBytes: 100},
			ErrTooLarge, `geojson: byte 100: input is longer than 100 bytes (ReadOptions.MaxBytes)`},
		{"a string after the object", `{"type":"Point","coordinates":[0,0]}` + "\n\n" + `"x"`, nil,
			ErrSyntax, `geojson: byte 38: a string after the top-level object`},
		{"a brace after the object", `{"type":"Point","coordinates":[0,0]}}`, nil,
			ErrSyntax, `geojson: byte 36: '}' after the top-level object`},
		{"syntax error after leading whitespace", "  \n" + fc(okFeature, `{"type":"Feature",,}`), nil,
			ErrSyntax, `geojson: feature 1 (byte 114): invalid character ',' looking for beginning of object key string`},
		{"syntax error in a feature", fc(okFeature, `{"type":"Feature",,}`), nil,
			ErrSyntax, `geojson: feature 1 (byte 111): invalid character ',' looking for beginning of object key string`},
		{"truncated", fc(okFeature)[:60], nil, ErrSyntax, `geojson: byte 60: unexpected end of input`},
		{"data after the object", `{"type":"Point","coordinates":[0,0]} {}`, nil,
			ErrSyntax, `geojson: byte 37: '{' after the top-level object`},
		{"two features members", `{"type":"FeatureCollection","features":[],"features":[]}`, nil,
			ErrInvalid, `geojson: byte 42: a second "features" member`},
		{"syntax error after a byte order mark", "\xef\xbb\xbf" + fc(okFeature, `{"type":"Feature",,}`), nil,
			ErrSyntax, `geojson: feature 1 (byte 114): invalid character ',' looking for beginning of object key string`},
		{"too large", fc(okFeature, okFeature), &ReadOptions{MaxBytes: 100},
			ErrTooLarge, `geojson: byte 100: input is longer than 100 bytes (ReadOptions.MaxBytes)`},
		{"too many positions", fc(okFeature, `{"type":"Feature","id":"b","geometry":{"type":"LineString","coordinates":[[0,0],[1,1],[2,2]]},"properties":{}}`),
			&ReadOptions{MaxPositions: 2},
			ErrTooManyPositions, `geojson: feature 1 (id "b", byte 93): line string position 2: more than 2 positions in the document (ReadOptions.MaxPositions)`},
		{"too deep properties", fc(`{"type":"Feature","geometry":null,"properties":{"a":{"b":{"c":[[[1]]]}}}}`), &ReadOptions{MaxDepth: 8},
			ErrTooDeep, `geojson: feature 0 (byte 40): JSON nests 9 deep, more than 8 (ReadOptions.MaxDepth)`},
		{"too deep collection", `{"type":"GeometryCollection","geometries":[{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]}]}]}`,
			&ReadOptions{MaxDepth: 4}, ErrTooDeep, `geojson: byte 42: JSON nests 6 deep, more than 4 (ReadOptions.MaxDepth)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader(tc.in), tc.opts)
			if doc != nil {
				t.Errorf("document returned with error")
			}
			if !errors.Is(err, tc.sentinel) {
				t.Fatalf("error %v, want %v", err, tc.sentinel)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if err.Error() != tc.msg {
				t.Errorf("error\n got %s\nwant %s", err, tc.msg)
			}
		})
	}
}

func TestReadByteOrderMark(t *testing.T) {
	doc := read(t, "\xef\xbb\xbf"+`{"type":"Point","coordinates":[1,2]}`, nil)
	if diff := cmp.Diff(orb.Geometry(orb.Point{1, 2}), doc.Collection.Features[0].Geometry); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadReaderError(t *testing.T) {
	_, err := Read(failingReader{}, nil)
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("error %v, want the reader's error wrapped", err)
	}
}

// The error's fields are usable with errors.As.
func TestErrorFields(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
		{"type":"Feature","id":"a","geometry":null,"properties":{}},
		{"type":"Feature","id":"way/123","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]},"properties":{}}]}`
	_, err := Read(strings.NewReader(in), nil)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v", err)
	}
	want := int64(strings.Index(in, `{"type":"Feature","id":"way/123"`))
	if e.Feature != 1 || e.ID != "way/123" || e.Offset != want {
		t.Errorf("Feature %d, ID %v, Offset %d; want 1, way/123, %d", e.Feature, e.ID, e.Offset, want)
	}
}
