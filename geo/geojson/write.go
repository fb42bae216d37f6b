package geojson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// WriteOptions are the choices of Write. The zero value (or a nil pointer) writes plain
// RFC 7946.
type WriteOptions struct {
	// CRSName, if not empty, writes the legacy member
	// "crs":{"type":"name","properties":{"name":CRSName}}, such as
	// "urn:ogc:def:crs:EPSG::4490", for readers (QGIS, GDAL) that honour it. RFC 7946
	// GeoJSON is WGS84 and has no crs member: leave it empty for WGS84 output.
	CRSName string
}

// Write writes fc to w as an RFC 7946 FeatureCollection, one feature per line, in the order
// of fc.Features.
//
// Polygon rings are oriented as RFC 7946 §3.1.6 requires (exterior counter-clockwise, holes
// clockwise; see Rewind) without modifying fc. Coordinates are written with the fewest
// digits that read back to the same float64, so a round trip is exact. Output is
// deterministic: members come in a fixed order (type, id, bbox, geometry, properties, then
// foreign members sorted by name) and property keys sorted, so the same collection always
// gives the same bytes. orb.Ring and orb.Bound are written as Polygons, a nil geometry as
// null, nil properties as {}. HTML characters are not escaped, and Chinese text is written
// as UTF-8.
//
// Errors are *Error values wrapping ErrInvalid and naming the feature, for a NaN or
// infinite coordinate, an id that is not a string or number, a property value
// encoding/json cannot encode, a nil feature or a nil fc; or the error of w.
func Write(w io.Writer, fc *geojson.FeatureCollection, opts *WriteOptions) error {
	if fc == nil {
		return &Error{Feature: -1, Offset: -1, Err: ErrInvalid, Msg: "nil FeatureCollection"}
	}
	var o WriteOptions
	if opts != nil {
		o = *opts
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	fw := &featureWriter{}
	fw.enc = json.NewEncoder(&fw.val)
	fw.enc.SetEscapeHTML(false)

	b := append([]byte(nil), `{"type":"FeatureCollection"`...)
	if o.CRSName != "" {
		b = append(b, `,"crs":{"type":"name","properties":{"name":`...)
		b = strconv.AppendQuote(b, o.CRSName)
		b = append(b, "}}"...)
	}
	var err error
	if fc.BBox != nil {
		if b, err = fw.member(b, "bbox", fc.BBox); err != nil {
			return &Error{Feature: -1, Offset: -1, Err: ErrInvalid, Msg: "bbox: " + err.Error()}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(fc.ExtraMembers)) {
		if k == "type" || k == "features" || k == "bbox" || (k == "crs" && o.CRSName != "") {
			continue
		}
		if b, err = fw.member(b, k, fc.ExtraMembers[k]); err != nil {
			return &Error{Feature: -1, Offset: -1, Err: ErrInvalid, Msg: fmt.Sprintf("member %q: %v", k, err)}
		}
	}
	b = append(b, `,"features":[`...)
	for i, f := range fc.Features {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		if b, err = fw.feature(b, f); err != nil {
			var id any
			if f != nil {
				id = f.ID
			}
			return &Error{Feature: i, ID: id, Offset: -1, Err: ErrInvalid, Msg: err.Error()}
		}
		if len(b) > 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if len(fc.Features) > 0 {
		b = append(b, '\n')
	}
	b = append(b, "]}\n"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}

// featureWriter holds the buffers reused from one feature to the next.
type featureWriter struct {
	val bytes.Buffer
	enc *json.Encoder
}

// value appends v as JSON.
func (fw *featureWriter) value(b []byte, v any) ([]byte, error) {
	fw.val.Reset()
	if err := fw.enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimRight(fw.val.Bytes(), "\n")...), nil
}

// member appends ,"key":value.
func (fw *featureWriter) member(b []byte, key string, v any) ([]byte, error) {
	b = append(b, ',')
	b, err := fw.value(b, key)
	if err != nil {
		return b, err
	}
	b = append(b, ':')
	return fw.value(b, v)
}

func (fw *featureWriter) feature(b []byte, f *geojson.Feature) ([]byte, error) {
	if f == nil {
		return b, fmt.Errorf("nil feature")
	}
	b = append(b, `{"type":"Feature"`...)
	var err error
	switch id := f.ID.(type) {
	case nil:
	case string, json.Number, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		if b, err = fw.member(b, "id", id); err != nil {
			return b, fmt.Errorf("id: %v", err)
		}
	default:
		return b, fmt.Errorf("id is a %T; RFC 7946 §3.2 allows a string or a number", id)
	}
	if f.BBox != nil {
		if b, err = fw.member(b, "bbox", f.BBox); err != nil {
			return b, fmt.Errorf("bbox: %v", err)
		}
	}
	b = append(b, `,"geometry":`...)
	if b, err = appendGeometry(b, f.Geometry); err != nil {
		return b, err
	}
	b = append(b, `,"properties":`...)
	if len(f.Properties) == 0 {
		b = append(b, "{}"...)
	} else if b, err = fw.value(b, map[string]any(f.Properties)); err != nil {
		return b, fmt.Errorf("properties: %v", err)
	}
	for _, k := range slices.Sorted(maps.Keys(f.ExtraMembers)) {
		switch k {
		case "type", "id", "bbox", "geometry", "properties":
			continue
		}
		if b, err = fw.member(b, k, f.ExtraMembers[k]); err != nil {
			return b, fmt.Errorf("member %q: %v", k, err)
		}
	}
	return append(b, '}'), nil
}

// appendFloat appends f in the shortest form that parses back to f, as encoding/json
// writes float64.
func appendFloat(b []byte, f float64) []byte {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		b = strconv.AppendFloat(b, f, 'e', -1, 64)
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1] // 1e-07 → 1e-7
			b = b[:n-1]
		}
		return b
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

func appendPosition(b []byte, p orb.Point) ([]byte, error) {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return b, fmt.Errorf("position [%v, %v] is not finite; JSON has no NaN or infinity", p[0], p[1])
	}
	b = append(b, '[')
	b = appendFloat(b, p[0])
	b = append(b, ',')
	b = appendFloat(b, p[1])
	return append(b, ']'), nil
}

func appendPositions(b []byte, ps []orb.Point) ([]byte, error) {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendPosition(b, p); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendRing appends r counter-clockwise if ccw, else clockwise, reversing it on the fly
// when it runs the other way.
func appendRing(b []byte, r orb.Ring, ccw bool) ([]byte, error) {
	if a := signedArea2(r); a == 0 || (a > 0) == ccw {
		return appendPositions(b, r)
	}
	b = append(b, '[')
	for i := len(r) - 1; i >= 0; i-- {
		if i < len(r)-1 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendPosition(b, r[i]); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendPolygon(b []byte, p orb.Polygon) ([]byte, error) {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendRing(b, r, i == 0); err != nil {
			return b, fmt.Errorf("ring %d: %v", i, err)
		}
	}
	return append(b, ']'), nil
}

// appendGeometry appends g as a GeoJSON geometry object, or null for nil.
func appendGeometry(b []byte, g orb.Geometry) ([]byte, error) {
	var err error
	switch g := g.(type) {
	case nil:
		return append(b, "null"...), nil
	case orb.Point:
		b = append(b, `{"type":"Point","coordinates":`...)
		b, err = appendPosition(b, g)
	case orb.MultiPoint:
		b = append(b, `{"type":"MultiPoint","coordinates":`...)
		b, err = appendPositions(b, g)
	case orb.LineString:
		b = append(b, `{"type":"LineString","coordinates":`...)
		b, err = appendPositions(b, g)
	case orb.MultiLineString:
		b = append(b, `{"type":"MultiLineString","coordinates":[`...)
		for i, ls := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendPositions(b, ls); err != nil {
				return b, fmt.Errorf("line %d: %v", i, err)
			}
		}
		b = append(b, ']')
	case orb.Ring:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendPolygon(b, orb.Polygon{g})
	case orb.Polygon:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendPolygon(b, g)
	case orb.Bound:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, err = appendPolygon(b, g.ToPolygon())
	case orb.MultiPolygon:
		b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendPolygon(b, p); err != nil {
				return b, fmt.Errorf("polygon %d %v", i, err)
			}
		}
		b = append(b, ']')
	case orb.Collection:
		b = append(b, `{"type":"GeometryCollection","geometries":[`...)
		for i, m := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if m == nil {
				return b, fmt.Errorf("geometry collection member %d is nil", i)
			}
			if b, err = appendGeometry(b, m); err != nil {
				return b, fmt.Errorf("geometry collection member %d: %v", i, err)
			}
		}
		b = append(b, ']')
	default:
		return b, fmt.Errorf("geometry type %T is not one of orb's", g)
	}
	if err != nil {
		return b, err
	}
	return append(b, '}'), nil
}
