package load

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
	"github.com/xiaoqu/xiaoqu/geo/osm"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// OSMAttribution is the attribution a district read from OpenStreetMap carries.
const OSMAttribution = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"

// OSMOptions are the options of ReadOSM; the zero value (or nil) reads with geo/osm's limits
// and the default facility table.
type OSMOptions struct {
	// ID and Name are the district's; Name defaults to the file's base name.
	ID, Name string
	// Read bounds what reading the file may allocate (geo/osm's defaults when zero).
	Read osm.ReadOptions
	// Join places the buildings in the compounds; its RunOptions also run the reading.
	Join renovation.JoinOptions
	// Facilities maps tags to facility kinds; nil means DefaultFacilityTable.
	Facilities *FacilityTable
}

// OSMReport says what ReadOSM read from the file and what it left out.
type OSMReport struct {
	File   string `json:"file"`
	Format string `json:"format"`
	// Nodes, Ways and Relations count the file's elements.
	Nodes     int `json:"nodes"`
	Ways      int `json:"ways"`
	Relations int `json:"relations"`
	// Gates counts the gate and entrance nodes (osm.Features.Gates); the model does not hold
	// them.
	Gates int `json:"gates"`
	// Problems are geo/osm's: what reading resolved and the features it could not build
	// (a broken multipolygon, a missing node, unreadable building:levels), as "way 12: ...".
	Problems []string `json:"problems"`
	// LeftOut are the features this loader left out: a geometry geo.Repair cannot fix, an
	// amenity drawn as a line.
	LeftOut []string `json:"left_out"`
	// Unmapped counts the amenities whose tags the facility table maps to no kind, by their
	// main tag ("amenity=parking"), sorted by tag.
	Unmapped []TagCount `json:"unmapped"`
}

// TagCount is a tag and how many features carry it.
type TagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

