package renovation

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/table"
)

// Feature properties read by the *FromFeatures functions. Each field is known by an English key
// and by the Chinese a planner's layer may use; the first key present wins. Keys are matched
// exactly (English keys in lower case).
//
//	every layer   id 编号 (else the feature's own id, else its 1-based index), name 名称,
//	              synthetic 模拟 (true: the record was generated), synthetic_fields
//	              (the generated fields only: "a,b" or an array)
//	compounds     built_year 建成年份, community 社区, street 街道, district 区,
//	              field_office 片区, property_unit 产权单位, site_area_m2 用地面积
//	buildings     compound 所属小区 (the compound's ID or name), storeys 层数 地上层数,
//	              built_year 建成年份, structure 结构, has_elevator 电梯,
//	              floor_area_m2 总建筑面积
//	facilities    kind 类型 设施类型 (a FacilityKind name, English or Chinese)
//	zones         kind 类型 (scope 实施范围 | exclusion 排除区域), field_office 片区
var (
	keysID           = []string{"id", "编号"}
	keysName         = []string{"name", "名称", "小区名称"}
	keysSynthetic    = []string{"synthetic", "模拟"}
	keysSynthFields  = []string{"synthetic_fields"}
	keysBuiltYear    = []string{"built_year", "建成年份"}
	keysCommunity    = []string{"community", "社区"}
	keysStreet       = []string{"street", "街道"}
	keysDistrict     = []string{"district", "区"}
	keysFieldOffice  = []string{"field_office", "片区"}
	keysPropertyUnit = []string{"property_unit", "产权单位"}
	keysSiteArea     = []string{"site_area_m2", "用地面积"}
	keysCompoundRef  = []string{"compound", "所属小区"}
	keysStoreys      = []string{"storeys", "层数", "地上层数"}
	keysStructure    = []string{"structure", "结构"}
	keysElevator     = []string{"has_elevator", "电梯"}
	keysFloorArea    = []string{"floor_area_m2", "总建筑面积"}
	keysKind         = []string{"kind", "类型", "设施类型"}
)

// FeatureError is one problem with one feature of a layer.
type FeatureError struct {
	File  string // the layer's file (or name) as the caller gave it
	Index int    // 0-based position of the feature in the layer
	ID    string // the feature's ID, when it has one
	Field string // the property at fault; empty for the feature as a whole
	Err   error
}

