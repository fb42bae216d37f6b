package kml

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"image/color"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	geomkml "github.com/twpayne/go-geom/encoding/kml"
	gokml "github.com/twpayne/go-kml/v3"

	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
	"github.com/xiaoqu/xiaoqu/geo/gogeom"
)

// ErrInvalid means a document that cannot be written: a nil feature, a geometry that is
// not orb's, a coordinate that is not finite or not in degrees, or a style line width that
// is negative or not finite.
var ErrInvalid = errors.New("kml: cannot write")

// Style is how a placemark is drawn. Colours are non-premultiplied; A is the opacity, from
// 0 (transparent) to 255 (opaque). The zero Style draws nothing visible: set the colours.
type Style struct {
	Fill      color.NRGBA // polygon fill
	Line      color.NRGBA // lines, polygon outlines and point icons
	LineWidth float64     // in pixels; 0 leaves the viewer's default (1)
	// Icon is the address of a point's icon image (IconStyle's Icon href), e.g. one of
	// Google Earth's "http://maps.google.com/mapfiles/kml/shapes/…" icons, which viewers
	// tint with Line; empty leaves the viewer's default pin.
	Icon string
}

// Document is a KML document.
type Document struct {
	Name        string  // shown as the document's name; may be empty
	Description string  // plain text; may be empty
	Layers      []Layer // written as Folders, in order
}

// Layer is a Folder of placemarks, one per feature.
type Layer struct {
	// Name is the folder's name, such as "小区" or "buildings".
	Name string
	// Features are written in order. Nil geometries give placemarks without geometry.
	Features []*geojson.Feature
	// NameProperty is the property whose value names each placemark; when it is empty or
	// the feature lacks the property, the feature's id names it.
	NameProperty string
	// Properties lists the properties shown, in order, in each description table and in
	// ExtendedData; nil shows all of a feature's properties sorted by key.
	Properties []string
	// Style gives the style of feature i; nil, or a nil result, writes no style.
	Style func(i int, f *geojson.Feature) *Style
}

// Write writes doc to w as KML 2.2 with an XML declaration, indented by two spaces. It
// returns an error wrapping ErrInvalid, naming the layer and feature, for a nil feature,
// a geometry type that is not orb's, a coordinate that is not finite or out of the
// longitude and latitude ranges, or a bad line width; or the error of w.
func Write(w io.Writer, doc Document) error {
	styles := newStyleSet()
	var schemas, folders []gokml.Element
	for li, l := range doc.Layers {
		folder := gokml.Folder(gokml.Name(l.Name))
		schemaID := ""
		if fields := schemaFields(l); len(fields) > 0 {
			schemaID = "layer" + strconv.Itoa(li+1)
			schema := gokml.NamedSchema(schemaID, l.Name)
			for _, k := range fields {
				schema.Append(gokml.SimpleField(k, "string"))
			}
			schemas = append(schemas, schema)
		}
		for fi, f := range l.Features {
			pm, err := placemark(l, fi, f, schemaID, styles)
			if err != nil {
				return fmt.Errorf("%w: layer %d (%q) feature %d%s: %v", ErrInvalid, li, l.Name, fi, idText(f), err)
			}
			folder.Append(pm)
		}
		folders = append(folders, folder)
	}
	// KML 2.2 fixes the order of a Document's children: name, description, styles,
	// schemas, then features.
	d := gokml.Document()
	if doc.Name != "" {
		d.Append(gokml.Name(doc.Name))
	}
	if doc.Description != "" {
		d.Append(gokml.Description(doc.Description))
	}
	d.Append(styles.elements...)
	d.Append(schemas...)
	d.Append(folders...)
	return gokml.KML(d).WriteIndent(w, "", "  ")
}