// ReadOSM reads a district from an OpenStreetMap file (.osm XML or .osm.pbf, see geo/osm):
// a compound for each residential area (landuse=residential, residential=*, named
// place=neighbourhood areas), the buildings placed in the compounds by location as District
// places buildings that name no compound (renovation.District.PlaceBuildings), their storeys
// from building:levels, and a facility for each amenity the facility table maps to a kind.
// IDs are the elements' own, "way/123" or "relation/45"; names are the name tags. Polygons
// are repaired as District repairs them and the repairs are in the report's layers.
//
// Nothing is generated: what OSM does not say (built years, storeys where untagged) is left
// unknown, so nothing is marked synthetic. The district's attribution is OSMAttribution.
// Gates are not put in the model; read them with geo/osm (Features().Gates).
//
// Unlike District, which refuses a planner's file with any bad feature, ReadOSM leaves out
// what it cannot use and says so in the report (OSMReport, and Report.Notes): OSM data is
// read as it is mapped. Errors: the file cannot be read (geo/osm's *osm.Error), the facility
// table is bad, ctx is done, or the district fails validation.
func ReadOSM(ctx context.Context, path string, opts *OSMOptions) (*renovation.District, *Report, error) {
	var o OSMOptions
	if opts != nil {
		o = *opts
	}
	table := o.Facilities
	if table == nil {
		var err error
		if table, err = DefaultFacilityTable(); err != nil {
			return nil, nil, err
		}
	}
	data, err := osm.ReadFile(path, &o.Read)
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	f := data.Features()
	or := &OSMReport{File: path, Format: data.Format.String(), Nodes: data.NodeCount(), Ways: len(data.Ways), Relations: len(data.Relations),
		Gates: len(f.Gates), Problems: []string{}, LeftOut: []string{}, Unmapped: []TagCount{}}
	for _, p := range f.Problems {
		or.Problems = append(or.Problems, p.String())
	}
	rep := &Report{Layers: []LayerReport{}, OSM: or}
	d := &renovation.District{ID: o.ID, Name: o.Name, Attribution: OSMAttribution}
	if d.Name == "" {
		d.Name = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".pbf"), ".osm")
	}

	// layer repairs a layer's geometries, leaving out (and reporting) those it cannot.
	layer := func(role string, fs []*geojson.Feature) *Layer {
		l := &Layer{File: path, Layer: role, CRS: geo.WGS84, CRSFrom: FromFile, Features: fs}
		if err := l.normalise(); err != nil {
			var fe renovation.FeatureErrors
			if !errors.As(err, &fe) {
				fe = nil
			}
			bad := map[int]bool{}
			for _, e := range fe {
				bad[e.Index] = true
				or.LeftOut = append(or.LeftOut, fmt.Sprintf("%s %s: %v; left out", role, e.ID, e.Err))
			}
			kept := l.Features[:0]
			for i, ft := range l.Features {
				if !bad[i] {
					kept = append(kept, ft)
				}
			}
			l.Features = kept
		}
		rep.Layers = append(rep.Layers, LayerReport{Role: role, File: path, Layer: role, CRS: crsName(geo.WGS84), CRSFrom: FromFile,
			Features: len(l.Features), Repairs: l.Repairs})
		return l
	}

	var cf []*geojson.Feature
	for _, r := range f.Residential {
		cf = append(cf, feature(r, nil))
	}
	cl := layer("compounds", cf)
	if d.Compounds, err = renovation.CompoundsFromFeatures(cl.label(), cl.Features); err != nil {
		return nil, nil, err
	}

	var bf []*geojson.Feature
	for _, b := range f.Buildings {
		props := geojson.Properties{}
		if b.Levels > 0 {
			props["storeys"] = b.Levels
		}
		bf = append(bf, feature(b.Feature, props))
	}
	bl := layer("buildings", bf)
	bs, err := renovation.BuildingsFromFeatures(bl.label(), bl.Features)
	if err != nil {
		return nil, nil, err
	}
	jr, err := d.PlaceBuildings(ctx, bl.label(), bs, &o.Join)
	if err != nil {
		return nil, nil, err
	}
	if len(jr.Placed)+len(jr.Ambiguous)+len(jr.Unassigned) > 0 {
		rep.Join = jr
	}

	var ff []*geojson.Feature
	unmapped := map[string]int{}
	for _, a := range f.Amenities {
		kind, _, ok := table.Kind(a.Tags)
		if !ok {
			unmapped[mainTag(a.Tags)]++
			continue
		}
		if _, line := a.Geometry.(orb.LineString); line {
			or.LeftOut = append(or.LeftOut, fmt.Sprintf("facility %s/%d (%s): drawn as a line, not a point or an area; left out", a.Element, a.ID, kind))
			continue
		}
		ff = append(ff, feature(a, geojson.Properties{"kind": string(kind)}))
	}
	for tag, n := range unmapped {
		or.Unmapped = append(or.Unmapped, TagCount{Tag: tag, Count: n})
	}
	slices.SortFunc(or.Unmapped, func(a, b TagCount) int { return strings.Compare(a.Tag, b.Tag) })
	fl := layer("facilities", ff)
	if d.Facilities, err = renovation.FacilitiesFromFeatures(fl.label(), fl.Features); err != nil {
		return nil, nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, nil, fmt.Errorf("load: %s: %w", path, err)
	}
	return d, rep, nil
}

// feature makes a GeoJSON feature of an OSM feature: id "way/123", its name, and props.
func feature(f osm.Feature, props geojson.Properties) *geojson.Feature {
	g := geojson.NewFeature(f.Geometry)
	if props == nil {
		props = geojson.Properties{}
	}
	props["id"] = string(f.Element) + "/" + strconv.FormatInt(f.ID, 10)
	if f.Name != "" {
		props["name"] = f.Name
	}
	g.Properties = props
	return g
}

// mainTag is the tag an amenity is listed by: the first of geo/osm's amenity keys it has,
// else its highway or railway tag.
func mainTag(tags map[string]string) string {
	for _, k := range append(slices.Clone(osm.AmenityKeys), "highway", "railway") {
		if v, ok := tags[k]; ok {
			return k + "=" + v
		}
	}
	return ""
}