// Error formats the problem as `compounds.geojson feature 3 (id "c7") built_year: "一九八六" is
// not a whole number`.
func (e *FeatureError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s feature %d", e.File, e.Index)
	if e.ID != "" {
		fmt.Fprintf(&b, " (id %q)", e.ID)
	}
	if e.Field != "" {
		b.WriteString(" ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *FeatureError) Unwrap() error { return e.Err }

// FeatureErrors is every problem found in one layer; a layer with any problem loads nothing.
type FeatureErrors []*FeatureError

// Error lists the problems one per line, at most 20 of them.
func (es FeatureErrors) Error() string { return listErrors("problems in the layer", es) }

// Unwrap returns the problems, for errors.Is and errors.As.
func (es FeatureErrors) Unwrap() []error { return unwrapAll(es) }

// errNullFeature reports a feature written as JSON null.
var errNullFeature = errors.New("feature is null")

// featureReader reads the properties of one feature, collecting problems.
type featureReader struct {
	layer string            // compounds, buildings, facilities, green or zones: the synonyms' domain
	norm  map[string]string // normalised property name → the name as written, built on need
	file  string
	index int
	id    string
	props geojson.Properties
	errs  *FeatureErrors
}

func newFeatureReader(layer, file string, index int, f *geojson.Feature, errs *FeatureErrors) *featureReader {
	r := &featureReader{layer: layer, file: file, index: index, props: f.Properties, errs: errs}
	if v, _, ok := r.lookup(keysID); ok {
		r.id = textOf(v)
	}
	if r.id == "" && f.ID != nil {
		r.id = textOf(normaliseNumber(f.ID))
	}
	if r.id == "" {
		r.id = strconv.Itoa(index + 1)
	}
	return r
}

func (r *featureReader) fail(field string, format string, args ...any) {
	*r.errs = append(*r.errs, &FeatureError{File: r.file, Index: r.index, ID: r.id, Field: field, Err: fmt.Errorf(format, args...)})
}

// lookup returns the value of the first key present: keys as written, then the synonyms of
// keys[0] for the reader's layer (synonyms.tsv), then all of them compared as
// table.NormaliseHeader does ("NAME", "Built_Year"). Numbers arrive as float64 (orb's
// decoder), json.Number (geo/geojson, which keeps their digits) or int64 (GeoPackage); they
// are all handed on as float64 when exactly representable, else as their decimal text.
func (r *featureReader) lookup(keys []string) (any, string, bool) {
	all := propertyNames(r.layer, keys)
	for _, k := range all {
		if v, ok := r.props[k]; ok && v != nil {
			return normaliseNumber(v), k, true
		}
	}
	if r.norm == nil {
		r.norm = make(map[string]string, len(r.props))
		for k := range r.props {
			n := table.NormaliseHeader(k)
			if prev, dup := r.norm[n]; !dup || k < prev { // the same choice whatever the map order
				r.norm[n] = k
			}
		}
	}
	for _, k := range all {
		if name, ok := r.norm[table.NormaliseHeader(k)]; ok {
			if v := r.props[name]; v != nil {
				return normaliseNumber(v), name, true
			}
		}
	}
	return nil, "", false
}

func normaliseNumber(v any) any {
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if !strings.ContainsAny(s, ".eE") {
			if i, err := x.Int64(); err == nil && int64(float64(i)) == i {
				return float64(i)
			}
			return s // an integer float64 cannot hold exactly, e.g. a 64-bit id: keep its digits
		}
		if f, err := x.Float64(); err == nil {
			return f
		}
		return s
	case int64:
		if int64(float64(x)) == x {
			return float64(x)
		}
		return strconv.FormatInt(x, 10)
	case int:
		return normaliseNumber(int64(x))
	}
	return v
}

func (r *featureReader) text(keys []string) string {
	v, _, ok := r.lookup(keys)
	if !ok {
		return ""
	}
	return textOf(v)
}

func (r *featureReader) int(keys []string, marks ...string) int {
	v, key, ok := r.lookup(keys)
	if !ok {
		return 0
	}
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e9 {
			return int(x)
		}
	case string:
		s := strings.TrimSpace(x)
		for _, m := range marks {
			s = strings.TrimSuffix(s, m)
		}
		if s == "" {
			return 0
		}
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return n
		}
	}
	r.fail(key, "%s is not a whole number", quoteValue(v))
	return 0
}