// schemaFields returns the fields of a layer's Schema: Layer.Properties, or every key of
// its features sorted.
func schemaFields(l Layer) []string {
	if l.Properties != nil {
		return l.Properties
	}
	keys := map[string]bool{}
	for _, f := range l.Features {
		if f != nil {
			for k := range f.Properties {
				keys[k] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(keys))
}

func idText(f *geojson.Feature) string {
	if f == nil || f.ID == nil {
		return ""
	}
	return fmt.Sprintf(" (id %s)", valueText(f.ID))
}

func placemark(l Layer, i int, f *geojson.Feature, schemaID string, styles *styleSet) (*gokml.PlacemarkElement, error) {
	if f == nil {
		return nil, errors.New("nil feature")
	}
	pm := gokml.Placemark()
	name := ""
	if v, ok := f.Properties[l.NameProperty]; ok && l.NameProperty != "" && v != nil {
		name = valueText(v)
	}
	if name == "" && f.ID != nil {
		name = valueText(f.ID)
	}
	if name != "" {
		pm.Append(gokml.Name(name))
	}
	keys := l.Properties
	if keys == nil {
		keys = slices.Sorted(maps.Keys(f.Properties))
	}
	// KML 2.2 fixes the order: name, description, styleUrl, ExtendedData, geometry.
	var data *gokml.ExtendedDataElement
	if len(keys) > 0 {
		var table strings.Builder
		table.WriteString("<table>")
		// Typed SchemaData rather than Data: GDAL's LIBKML driver mangles non-ASCII
		// Data names ("名称" becomes "______") but keeps SimpleField names.
		sd := gokml.SchemaData("#" + schemaID)
		for _, k := range keys {
			v := valueText(f.Properties[k])
			fmt.Fprintf(&table, "<tr><th>%s</th><td>%s</td></tr>", html.EscapeString(k), html.EscapeString(v))
			if _, ok := f.Properties[k]; ok {
				sd.Append(gokml.SimpleData(k, v))
			}
		}
		data = gokml.ExtendedData(sd)
		table.WriteString("</table>")
		pm.Append(gokml.Description(table.String()))
	}
	if l.Style != nil {
		if s := l.Style(i, f); s != nil {
			id, err := styles.id(*s)
			if err != nil {
				return nil, err
			}
			pm.Append(gokml.StyleURL("#" + id))
		}
	}
	if data != nil {
		pm.Append(data)
	}
	if f.Geometry != nil {
		g, err := geometry(f.Geometry)
		if err != nil {
			return nil, err
		}
		pm.Append(g)
	}
	return pm, nil
}

// geometry encodes g with go-geom's encoder, after checking its coordinates and orienting
// its rings.
func geometry(g orb.Geometry) (gokml.Element, error) {
	switch t := g.(type) {
	case orb.Ring:
		g = orb.Polygon{t}
	case orb.Bound:
		g = t.ToPolygon()
	}
	if err := checkDegrees(g); err != nil {
		return nil, err
	}
	gg, err := gogeom.ToGeom(xgeojson.Rewind(g), 0)
	if err != nil {
		return nil, err
	}
	return geomkml.Encode(gg)
}

// checkDegrees checks that every coordinate is a finite longitude and latitude.
func checkDegrees(g orb.Geometry) error {
	var bad error
	check := func(p orb.Point) bool {
		if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) { // false for NaN
			bad = fmt.Errorf("coordinate (%v, %v) is not a WGS84 longitude, latitude in degrees", p[0], p[1])
			return false
		}
		return true
	}
	var walk func(g orb.Geometry) bool
	walk = func(g orb.Geometry) bool {
		switch g := g.(type) {
		case orb.Point:
			return check(g)
		case orb.MultiPoint:
			return all(g, check)
		case orb.LineString:
			return all(g, check)
		case orb.Ring:
			return all(g, check)
		case orb.MultiLineString:
			for _, ls := range g {
				if !all(ls, check) {
					return false
				}
			}
		case orb.Polygon:
			for _, r := range g {
				if !all(r, check) {
					return false
				}
			}
		case orb.MultiPolygon:
			for _, p := range g {
				if !walk(p) {
					return false
				}
			}
		case orb.Collection:
			for _, m := range g {
				if !walk(m) {
					return false
				}
			}
		}
		return true
	}
	walk(g)
	return bad
}

func all(ps []orb.Point, f func(orb.Point) bool) bool {
	for _, p := range ps {
		if !f(p) {
			return false
		}
	}
	return true
}

// valueText formats a property value for people: strings as they are, numbers in their
// shortest exact form (json.Number as written), booleans as true or false, null as the
// empty string, and anything else as JSON.
func valueText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// styleSet numbers distinct styles in order of first use.
type styleSet struct {
	ids      map[Style]string
	elements []gokml.Element
}

func newStyleSet() *styleSet { return &styleSet{ids: map[Style]string{}} }

func (s *styleSet) id(st Style) (string, error) {
	if id, ok := s.ids[st]; ok {
		return id, nil
	}
	if st.LineWidth < 0 || math.IsNaN(st.LineWidth) || math.IsInf(st.LineWidth, 0) {
		return "", fmt.Errorf("line width %v is not a non-negative number of pixels", st.LineWidth)
	}
	id := "s" + strconv.Itoa(len(s.ids)+1)
	s.ids[st] = id
	line := gokml.LineStyle(kmlColor(st.Line))
	if st.LineWidth > 0 {
		line.Append(gokml.Width(st.LineWidth))
	}
	icon := gokml.IconStyle(kmlColor(st.Line))
	if st.Icon != "" {
		icon.Append(gokml.Icon(gokml.Href(st.Icon)))
	}
	s.elements = append(s.elements, gokml.SharedStyle(id,
		icon,
		line,
		gokml.PolyStyle(kmlColor(st.Fill), gokml.Fill(true), gokml.Outline(true)),
	))
	return id, nil
}

// kmlColor is a colour as KML writes it, aabbggrr. go-kml's Color takes a premultiplied
// color.Color, which would darken translucent colours.
type kmlColor color.NRGBA

// MarshalXML implements xml.Marshaler.
func (c kmlColor) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	start := xml.StartElement{Name: xml.Name{Local: "color"}}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(fmt.Sprintf("%02x%02x%02x%02x", c.A, c.B, c.G, c.R))); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}
