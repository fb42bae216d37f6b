package main

import (
	"fmt"
	"image/color"
	"os"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo/kml"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// kindIcons gives each facility kind one of Google Earth's standard icons (Ovital and Google
// Earth tint it with the kind's colour, as on the report's map). Kinds not listed get a
// circle.
var kindIcons = map[renovation.FacilityKind]string{
	renovation.Nursery: "woman", renovation.Kindergarten: "play", renovation.PrimarySchool: "schools",
	renovation.MiddleSchool: "flag", renovation.Clinic: "info_circle", renovation.Hospital: "hospitals",
	renovation.ElderlyCare: "man", renovation.Market: "grocery", renovation.Supermarket: "shopping",
	renovation.Convenience: "convenience", renovation.Pharmacy: "pharmacy_rx", renovation.Park: "parks",
	renovation.SportsGround: "hiker", renovation.CommunityCentre: "homegardenbusiness", renovation.BusStop: "bus",
	renovation.MetroStation: "subway", renovation.PostOffice: "post_office", renovation.Library: "info",
}

func kindIcon(k renovation.FacilityKind) string {
	name, ok := kindIcons[k]
	if !ok {
		name = "placemark_circle"
	}
	return "http://maps.google.com/mapfiles/kml/shapes/" + name + ".png"
}

// coverageClass names the colour class of a compound that has covered of kinds radius-table
// kinds within reach, as the map's legend does.
func coverageClass(covered, kinds int) string {
	fill := rampColour(covered, kinds)
	for _, l := range coverageLegend(kinds) {
		if string(l.Swatch) == string(swatchFill(fill, "#444", false)) {
			return l.Label
		}
	}
	return fmt.Sprintf("覆盖 %d / %d 类设施", covered, kinds)
}

// writeKML writes the district for Ovital (奥维) and Google Earth, styled like the report's
// map: a folder per layer — compounds coloured by coverage class, buildings, scope zones, and
// one folder per facility kind with its own icon — and a description balloon per feature
// with its figures. KML is WGS84, the district's own coordinates.
func writeKML(path string, r *results) error {
	d := r.District
	kinds := len(r.LifeCircle.Kinds)
	grey := color.NRGBA{0x44, 0x44, 0x44, 0xff}

	var compounds []*geojson.Feature
	var compoundStyles []*kml.Style
	for i, ind := range r.Indicators.Compounds {
		c := &d.Compounds[i]
		if c.Boundary == nil {
			continue
		}
		year := "未知"
		if c.BuiltYear != 0 {
			year = fmt.Sprint(c.BuiltYear)
		}
		f := geojson.NewFeature(c.Boundary)
		f.ID = c.ID
		f.Properties = geojson.Properties{
			"名称": c.Label(), "建成年份": year, "户数": ind.Households, "用地面积(㎡)": fmt.Sprintf("%.2f", ind.RatioArea),
			"建筑密度": fmt.Sprintf("%.1f%%", 100*ind.BuildingCoverage), "容积率": fmt.Sprintf("%.2f", ind.FAR),
			"绿地率": fmt.Sprintf("%.1f%%", 100*ind.GreenRatio), "生活圈覆盖": fmt.Sprintf("%d/%d", r.Covered[c.ID], kinds),
			"覆盖等级": coverageClass(r.Covered[c.ID], kinds), "加装电梯候选楼栋": ind.ElevatorCandidates,
		}
		compounds = append(compounds, f)
		compoundStyles = append(compoundStyles, &kml.Style{Fill: hexColour(rampColour(r.Covered[c.ID], kinds), 0xb0), Line: grey, LineWidth: 1.5})
	}

	var buildings []*geojson.Feature
	for i := range d.Compounds {
		for _, b := range d.Compounds[i].Buildings {
			if b.Footprint == nil {
				continue
			}
			f := geojson.NewFeature(b.Footprint)
			f.ID = b.ID
			f.Properties = geojson.Properties{"名称": b.Label(), "所属小区": d.Compounds[i].Label(), "层数": b.Storeys}
			buildings = append(buildings, f)
		}
	}
	buildingStyle := &kml.Style{Fill: color.NRGBA{0x6b, 0x6b, 0x6b, 0xd0}, Line: color.NRGBA{0x33, 0x33, 0x33, 0xff}, LineWidth: 0.5}

	var zones []*geojson.Feature
	for _, z := range d.Zones {
		if z.Boundary == nil {
			continue
		}
		kind := "实施范围"
		if z.Kind == renovation.ZoneExclusion {
			kind = "排除区域"
		}
		f := geojson.NewFeature(z.Boundary)
		f.ID = z.ID
		f.Properties = geojson.Properties{"名称": z.Name, "类型": kind, "片区": z.FieldOffice}
		if z.Name == "" {
			f.Properties["名称"] = kind
		}
		zones = append(zones, f)
	}

	layers := []kml.Layer{{Name: "小区（按生活圈覆盖着色）compounds", Features: compounds, NameProperty: "名称",
		Properties: []string{"名称", "建成年份", "户数", "用地面积(㎡)", "建筑密度", "容积率", "绿地率", "生活圈覆盖", "覆盖等级", "加装电梯候选楼栋"},
		Style:      func(i int, _ *geojson.Feature) *kml.Style { return compoundStyles[i] }}}
	if len(buildings) > 0 {
		layers = append(layers, kml.Layer{Name: "楼栋 buildings", Features: buildings, NameProperty: "名称",
			Properties: []string{"名称", "所属小区", "层数"}, Style: func(int, *geojson.Feature) *kml.Style { return buildingStyle }})
	}
	if len(zones) > 0 {
		layers = append(layers, kml.Layer{Name: "实施范围与排除区域 zones", Features: zones, NameProperty: "名称",
			Properties: []string{"名称", "类型", "片区"},
			Style: func(_ int, f *geojson.Feature) *kml.Style {
				if f.Properties["类型"] == "排除区域" {
					return &kml.Style{Fill: color.NRGBA{0xb7, 0x32, 0x2c, 0x30}, Line: color.NRGBA{0xb7, 0x32, 0x2c, 0xff}, LineWidth: 2}
				}
				return &kml.Style{Fill: color.NRGBA{0x2b, 0x6c, 0xb0, 0x20}, Line: color.NRGBA{0x2b, 0x6c, 0xb0, 0xff}, LineWidth: 2}
			}})
	}
	styles, order := facilityStyles(r, nil)
	for _, k := range order {
		var fs []*geojson.Feature
		for _, fac := range d.Facilities {
			if fac.Kind != k || fac.Location == nil {
				continue
			}
			f := geojson.NewFeature(facilityPoint(fac))
			f.ID = fac.ID
			where := "点位 point"
			if _, ok := fac.Location.(orb.Point); !ok {
				where = "场地中心 centre of the site"
			}
			f.Properties = geojson.Properties{"名称": fac.Name, "类型": k.Chinese(), "位置": where}
			if fac.Name == "" {
				f.Properties["名称"] = k.Chinese()
			}
			fs = append(fs, f)
		}
		if len(fs) == 0 {
			continue
		}
		style := &kml.Style{Line: hexColour(styles[k].Fill, 0xff), Icon: kindIcon(k)}
		layers = append(layers, kml.Layer{Name: "设施：" + k.Chinese(), Features: fs, NameProperty: "名称",
			Properties: []string{"名称", "类型", "位置"}, Style: func(int, *geojson.Feature) *kml.Style { return style }})
	}
	doc := kml.Document{Name: reportName(d), Description: d.Attribution, Layers: layers}
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