func (r *featureReader) float(keys []string) float64 {
	v, key, ok := r.lookup(keys)
	if !ok {
		return 0
	}
	switch x := v.(type) {
	case float64:
		return x
	case string:
		if strings.TrimSpace(x) == "" {
			return 0
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
	r.fail(key, "%s is not a number", quoteValue(v))
	return 0
}

func (r *featureReader) bool(keys []string) bool {
	v, key, ok := r.lookup(keys)
	if !ok {
		return false
	}
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		if x == 0 || x == 1 {
			return x == 1
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "", "no", "false", "0", "否", "无":
			return false
		case "yes", "true", "1", "是", "有":
			return true
		}
	}
	r.fail(key, "%s is not yes or no", quoteValue(v))
	return false
}

// synthetic reads the synthetic and synthetic_fields properties.
func (r *featureReader) synthetic() []string {
	if !r.bool(keysSynthetic) {
		return nil
	}
	v, key, ok := r.lookup(keysSynthFields)
	if !ok {
		return []string{"*"}
	}
	var fields []string
	switch x := v.(type) {
	case string:
		for _, f := range strings.Split(x, ",") {
			if f = strings.TrimSpace(f); f != "" {
				fields = append(fields, f)
			}
		}
	case []any:
		for _, f := range x {
			if s, ok := f.(string); ok && strings.TrimSpace(s) != "" {
				fields = append(fields, strings.TrimSpace(s))
			} else {
				r.fail(key, "%s is not a list of field names", quoteValue(v))
				return []string{"*"}
			}
		}
	default:
		r.fail(key, "%s is not a list of field names", quoteValue(v))
	}
	if len(fields) == 0 {
		return []string{"*"}
	}
	return fields
}

// geometry checks the feature's geometry type; polygonal accepts Polygon and MultiPolygon,
// and pointOK also Point.
func (r *featureReader) geometry(f *geojson.Feature, pointOK bool) orb.Geometry {
	switch g := f.Geometry.(type) {
	case nil:
		r.fail("", "has no geometry")
	case orb.Polygon, orb.MultiPolygon:
		return g
	case orb.Point:
		if pointOK {
			return g
		}
		r.fail("", "geometry is a Point; want a Polygon or MultiPolygon")
	default:
		want := "a Polygon or MultiPolygon"
		if pointOK {
			want = "a Point, Polygon or MultiPolygon"
		}
		r.fail("", "geometry is a %s; want %s", g.GeoJSONType(), want)
	}
	return nil
}

func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// CompoundsFromFeatures makes compounds from a layer of polygon features, reading the
// properties listed above. file names the layer in messages. On any problem it returns nil and
// FeatureErrors listing every one.
func CompoundsFromFeatures(file string, features []*geojson.Feature) ([]Compound, error) {
	var errs FeatureErrors
	out := make([]Compound, 0, len(features))
	for i, f := range features {
		if f == nil { // "features": [null] decodes to a nil feature
			errs = append(errs, &FeatureError{File: file, Index: i, Err: errNullFeature})
			continue
		}
		r := newFeatureReader("compounds", file, i, f, &errs)
		out = append(out, Compound{
			ID:           r.id,
			Name:         r.text(keysName),
			Boundary:     r.geometry(f, false),
			BuiltYear:    r.int(keysBuiltYear, "年"),
			Community:    r.text(keysCommunity),
			Street:       r.text(keysStreet),
			District:     r.text(keysDistrict),
			FieldOffice:  r.text(keysFieldOffice),
			PropertyUnit: r.text(keysPropertyUnit),
			SiteArea:     r.float(keysSiteArea),
			Synthetic:    r.synthetic(),
		})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// BuildingFeature is a building read from a layer, with the compound its layer says it
// belongs to.
type BuildingFeature struct {
	// Compound is the compound's ID or name from the layer; empty when the layer does not say.
	Compound string
	Building Building
}

// BuildingsFromFeatures makes buildings from a layer of polygon features, reading the
// properties listed above. On any problem it returns nil and FeatureErrors listing every one.
func BuildingsFromFeatures(file string, features []*geojson.Feature) ([]BuildingFeature, error) {
	var errs FeatureErrors
	out := make([]BuildingFeature, 0, len(features))
	for i, f := range features {
		if f == nil { // "features": [null] decodes to a nil feature
			errs = append(errs, &FeatureError{File: file, Index: i, Err: errNullFeature})
			continue
		}
		r := newFeatureReader("buildings", file, i, f, &errs)
		b := Building{
			ID:          r.id,
			Name:        r.text(keysName),
			Footprint:   r.geometry(f, false),
			Storeys:     r.int(keysStoreys, "层"),
			BuiltYear:   r.int(keysBuiltYear, "年"),
			HasElevator: r.bool(keysElevator),
			FloorArea:   r.float(keysFloorArea),
			Synthetic:   r.synthetic(),
		}
		if s := r.text(keysStructure); s != "" {
			st, err := ParseStructure(s)
			if err != nil {
				r.fail("structure", "%v", err)
			}
			b.Structure = st
		}
		out = append(out, BuildingFeature{Compound: r.text(keysCompoundRef), Building: b})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// FacilitiesFromFeatures makes facilities from a layer of point or polygon features with a
// kind property. On any problem it returns nil and FeatureErrors listing every one.
func FacilitiesFromFeatures(file string, features []*geojson.Feature) ([]Facility, error) {
	var errs FeatureErrors
	out := make([]Facility, 0, len(features))
	for i, f := range features {
		if f == nil { // "features": [null] decodes to a nil feature
			errs = append(errs, &FeatureError{File: file, Index: i, Err: errNullFeature})
			continue
		}
		r := newFeatureReader("facilities", file, i, f, &errs)
		fac := Facility{ID: r.id, Name: r.text(keysName), Location: r.geometry(f, true), Synthetic: r.synthetic()}
		kind, err := ParseFacilityKind(r.text(keysKind))
		if err != nil {
			r.fail("kind", "%v", err)
		}
		fac.Kind = kind
		out = append(out, fac)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// GreenSpacesFromFeatures makes green spaces from a layer of polygon features. On any problem
// it returns nil and FeatureErrors listing every one.
func GreenSpacesFromFeatures(file string, features []*geojson.Feature) ([]GreenSpace, error) {
	var errs FeatureErrors
	out := make([]GreenSpace, 0, len(features))
	for i, f := range features {
		if f == nil { // "features": [null] decodes to a nil feature
			errs = append(errs, &FeatureError{File: file, Index: i, Err: errNullFeature})
			continue
		}
		r := newFeatureReader("green", file, i, f, &errs)
		out = append(out, GreenSpace{ID: r.id, Name: r.text(keysName), Area: r.geometry(f, false), Synthetic: r.synthetic()})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// ZonesFromFeatures makes zones from a layer of polygon features with a kind property. On any
// problem it returns nil and FeatureErrors listing every one.
func ZonesFromFeatures(file string, features []*geojson.Feature) ([]Zone, error) {
	var errs FeatureErrors
	out := make([]Zone, 0, len(features))
	for i, f := range features {
		if f == nil { // "features": [null] decodes to a nil feature
			errs = append(errs, &FeatureError{File: file, Index: i, Err: errNullFeature})
			continue
		}
		r := newFeatureReader("zones", file, i, f, &errs)
		z := Zone{ID: r.id, Name: r.text(keysName), FieldOffice: r.text(keysFieldOffice), Boundary: r.geometry(f, false), Synthetic: r.synthetic()}
		kind, err := ParseZoneKind(r.text(keysKind))
		if err != nil {
			r.fail("kind", "%v", err)
		}
		z.Kind = kind
		out = append(out, z)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// ErrNoCompound is wrapped when a building cannot be placed in any compound.
var ErrNoCompound = errors.New("building names no compound")

// AddBuildings places buildings into the district's compounds by the compound each names (by
// ID, else by name). On any problem it changes nothing and returns FeatureErrors naming the
// buildings; file names the layer in messages.
func (d *District) AddBuildings(file string, bs []BuildingFeature) error {
	refs := d.CompoundRefs()
	targets := make([]int, len(bs))
	var errs FeatureErrors
	for k, b := range bs {
		ci, ok := refs.Find(b.Compound)
		switch {
		case b.Compound == "":
			errs = append(errs, &FeatureError{File: file, Index: k, ID: b.Building.ID, Field: "compound", Err: ErrNoCompound})
		case !ok:
			errs = append(errs, &FeatureError{File: file, Index: k, ID: b.Building.ID, Field: "compound", Err: fmt.Errorf("compound %q is not in the district", b.Compound)})
		}
		targets[k] = ci
	}
	if len(errs) > 0 {
		return errs
	}
	for k, b := range bs {
		c := &d.Compounds[targets[k]]
		c.Buildings = append(c.Buildings, b.Building)
	}
	return nil
}
