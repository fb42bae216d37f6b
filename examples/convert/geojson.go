package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xiaoqu/xiaoqu/internal/jsondup"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// This file reads and writes GeoJSON (RFC 7946) keeping everything but the coordinates as the
// input had it: every member of the collection and of each feature, in the input's order, with
// its JSON text unchanged (only whitespace is removed). Properties are never decoded into a Go
// map, so their order survives and a number such as 1234567890123456789 keeps all its digits.
// Positions must have two numbers; a third (altitude) is an error unless dropZ is set, so that
// nothing is lost in silence.

// member is one "key": value pair of a JSON object, the value as raw JSON text.
type member struct {
	key string
	raw json.RawMessage
}

// feature is one GeoJSON Feature: its members in input order (the geometry member's raw value
// is replaced on output) and its geometry decoded.
type feature struct {
	members  []member
	geometry orb.Geometry // nil for a null geometry
}

// document is a FeatureCollection: its top-level members other than "type", "features",
// "bbox" and "crs", in input order, and its features.
type document struct {
	members  []member
	crs      string // the legacy "crs" member's name, if any (e.g. "urn:ogc:def:crs:EPSG::4490")
	features []feature
}

// readOptions bound and steer the reader.
type readOptions struct {
	dropZ    bool // accept positions with a third number and drop it
	maxDepth int  // deepest GeometryCollection nesting accepted
}

// errDecode marks input that is not GeoJSON as this program reads it.
var errDecode = errors.New("not valid GeoJSON")

// decodeError says where in the input a problem is: "features[3]: geometry: ...".
func decodeError(where string, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if where != "" {
		msg = where + ": " + msg
	}
	return fmt.Errorf("%s: %w", msg, errDecode)
}

// readDocument parses a FeatureCollection, a single Feature or a bare geometry. A Feature
// becomes a collection of one; a geometry becomes one feature with null properties.
func readDocument(data []byte, opt readOptions) (*document, error) {
	members, err := objectMembers(data)
	if err != nil {
		return nil, decodeError("", "%v", err)
	}
	typ, err := typeOf(members)
	if err != nil {
		return nil, decodeError("", "%v", err)
	}
	doc := &document{}
	switch typ {
	case "FeatureCollection":
		var featuresRaw json.RawMessage
		for _, m := range members {
			switch m.key {
			case "type", "bbox":
			case "features":
				featuresRaw = m.raw
			case "crs":
				doc.crs = crsName(m.raw)
			default:
				doc.members = append(doc.members, m)
			}
		}
		if featuresRaw == nil {
			return nil, decodeError("", `a FeatureCollection needs a "features" member`)
		}
		var raws []json.RawMessage
		if err := json.Unmarshal(featuresRaw, &raws); err != nil {
			return nil, decodeError("features", "want an array of features: %v", err)
		}
		doc.features = make([]feature, len(raws))
		for i, raw := range raws {
			where := "features[" + strconv.Itoa(i) + "]"
			f, err := readFeature(raw, where, opt)
			if err != nil {
				return nil, err
			}
			doc.features[i] = f
		}
	case "Feature":
		f, err := readFeature(data, "feature", opt)
		if err != nil {
			return nil, err
		}
		// A top-level Feature's legacy "crs" is the document's, as it is a collection's: it
		// is checked against -from and written anew for the output's CRS, not copied.
		kept := f.members[:0]
		for _, m := range f.members {
			if m.key == "crs" {
				doc.crs = crsName(m.raw)
				continue
			}
			kept = append(kept, m)
		}
		f.members = kept
		doc.features = []feature{f}
	default:
		g, err := readGeometry(data, "geometry", opt, 0)
		if err != nil {
			return nil, err
		}
		doc.features = []feature{{members: []member{{"geometry", nil}, {"properties", json.RawMessage("null")}}, geometry: g}}
	}
	return doc, nil
}

func readFeature(raw []byte, where string, opt readOptions) (feature, error) {
	members, err := objectMembers(raw)
	if err != nil {
		return feature{}, decodeError(where, "%v", err)
	}
	typ, err := typeOf(members)
	if err != nil || typ != "Feature" {
		return feature{}, decodeError(where, `want an object with "type": "Feature"`)
	}
	f := feature{}
	hasGeometry, hasProperties := false, false
	for _, m := range members {
		switch m.key {
		case "type", "bbox":
			continue // bbox would be stale after the transform
		case "geometry":
			hasGeometry = true
			g, err := readGeometry(m.raw, where+": geometry", opt, 0)
			if err != nil {
				return feature{}, err
			}
			f.geometry = g
		case "properties":
			hasProperties = true
		}
		f.members = append(f.members, m)
	}
	// RFC 7946 §3.2: a Feature has both members; supply null where the input left them out.
	if !hasGeometry {
		f.members = append(f.members, member{"geometry", nil})
	}
	if !hasProperties {
		f.members = append(f.members, member{"properties", json.RawMessage("null")})
	}
	return f, nil
}

