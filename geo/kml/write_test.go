package kml

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The structure of what Write produces, as encoding/xml reads it back.
type kmlFile struct {
	XMLName  xml.Name `xml:"http://www.opengis.net/kml/2.2 kml"`
	Document struct {
		Name        string      `xml:"name"`
		Description string      `xml:"description"`
		Styles      []xmlStyle  `xml:"Style"`
		Schemas     []xmlSchema `xml:"Schema"`
		Folders     []xmlFolder `xml:"Folder"`
	} `xml:"Document"`
}

type xmlStyle struct {
	ID        string `xml:"id,attr"`
	IconColor string `xml:"IconStyle>color"`
	IconHref  string `xml:"IconStyle>Icon>href"`
	LineColor string `xml:"LineStyle>color"`
	LineWidth string `xml:"LineStyle>width"`
	PolyColor string `xml:"PolyStyle>color"`
	PolyFill  string `xml:"PolyStyle>fill"`
}

type xmlSchema struct {
	ID     string `xml:"id,attr"`
	Name   string `xml:"name,attr"`
	Fields []struct {
		Name string `xml:"name,attr"`
		Type string `xml:"type,attr"`
	} `xml:"SimpleField"`
}

type xmlFolder struct {
	Name       string         `xml:"name"`
	Placemarks []xmlPlacemark `xml:"Placemark"`
}

type xmlData struct {
	Name  string `xml:"name,attr"`
	Value string `xml:",chardata"`
}

type xmlSchemaData struct {
	URL  string    `xml:"schemaUrl,attr"`
	Data []xmlData `xml:"SimpleData"`
}

type xmlPlacemark struct {
	Name        string        `xml:"name"`
	Description string        `xml:"description"`
	StyleURL    string        `xml:"styleUrl"`
	SchemaData  xmlSchemaData `xml:"ExtendedData>SchemaData"`
	Point       string        `xml:"Point>coordinates"`
	Line        string        `xml:"LineString>coordinates"`
	Outer       string        `xml:"Polygon>outerBoundaryIs>LinearRing>coordinates"`
	Inner       []string      `xml:"Polygon>innerBoundaryIs>LinearRing>coordinates"`
	Multi       []string      `xml:"MultiGeometry>Polygon>outerBoundaryIs>LinearRing>coordinates"`
}

func parse(t *testing.T, b []byte) kmlFile {
	t.Helper()
	var k kmlFile
	if err := xml.Unmarshal(b, &k); err != nil {
		t.Fatalf("output is not KML: %v\n%s", err, b)
	}
	return k
}

var (
	red  = Style{Fill: color.NRGBA{R: 255, A: 128}, Line: color.NRGBA{R: 200, G: 0, B: 0, A: 255}, LineWidth: 2}
	blue = Style{Fill: color.NRGBA{B: 255, G: 0x80, A: 0x40}, Line: color.NRGBA{B: 255, A: 255}, Icon: "http://maps.google.com/mapfiles/kml/shapes/schools.png"}
)

