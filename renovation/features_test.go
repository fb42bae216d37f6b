package renovation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func layer(t *testing.T, js string) []*geojson.Feature {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return fc.Features
}

const polyJSON = `{"type":"Polygon","coordinates":[[[121.5,31.2],[121.502,31.2],[121.502,31.202],[121.5,31.202],[121.5,31.2]]]}`

func TestCompoundsFromFeatures(t *testing.T) {
	fs := layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"c1","geometry":`+polyJSON+`,"properties":{"name":"乳山二村","built_year":1986,"街道":"陆家嘴街道","片区":"A","site_area_m2":"19818.5","synthetic":true,"synthetic_fields":"built_year,field_office"}},
	 {"type":"Feature","geometry":`+polyJSON+`,"properties":{"编号":"c2","名称":"崂山三村","建成年份":"1990年","synthetic":true}},
	 {"type":"Feature","geometry":`+polyJSON+`,"properties":{}}]}`)
	got, err := CompoundsFromFeatures("c.geojson", fs)
	if err != nil {
		t.Fatal(err)
	}
	boundary := fs[0].Geometry
	want := []Compound{
		{ID: "c1", Name: "乳山二村", Boundary: boundary, BuiltYear: 1986, Street: "陆家嘴街道", FieldOffice: "A", SiteArea: 19818.5, Synthetic: []string{"built_year", "field_office"}},
		{ID: "c2", Name: "崂山三村", Boundary: boundary, BuiltYear: 1990, Synthetic: []string{"*"}},
		{ID: "3", Boundary: boundary},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("compounds (-want +got):\n%s", diff)
	}
	if !got[0].IsSynthetic("built_year") || got[0].IsSynthetic("name") || !got[1].IsSynthetic("name") {
		t.Error("IsSynthetic disagrees with synthetic_fields")
	}
}

func TestFeaturesBadInput(t *testing.T) {
	fs := layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"c1","geometry":{"type":"Point","coordinates":[121.5,31.2]},"properties":{"built_year":"一九八六"}},
	 {"type":"Feature","id":7,"geometry":`+polyJSON+`,"properties":{"site_area_m2":"大","synthetic":"maybe"}},
	 {"type":"Feature","geometry":null,"properties":{"name":"x"}}]}`)
	_, err := CompoundsFromFeatures("c.geojson", fs)
	var fe FeatureErrors
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want FeatureErrors", err)
	}
	var got []string
	for _, e := range fe {
		got = append(got, e.Error())
	}
	want := []string{
		`c.geojson feature 0 (id "c1"): geometry is a Point; want a Polygon or MultiPolygon`,
		`c.geojson feature 0 (id "c1") built_year: "一九八六" is not a whole number`,
		`c.geojson feature 1 (id "7") site_area_m2: "大" is not a number`,
		`c.geojson feature 1 (id "7") synthetic: "maybe" is not yes or no`,
		`c.geojson feature 2 (id "3"): has no geometry`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestBuildingsFacilitiesZones(t *testing.T) {
	bs, err := BuildingsFromFeatures("b.geojson", layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"b1","geometry":`+polyJSON+`,"properties":{"compound":"乳山二村","层数":"6层","结构":"砖混","电梯":"无","总建筑面积":3600}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if b := bs[0]; b.Compound != "乳山二村" || b.Building.Storeys != 6 || b.Building.Structure != StructureBrickConcrete || b.Building.HasElevator || b.Building.FloorArea != 3600 {
		t.Errorf("building = %+v", b)
	}
	if _, err := BuildingsFromFeatures("b.geojson", layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"b1","geometry":`+polyJSON+`,"properties":{"structure":"木头"}}]}`)); err == nil || !strings.Contains(err.Error(), `b.geojson feature 0 (id "b1") structure: "木头" is not a known structure`) {
		t.Errorf("bad structure: %v", err)
	}
	fac, err := FacilitiesFromFeatures("f.geojson", layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"f1","geometry":{"type":"Point","coordinates":[121.5,31.2]},"properties":{"kind":"幼儿园","name":"东昌幼儿园"}},
	 {"type":"Feature","id":"f2","geometry":`+polyJSON+`,"properties":{"类型":"Elderly_Care"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]FacilityKind{Kindergarten, ElderlyCare}, []FacilityKind{fac[0].Kind, fac[1].Kind}); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if _, err := FacilitiesFromFeatures("f.geojson", layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"f1","geometry":{"type":"LineString","coordinates":[[121.5,31.2],[121.6,31.2]]},"properties":{}}]}`)); err == nil ||
		err.Error() != "2 problems in the layer:\n  f.geojson feature 0 (id \"f1\"): geometry is a LineString; want a Point, Polygon or MultiPolygon\n  f.geojson feature 0 (id \"f1\") kind: facility kind is empty" {
		t.Errorf("bad facility: %v", err)
	}
	zs, err := ZonesFromFeatures("z.geojson", layer(t, `{"type":"FeatureCollection","features":[
	 {"type":"Feature","id":"z1","geometry":`+polyJSON+`,"properties":{"kind":"排除区域","片区":"什刹海"}}]}`))
	if err != nil || zs[0].Kind != ZoneExclusion || zs[0].FieldOffice != "什刹海" {
		t.Errorf("zones = %+v, %v", zs, err)
	}
}