// readGeometry decodes a GeoJSON geometry object, or null, into an orb geometry.
func readGeometry(raw []byte, where string, opt readOptions, depth int) (orb.Geometry, error) {
	if isNull(raw) {
		return nil, nil
	}
	members, err := objectMembers(raw)
	if err != nil {
		return nil, decodeError(where, "%v", err)
	}
	typ, err := typeOf(members)
	if err != nil {
		return nil, decodeError(where, "%v", err)
	}
	var coords, geoms json.RawMessage
	for _, m := range members {
		switch m.key {
		case "coordinates":
			coords = m.raw
		case "geometries":
			geoms = m.raw
		}
	}
	if typ == "GeometryCollection" {
		if depth >= opt.maxDepth {
			return nil, decodeError(where, "GeometryCollections nested deeper than %d", opt.maxDepth)
		}
		var raws []json.RawMessage
		if err := json.Unmarshal(geoms, &raws); err != nil || geoms == nil {
			return nil, decodeError(where, `a GeometryCollection needs a "geometries" array`)
		}
		c := make(orb.Collection, len(raws))
		for i, r := range raws {
			g, err := readGeometry(r, where+": geometries["+strconv.Itoa(i)+"]", opt, depth+1)
			if err != nil {
				return nil, err
			}
			if g == nil {
				return nil, decodeError(where, "geometries[%d] is null", i)
			}
			c[i] = g
		}
		return c, nil
	}
	if coords == nil || isNull(coords) {
		return nil, decodeError(where, "%s without coordinates", typ)
	}
	where += " (" + typ + ")"
	switch typ {
	case "Point":
		var c []float64
		if err := json.Unmarshal(coords, &c); err != nil {
			return nil, decodeError(where, "coordinates: %v", err)
		}
		return position(c, where+" coordinates", opt)
	case "MultiPoint", "LineString":
		pts, err := positions(coords, where+" coordinates", opt)
		if err != nil {
			return nil, err
		}
		if typ == "MultiPoint" {
			return orb.MultiPoint(pts), nil
		}
		return orb.LineString(pts), nil
	case "MultiLineString", "Polygon":
		var parts []json.RawMessage
		if err := json.Unmarshal(coords, &parts); err != nil {
			return nil, decodeError(where, "coordinates: %v", err)
		}
		lines := make([][]orb.Point, len(parts))
		for i, p := range parts {
			pts, err := positions(p, where+" coordinates["+strconv.Itoa(i)+"]", opt)
			if err != nil {
				return nil, err
			}
			lines[i] = pts
		}
		if typ == "Polygon" {
			poly := make(orb.Polygon, len(lines))
			for i, l := range lines {
				poly[i] = orb.Ring(l)
			}
			return poly, nil
		}
		mls := make(orb.MultiLineString, len(lines))
		for i, l := range lines {
			mls[i] = orb.LineString(l)
		}
		return mls, nil
	case "MultiPolygon":
		var polys [][]json.RawMessage
		if err := json.Unmarshal(coords, &polys); err != nil {
			return nil, decodeError(where, "coordinates: %v", err)
		}
		mp := make(orb.MultiPolygon, len(polys))
		for i, rings := range polys {
			mp[i] = make(orb.Polygon, len(rings))
			for j, r := range rings {
				pts, err := positions(r, where+" coordinates["+strconv.Itoa(i)+"]["+strconv.Itoa(j)+"]", opt)
				if err != nil {
					return nil, err
				}
				mp[i][j] = orb.Ring(pts)
			}
		}
		return mp, nil
	}
	return nil, decodeError(where, "unknown geometry type")
}

func positions(raw []byte, where string, opt readOptions) ([]orb.Point, error) {
	if isNull(raw) {
		return nil, decodeError(where, "null where an array of positions belongs")
	}
	var cs [][]float64
	if err := json.Unmarshal(raw, &cs); err != nil {
		return nil, decodeError(where, "want an array of positions: %v", err)
	}
	pts := make([]orb.Point, len(cs))
	for i, c := range cs {
		p, err := position(c, where+"["+strconv.Itoa(i)+"]", opt)
		if err != nil {
			return nil, err
		}
		pts[i] = p
	}
	return pts, nil
}

func position(c []float64, where string, opt readOptions) (orb.Point, error) {
	switch {
	case len(c) == 2, len(c) > 2 && opt.dropZ:
		return orb.Point{c[0], c[1]}, nil
	case len(c) > 2:
		return orb.Point{}, decodeError(where, "position %v has %d numbers; this program keeps only x and y, so it refuses to drop the rest (use -drop-z to accept that)", c, len(c))
	}
	return orb.Point{}, decodeError(where, "position %v has %d numbers, want 2", c, len(c))
}

// objectMembers splits a JSON object into its members, in order. Duplicate keys are an error,
// since which one a reader takes differs between tools.
func objectMembers(data []byte) ([]member, error) {
	var de *jsondup.DuplicateError
	if errors.As(jsondup.Check(data), &de) {
		return nil, errors.New(de.What())
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("want a JSON object, found %v", tok)
	}
	var members []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("member %q: %v", key, err)
		}
		members = append(members, member{key, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("data after the end of the object")
	}
	return members, nil
}

