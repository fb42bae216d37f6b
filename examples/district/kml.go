package main

import (
	"fmt"
	"image/color"
	"os"

	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo/kml"
)

// writeKML writes the compounds (coloured as on the report's map, with their indicators in
// the description) and the facilities, for Ovital (奥维) and Google Earth. KML is WGS84, the
// district's own coordinates.
func writeKML(path string, r *results) error {
	d := r.District
	kinds := len(r.LifeCircle.Kinds)
	var compounds []*geojson.Feature
	var fills []color.NRGBA
	for i, ind := range r.Indicators.Compounds {
		c := &d.Compounds[i]
		if c.Boundary == nil {
			continue
		}
		f := geojson.NewFeature(c.Boundary)
		f.ID = c.ID
		f.Properties = geojson.Properties{
			"名称": c.Label(), "户数": ind.Households, "用地面积(㎡)": fmt.Sprintf("%.0f", ind.RatioArea),
			"建筑密度": fmt.Sprintf("%.1f%%", 100*ind.BuildingCoverage), "容积率": fmt.Sprintf("%.2f", ind.FAR),
			"绿地率": fmt.Sprintf("%.1f%%", 100*ind.GreenRatio), "生活圈覆盖": fmt.Sprintf("%d/%d", r.Covered[c.ID], kinds),
		}
		compounds = append(compounds, f)
		fills = append(fills, hexColour(rampColour(r.Covered[c.ID], kinds), 0x99))
	}
	var facilities []*geojson.Feature
	for _, fac := range d.Facilities {
		f := geojson.NewFeature(facilityPoint(fac))
		f.ID = fac.ID
		f.Properties = geojson.Properties{"名称": fac.Name, "类型": fac.Kind.Chinese()}
		if fac.Name == "" {
			f.Properties["名称"] = fac.Kind.Chinese()
		}
		facilities = append(facilities, f)
	}
	doc := kml.Document{Name: d.Name, Description: d.Attribution, Layers: []kml.Layer{
		{Name: "小区 compounds", Features: compounds, NameProperty: "名称",
			Properties: []string{"名称", "户数", "用地面积(㎡)", "建筑密度", "容积率", "绿地率", "生活圈覆盖"},
			Style: func(i int, _ *geojson.Feature) *kml.Style {
				return &kml.Style{Fill: fills[i], Line: color.NRGBA{0x55, 0x55, 0x55, 0xff}, LineWidth: 1}
			}},
		{Name: "设施 facilities", Features: facilities, NameProperty: "名称", Properties: []string{"名称", "类型"}},
	}}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := kml.Write(f, doc); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// hexColour parses "#rrggbb" with the given alpha.
func hexColour(s string, alpha uint8) color.NRGBA {
	var c color.NRGBA
	c.A = alpha
	fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B)
	return c
}