func TestAddBuildings(t *testing.T) {
	d := District{Compounds: []Compound{{ID: "c1", Name: "乳山二村"}, {ID: "c2", Name: "c1"}}}
	bs := []BuildingFeature{
		{Compound: "c1", Building: Building{ID: "b1"}},   // ID beats another compound's name
		{Compound: "乳山二村", Building: Building{ID: "b2"}}, // by name
	}
	if err := d.AddBuildings("b.geojson", bs); err != nil {
		t.Fatal(err)
	}
	if len(d.Compounds[0].Buildings) != 2 || len(d.Compounds[1].Buildings) != 0 {
		t.Errorf("placed: %+v", d.Compounds)
	}
	err := d.AddBuildings("b.geojson", []BuildingFeature{{Building: Building{ID: "b3", Footprint: orb.Polygon{}}}, {Compound: "x", Building: Building{ID: "b4"}}})
	if !errors.Is(err, ErrNoCompound) || !strings.Contains(err.Error(), `b.geojson feature 1 (id "b4") compound: compound "x" is not in the district`) {
		t.Errorf("err = %v", err)
	}
	if len(d.Compounds[0].Buildings) != 2 {
		t.Error("a failed AddBuildings changed the district")
	}
}

// Layers read by geo/geojson carry numbers as json.Number, and GeoPackage layers as int64.
func TestFeaturesNumberTypes(t *testing.T) {
	f := geojson.NewFeature(orb.Polygon{{{121.5, 31.2}, {121.6, 31.2}, {121.6, 31.3}, {121.5, 31.2}}})
	f.ID = json.Number("12345678901234567890")
	f.Properties = geojson.Properties{"built_year": json.Number("1986"), "site_area_m2": json.Number("19818.50"), "storeys": int64(6), "synthetic": json.Number("1")}
	cs, err := CompoundsFromFeatures("c", []*geojson.Feature{f})
	if err != nil {
		t.Fatal(err)
	}
	if c := cs[0]; c.ID != "12345678901234567890" || c.BuiltYear != 1986 || c.SiteArea != 19818.5 || !c.IsSynthetic("x") {
		t.Errorf("compound = %+v", c)
	}
	bs, err := BuildingsFromFeatures("b", []*geojson.Feature{f})
	if err != nil || bs[0].Building.Storeys != 6 {
		t.Errorf("building = %+v, %v", bs, err)
	}
	f.Properties["built_year"] = json.Number("1986.5")
	if _, err := CompoundsFromFeatures("c", []*geojson.Feature{f}); err == nil || !strings.Contains(err.Error(), "built_year: 1986.5 is not a whole number") {
		t.Errorf("fractional year: %v", err)
	}
}

// A null feature is reported, not a panic, by every reader.
func TestFeaturesNull(t *testing.T) {
	fs := layer(t, `{"type":"FeatureCollection","features":[null]}`)
	want := `f feature 0: feature is null`
	check := func(name string, err error) {
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	_, err := CompoundsFromFeatures("f", fs)
	check("compounds", err)
	_, err = BuildingsFromFeatures("f", fs)
	check("buildings", err)
	_, err = FacilitiesFromFeatures("f", fs)
	check("facilities", err)
	_, err = GreenSpacesFromFeatures("f", fs)
	check("green spaces", err)
	_, err = ZonesFromFeatures("f", fs)
	check("zones", err)
}

// One rule finds a compound by reference everywhere: an ID beats another compound's name, and
// the first of two same-named compounds wins.
func TestCompoundRefs(t *testing.T) {
	d := District{Compounds: []Compound{{ID: "a", Name: "新村"}, {ID: "b", Name: "新村"}, {ID: "c", Name: "a"}}}
	refs := d.CompoundRefs()
	for ref, want := range map[string]int{"a": 0, "b": 1, "c": 2, "新村": 0, "": -1, "x": -1} {
		i, ok := refs.Find(ref)
		if ok != (want >= 0) || ok && i != want {
			t.Errorf("Find(%q) = %d, %v; want %d", ref, i, ok, want)
		}
	}
}