func isNull(raw []byte) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

func typeOf(members []member) (string, error) {
	for _, m := range members {
		if m.key == "type" {
			var s string
			if err := json.Unmarshal(m.raw, &s); err != nil {
				return "", fmt.Errorf(`"type" is not a string: %s`, m.raw)
			}
			return s, nil
		}
	}
	return "", errors.New(`no "type" member`)
}

// crsName returns the name in a legacy (GeoJSON 2008) "crs" member, or "".
func crsName(raw []byte) string {
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if json.Unmarshal(raw, &c) != nil {
		return ""
	}
	return c.Properties.Name
}

// writeDocument appends doc as a FeatureCollection, one feature per line. When crsURN is not
// empty a legacy "crs" member names the output CRS, for readers such as GDAL and QGIS that
// honour it (RFC 7946 itself knows only WGS84).
func writeDocument(buf *bytes.Buffer, doc *document, crsURN string) error {
	buf.WriteString(`{"type":"FeatureCollection"`)
	for _, m := range doc.members {
		if err := writeMember(buf, m.key, m.raw); err != nil {
			return err
		}
	}
	if crsURN != "" {
		buf.WriteString(`,"crs":{"type":"name","properties":{"name":`)
		writeString(buf, crsURN)
		buf.WriteString(`}}`)
	}
	buf.WriteString(`,"features":[`)
	for i, f := range doc.features {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n{\"type\":\"Feature\"")
		for _, m := range f.members {
			if m.key == "geometry" {
				buf.WriteString(`,"geometry":`)
				appendGeometry(buf, f.geometry)
				continue
			}
			if err := writeMember(buf, m.key, m.raw); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	}
	buf.WriteString("\n]}\n")
	return nil
}

func writeMember(buf *bytes.Buffer, key string, raw json.RawMessage) error {
	buf.WriteByte(',')
	writeString(buf, key)
	buf.WriteByte(':')
	return json.Compact(buf, raw)
}

func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)           // a string always encodes
	buf.Truncate(buf.Len() - 1) // Encode adds a newline
}

// appendGeometry writes g as a GeoJSON geometry (null for nil). An orb.Ring is written as a
// Polygon; the reader never produces other types.
func appendGeometry(buf *bytes.Buffer, g orb.Geometry) {
	switch g := g.(type) {
	case nil:
		buf.WriteString("null")
	case orb.Point:
		buf.WriteString(`{"type":"Point","coordinates":`)
		appendPosition(buf, g)
		buf.WriteByte('}')
	case orb.MultiPoint:
		buf.WriteString(`{"type":"MultiPoint","coordinates":`)
		appendPositions(buf, g)
		buf.WriteByte('}')
	case orb.LineString:
		buf.WriteString(`{"type":"LineString","coordinates":`)
		appendPositions(buf, g)
		buf.WriteByte('}')
	case orb.MultiLineString:
		buf.WriteString(`{"type":"MultiLineString","coordinates":[`)
		for i, ls := range g {
			if i > 0 {
				buf.WriteByte(',')
			}
			appendPositions(buf, ls)
		}
		buf.WriteString("]}")
	case orb.Ring:
		appendGeometry(buf, orb.Polygon{g})
	case orb.Polygon:
		buf.WriteString(`{"type":"Polygon","coordinates":`)
		appendRings(buf, g)
		buf.WriteByte('}')
	case orb.MultiPolygon:
		buf.WriteString(`{"type":"MultiPolygon","coordinates":[`)
		for i, p := range g {
			if i > 0 {
				buf.WriteByte(',')
			}
			appendRings(buf, p)
		}
		buf.WriteString("]}")
	case orb.Collection:
		buf.WriteString(`{"type":"GeometryCollection","geometries":[`)
		for i, m := range g {
			if i > 0 {
				buf.WriteByte(',')
			}
			appendGeometry(buf, m)
		}
		buf.WriteString("]}")
	default:
		buf.WriteString("null")
	}
}

func appendRings(buf *bytes.Buffer, p orb.Polygon) {
	buf.WriteByte('[')
	for i, r := range p {
		if i > 0 {
			buf.WriteByte(',')
		}
		appendPositions(buf, r)
	}
	buf.WriteByte(']')
}

func appendPositions(buf *bytes.Buffer, pts []orb.Point) {
	buf.WriteByte('[')
	for i, p := range pts {
		if i > 0 {
			buf.WriteByte(',')
		}
		appendPosition(buf, p)
	}
	buf.WriteByte(']')
}

func appendPosition(buf *bytes.Buffer, p orb.Point) {
	buf.WriteByte('[')
	buf.Write(appendNumber(buf.AvailableBuffer(), p[0]))
	buf.WriteByte(',')
	buf.Write(appendNumber(buf.AvailableBuffer(), p[1]))
	buf.WriteByte(']')
}

// appendNumber formats x as encoding/json does: the shortest decimal that parses back to
// exactly x (so a round trip through the file loses nothing), in plain notation unless the
// exponent is extreme.
func appendNumber(b []byte, x float64) []byte {
	abs := math.Abs(x)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, x, format, -1, 64)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