func sampleDocument() Document {
	compounds := []*geojson.Feature{
		{ID: "way/1", Geometry: orb.Polygon{
			{{121.50, 31.23}, {121.50, 31.24}, {121.51, 31.24}, {121.51, 31.23}, {121.50, 31.23}}, // clockwise shell
			{{121.502, 31.232}, {121.503, 31.232}, {121.503, 31.233}, {121.502, 31.232}}},         // counter-clockwise hole
			Properties: geojson.Properties{"名称": "陆家嘴小区", "户数": json.Number("480"), "面积": 12345.5, "加装电梯": true, "备注": "<b>A&B</b>", "空": nil}},
		{ID: json.Number("2"), Geometry: orb.MultiPolygon{{{{121.52, 31.23}, {121.53, 31.23}, {121.53, 31.24}, {121.52, 31.23}}}},
			Properties: geojson.Properties{"名称": "崂山新村"}},
		{ID: "way/3", Geometry: nil, Properties: geojson.Properties{}},
	}
	return Document{Name: "改造", Description: "2026 批次", Layers: []Layer{
		{Name: "小区", Features: compounds, NameProperty: "名称", Style: func(i int, f *geojson.Feature) *Style {
			if i == 1 {
				return &blue
			}
			return &red
		}},
		{Name: "facilities", Properties: []string{"kind", "missing"}, Features: []*geojson.Feature{
			{Geometry: orb.Point{121.505, 31.235}, Properties: geojson.Properties{"kind": "clinic", "hidden": "x"}},
			{Geometry: orb.LineString{{121.5, 31.2}, {121.6, 31.3}}, Properties: geojson.Properties{"kind": "road"}},
		}, Style: func(int, *geojson.Feature) *Style { return &red }},
	}}
}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", b.String())
	}
	k := parse(t, b.Bytes())
	if k.Document.Name != "改造" || k.Document.Description != "2026 批次" {
		t.Errorf("document name %q description %q", k.Document.Name, k.Document.Description)
	}
	wantStyles := []xmlStyle{
		{ID: "s1", IconColor: "ff0000c8", LineColor: "ff0000c8", LineWidth: "2", PolyColor: "800000ff", PolyFill: "1"},
		{ID: "s2", IconColor: "ffff0000", IconHref: "http://maps.google.com/mapfiles/kml/shapes/schools.png", LineColor: "ffff0000", PolyColor: "40ff8000", PolyFill: "1"},
	}
	if diff := cmp.Diff(wantStyles, k.Document.Styles); diff != "" {
		t.Errorf("styles (-want +got):\n%s", diff)
	}
	var schemas []string
	for _, s := range k.Document.Schemas {
		var fields []string
		for _, f := range s.Fields {
			fields = append(fields, f.Name+":"+f.Type)
		}
		schemas = append(schemas, s.ID+" "+s.Name+" "+strings.Join(fields, ","))
	}
	wantSchemas := []string{"layer1 小区 加装电梯:string,名称:string,备注:string,户数:string,空:string,面积:string", "layer2 facilities kind:string,missing:string"}
	if diff := cmp.Diff(wantSchemas, schemas); diff != "" {
		t.Errorf("schemas (-want +got):\n%s", diff)
	}
	wantFolders := []xmlFolder{
		{Name: "小区", Placemarks: []xmlPlacemark{
			{Name: "陆家嘴小区", StyleURL: "#s1",
				// Keys sorted by bytes: 加 E5 8A A0, 名 E5 90 8D, 备 E5 A4 87, 户 E6 88 B7, 空 E7 A9 BA, 面 E9 9D A2.
				Description: "<table><tr><th>加装电梯</th><td>true</td></tr><tr><th>名称</th><td>陆家嘴小区</td></tr>" +
					"<tr><th>备注</th><td>&lt;b&gt;A&amp;B&lt;/b&gt;</td></tr><tr><th>户数</th><td>480</td></tr><tr><th>空</th><td></td></tr>" +
					"<tr><th>面积</th><td>12345.5</td></tr></table>",
				SchemaData: xmlSchemaData{"#layer1", []xmlData{{"加装电梯", "true"}, {"名称", "陆家嘴小区"}, {"备注", "<b>A&B</b>"}, {"户数", "480"}, {"空", ""}, {"面积", "12345.5"}}},
				// Shell turned counter-clockwise, hole clockwise.
				Outer: "121.5,31.23 121.51,31.23 121.51,31.24 121.5,31.24 121.5,31.23",
				Inner: []string{"121.502,31.232 121.503,31.233 121.503,31.232 121.502,31.232"}},
			{Name: "崂山新村", StyleURL: "#s2", Description: "<table><tr><th>名称</th><td>崂山新村</td></tr></table>",
				SchemaData: xmlSchemaData{"#layer1", []xmlData{{"名称", "崂山新村"}}},
				Multi:      []string{"121.52,31.23 121.53,31.23 121.53,31.24 121.52,31.23"}},
			{Name: "way/3", StyleURL: "#s1"},
		}},
		{Name: "facilities", Placemarks: []xmlPlacemark{
			{StyleURL: "#s1", Description: "<table><tr><th>kind</th><td>clinic</td></tr><tr><th>missing</th><td></td></tr></table>",
				SchemaData: xmlSchemaData{"#layer2", []xmlData{{"kind", "clinic"}}}, Point: "121.505,31.235"},
			{StyleURL: "#s1", Description: "<table><tr><th>kind</th><td>road</td></tr><tr><th>missing</th><td></td></tr></table>",
				SchemaData: xmlSchemaData{"#layer2", []xmlData{{"kind", "road"}}}, Line: "121.5,31.2 121.6,31.3"},
		}},
	}
	if diff := cmp.Diff(wantFolders, k.Document.Folders); diff != "" {
		t.Errorf("folders (-want +got):\n%s", diff)
	}
	// Same input, same bytes.
	var again bytes.Buffer
	if err := Write(&again, sampleDocument()); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Errorf("second write differs (%v)", err)
	}
}

