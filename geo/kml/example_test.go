package kml_test

import (
	"encoding/json"
	"fmt"
	"image/color"
	"os"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/xiaoqu/xiaoqu/geo/kml"
)

func ExampleWrite() {
	compounds := []*geojson.Feature{{
		ID:         "way/123",
		Geometry:   orb.Polygon{{{121.50, 31.23}, {121.51, 31.23}, {121.51, 31.24}, {121.50, 31.23}}},
		Properties: geojson.Properties{"名称": "陆家嘴小区", "户数": json.Number("480")},
	}}
	green := kml.Style{Fill: color.NRGBA{G: 160, A: 96}, Line: color.NRGBA{G: 120, A: 255}, LineWidth: 2}
	doc := kml.Document{Name: "改造小区", Layers: []kml.Layer{{
		Name:         "小区",
		Features:     compounds,
		NameProperty: "名称",
		Style:        func(int, *geojson.Feature) *kml.Style { return &green },
	}}}
	if err := kml.Write(os.Stdout, doc); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <kml xmlns="http://www.opengis.net/kml/2.2">
	//   <Document>
	//     <name>改造小区</name>
	//     <Style id="s1">
	//       <IconStyle>
	//         <color>ff007800</color>
	//       </IconStyle>
	//       <LineStyle>
	//         <color>ff007800</color>
	//         <width>2</width>
	//       </LineStyle>
	//       <PolyStyle>
	//         <color>6000a000</color>
	//         <fill>1</fill>
	//         <outline>1</outline>
	//       </PolyStyle>
	//     </Style>
	//     <Schema id="layer1" name="小区">
	//       <SimpleField name="名称" type="string"></SimpleField>
	//       <SimpleField name="户数" type="string"></SimpleField>
	//     </Schema>
	//     <Folder>
	//       <name>小区</name>
	//       <Placemark>
	//         <name>陆家嘴小区</name>
	//         <description>&lt;table&gt;&lt;tr&gt;&lt;th&gt;名称&lt;/th&gt;&lt;td&gt;陆家嘴小区&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;th&gt;户数&lt;/th&gt;&lt;td&gt;480&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</description>
	//         <styleUrl>#s1</styleUrl>
	//         <ExtendedData>
	//           <SchemaData schemaUrl="#layer1">
	//             <SimpleData name="名称">陆家嘴小区</SimpleData>
	//             <SimpleData name="户数">480</SimpleData>
	//           </SchemaData>
	//         </ExtendedData>
	//         <Polygon>
	//           <outerBoundaryIs>
	//             <LinearRing>
	//               <coordinates>121.5,31.23 121.51,31.23 121.51,31.24 121.5,31.23</coordinates>
	//             </LinearRing>
	//           </outerBoundaryIs>
	//         </Polygon>
	//       </Placemark>
	//     </Folder>
	//   </Document>
	// </kml>
}
