package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"

	"github.com/paulmach/orb"
)

// buildBeijing makes the BUPT staff-housing sample: three residential polygons, the 29
// buildings OpenStreetMap places in them, and the facilities nearby. OpenStreetMap names none
// of the polygons and gives no storeys, so names, storeys, years and the property unit are
// generated and marked.
func buildBeijing(dir string, rng *rand.Rand) (*district, error) {
	compoundsFS, err := readLayer(filepath.Join(dir, "compounds.geojson"))
	if err != nil {
		return nil, err
	}
	buildingsFS, err := readLayer(filepath.Join(dir, "buildings.geojson"))
	if err != nil {
		return nil, err
	}
	pois, err := readLayer(filepath.Join(dir, "pois.geojson"))
	if err != nil {
		return nil, err
	}
	d := &district{name: "北邮家属区样例 BUPT staff housing sample"}
	// Larger compounds first; names are ordinal labels, not OpenStreetMap names.
	sort.SliceStable(compoundsFS, func(i, j int) bool {
		return compoundsFS[i].Properties.MustFloat64("_area_m2", 0) > compoundsFS[j].Properties.MustFloat64("_area_m2", 0)
	})
	// Polygons holding staff blocks are labelled as BUPT staff housing (北邮家属区), as the
	// blocks' names (N号楼, 家属27号楼) show; a polygon with no building stays unnamed.
	ordinals := []string{"一", "二", "三", "四", "五"}
	index := map[string]int{}
	refs := make([]string, len(compoundsFS))
	named := 0
	for i, f := range compoundsFS {
		id := f.Properties.MustString("@id", "")
		index[id] = i
		refs[i] = id
		props := map[string]any{"id": id, "district": "海淀区"}
		if f.Properties.MustFloat64("_building_count", 0) > 0 {
			refs[i] = fmt.Sprintf("北邮家属区（%s）", ordinals[named])
			named++
			props["name"], props["property_unit"], props["built_year"] = refs[i], "北京邮电大学", 1982+rng.IntN(15)
		}
		feat := newFeature(f.Geometry, props)
		if props["name"] != nil {
			synthetic(feat, "name", "property_unit", "built_year")
		}
		d.compounds = append(d.compounds, feat)
	}
	gens := make([]*rosterGen, len(compoundsFS))
	for i := range gens {
		gens[i] = newRosterGen(rng, i+1)
	}
	for _, f := range buildingsFS {
		cid, _ := f.Properties["_compound"].(string)
		ci, ok := index[cid]
		if !ok {
			continue
		}
		poly, ok := f.Geometry.(orb.Polygon)
		if !ok {
			continue
		}
		id := f.Properties.MustString("@id", "")
		storeys := 5 + rng.IntN(2) // staff blocks of that era: 5 or 6 storeys, no elevator
		feat := newFeature(rewind(poly), map[string]any{"id": id, "name": f.Properties.MustString("name", ""), "compound": cid,
			"storeys": storeys, "structure": "brick_concrete", "has_elevator": false})
		synthetic(feat, "storeys", "structure", "has_elevator")
		d.buildings = append(d.buildings, feat)
		if kind := f.Properties.MustString("building", ""); kind != "apartments" && kind != "residential" && kind != "yes" {
			continue
		}
		long, _ := extent(poly)
		units := max(1, int(math.Round(long/stairwellSpan)))
		d.roster = append(d.roster, gens[ci].building(refs[ci], id, units, storeys, 2, 4500, 7500)...)
	}
	for _, f := range pois {
		p := f.Properties
		name := p.MustString("name", "")
		var kind string
		switch {
		case p["amenity"] == "childcare":
			kind = "kindergarten" // 北京邮电大学幼儿园
		case p["amenity"] == "hospital" && name == "北京中仁中医医院":
			kind = "hospital"
		case p["amenity"] == "hospital":
			kind = "clinic" // the community health centre (社区卫生服务中心)
		case p["shop"] == "supermarket":
			kind = "supermarket"
		case p["shop"] == "convenience":
			kind = "convenience"
		case p["leisure"] == "fitness_station":
			kind = "sports_ground"
		default:
			continue // e.g. a phone shop mis-tagged as a marketplace
		}
		d.facilities = append(d.facilities, newFeature(f.Geometry, map[string]any{"id": p.MustString("@id", ""), "name": name, "kind": kind}))
	}
	return d, nil
}