// KML 2.2's schema fixes the order of a Placemark's children; viewers may ignore
// misplaced ones.
func TestPlacemarkChildOrder(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&b)
	var stack, order []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) > 0 && stack[len(stack)-1] == "Placemark" && order == nil {
				order = []string{}
			}
			if len(stack) > 0 && stack[len(stack)-1] == "Placemark" && len(order) < 5 {
				order = append(order, tok.Name.Local)
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if diff := cmp.Diff([]string{"name", "description", "styleUrl", "ExtendedData", "Polygon"}, order); diff != "" {
		t.Errorf("first placemark's children (-want +got):\n%s", diff)
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
		msg  string
	}{
		{"nil feature", Document{Layers: []Layer{{Name: "a", Features: []*geojson.Feature{nil}}}}, `layer 0 ("a") feature 0: nil feature`},
		{"projected metres", Document{Layers: []Layer{{Name: "gk", Features: []*geojson.Feature{{ID: "b1", Geometry: orb.Point{500000, 4400000}}}}}},
			`layer 0 ("gk") feature 0 (id b1): coordinate (500000, 4.4e+06) is not a WGS84 longitude, latitude in degrees`},
		{"NaN", Document{Layers: []Layer{{Features: []*geojson.Feature{{Geometry: orb.Polygon{{{0, 0}, {math.NaN(), 1}, {1, 1}, {0, 0}}}}}}}},
			"coordinate (NaN, 1) is not a WGS84"},
		{"bad line width", Document{Layers: []Layer{{Features: []*geojson.Feature{{Geometry: orb.Point{1, 1}}},
			Style: func(int, *geojson.Feature) *Style { return &Style{LineWidth: -1} }}}}, "line width -1"},
	}
	for _, tc := range tests {
		err := Write(&bytes.Buffer{}, tc.doc)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v, want ErrInvalid containing %q", tc.name, err, tc.msg)
		}
	}
}

func TestRingAndBoundArePolygons(t *testing.T) {
	var b bytes.Buffer
	err := Write(&b, Document{Layers: []Layer{{Features: []*geojson.Feature{
		{Geometry: orb.Ring{{0, 0}, {0, 1}, {1, 0}, {0, 0}}},
		{Geometry: orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}},
	}}}})
	if err != nil {
		t.Fatal(err)
	}
	k := parse(t, b.Bytes())
	var got []string
	for _, p := range k.Document.Folders[0].Placemarks {
		got = append(got, p.Outer)
	}
	if diff := cmp.Diff([]string{"0,0 1,0 0,1 0,0", "0,0 1,0 1,1 0,1 0,0"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
