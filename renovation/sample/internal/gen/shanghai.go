package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// compound is a compound being assembled.
type compound struct {
	id, name string
	geom     orb.Geometry
	feature  *geojson.Feature
	avoid    []orb.Geometry // mapped footprints
}

func (c *compound) ref() string {
	if c.name != "" {
		return c.name
	}
	return c.id
}

// storeysFromHeight recovers storeys from a Tilezen height: Tilezen writes levels × 3 + 2 m
// when OpenStreetMap has only building:levels, so heights on that lattice give the storeys.
func storeysFromHeight(props geojson.Properties) (int, bool) {
	h, ok := props["height"].(float64)
	if !ok || h < 5 {
		return 0, false
	}
	levels := (h - 2) / 3
	if levels != math.Trunc(levels) {
		return 0, false
	}
	return int(levels), true
}

var primarySchool = regexp.MustCompile(`小学|(?i)primary`)

// shanghaiKinds maps Tilezen POI and landuse kinds to facility kinds.
func shanghaiKind(kind, name string) string {
	switch kind {
	case "kindergarten":
		return "kindergarten"
	case "school":
		if primarySchool.MatchString(name) {
			return "primary_school"
		}
		return "school" // level not tagged: not counted as primary or middle school
	case "hospital", "pharmacy", "supermarket", "convenience", "park", "bus_stop", "post_office", "library":
		return kind
	case "subway_entrance":
		return "metro_station"
	}
	return ""
}

func buildShanghai(dir string, rng *rand.Rand) (*district, error) {
	landuse, err := readLayer(filepath.Join(dir, "landuse.geojson"))
	if err != nil {
		return nil, err
	}
	osmBuildings, err := readLayer(filepath.Join(dir, "buildings.geojson"))
	if err != nil {
		return nil, err
	}
	pois, err := readLayer(filepath.Join(dir, "pois.geojson"))
	if err != nil {
		return nil, err
	}
	d := &district{name: "陆家嘴样例片区 Lujiazui sample"}

	// Compounds: the residential landuse polygons, their tile pieces dissolved.
	var comps []*compound
	for _, g := range groupPolygons(landuse, func(p geojson.Properties) bool { return p["kind"] == "residential" }) {
		geom, err := dissolve(g.pieces)
		if err != nil {
			return nil, fmt.Errorf("compound %d: %w", g.id, err)
		}
		comps = append(comps, &compound{id: fmt.Sprintf("osm-%d", g.id), name: g.props.MustString("name", ""), geom: geom})
	}
	sort.SliceStable(comps, func(i, j int) bool {
		a, b := comps[i], comps[j]
		if (a.name == "") != (b.name == "") {
			return a.name != ""
		}
		return a.name < b.name
	})
	// Field offices (片区) are invented to show counts by field office: north and south of the
	// compounds' median latitude.
	lats := make([]float64, len(comps))
	for i, c := range comps {
		lats[i] = insidePoint(c.geom)[1]
	}
	sorted := append([]float64(nil), lats...)
	sort.Float64s(sorted)
	median := sorted[len(sorted)/2]
	for i, c := range comps {
		office := "南片区"
		if lats[i] >= median {
			office = "北片区"
		}
		props := map[string]any{"id": c.id, "name": c.name, "field_office": office}
		fields := []string{"field_office"}
		// The Huangpu runs west of 121.497°E across the compounds' latitudes here: east of it
		// is Pudong. The generator infers this, so it is marked.
		if insidePoint(c.geom)[0] >= 121.497 {
			props["district"] = "浦东新区"
			fields = append(fields, "district")
		}
		if c.name != "" {
			// The named 新村 and 小区 are the 1980s–90s walk-up estates; their exact years are
			// not in OpenStreetMap, so they are drawn here. Unnamed areas keep no year.
			props["built_year"] = 1980 + rng.IntN(17)
			fields = append(fields, "built_year")
		}
		c.feature = newFeature(c.geom, props)
		synthetic(c.feature, fields...)
		d.compounds = append(d.compounds, c.feature)
	}

	// Buildings mapped in OpenStreetMap that stand in a compound.
	type placed struct {
		c     *compound
		f     *geojson.Feature
		units int
		res   bool
		tower bool
	}
	var mapped []placed
	for _, g := range groupPolygons(osmBuildings, func(geojson.Properties) bool { return true }) {
		geom, err := dissolve(g.pieces)
		if err != nil {
			return nil, fmt.Errorf("building %d: %w", g.id, err)
		}
		p := insidePoint(geom)
		var in *compound
		for _, c := range comps {
			if within(p, c.geom) {
				in = c
				break
			}
		}
		if in == nil {
			continue
		}
		in.avoid = append(in.avoid, geom)
		props := map[string]any{"id": fmt.Sprintf("osm-%d", g.id), "name": g.props.MustString("name", ""), "compound": in.id}
		var fields []string
		storeys, known := storeysFromHeight(g.props)
		if !known {
			storeys = 6
			fields = append(fields, "storeys")
		}
		props["storeys"] = storeys
		tower := storeys >= 10
		if tower {
			props["structure"], props["has_elevator"] = "shear_wall", true
		} else {
			props["structure"], props["has_elevator"] = "brick_concrete", false
		}
		fields = append(fields, "structure", "has_elevator")
		f := newFeature(geom, props)
		synthetic(f, fields...)
		kd := g.props.MustString("kind_detail", "")
		res := kd == "" || kd == "apartments" || kd == "residential" || kd == "house"
		long, _ := extent(geom)
		units := max(1, int(math.Round(long/stairwellSpan)))
		if tower {
			units = 1
		}
		mapped = append(mapped, placed{c: in, f: f, units: units, res: res, tower: tower})
	}

	// Generated slab blocks where a compound has no mapped building, with the lawns between
	// their rows, then the rosters.
	var generatedLawns []*geojson.Feature
	for ci, c := range comps {
		gen := newRosterGen(rng, ci+1)
		for _, m := range mapped {
			if m.c != c {
				continue
			}
			d.buildings = append(d.buildings, m.f)
			if !m.res {
				continue
			}
			storeys := m.f.Properties["storeys"].(int)
			if m.tower {
				d.roster = append(d.roster, gen.building(c.ref(), m.f.Properties["id"].(string), 1, storeys, 4, 8000, 14000)...)
			} else {
				d.roster = append(d.roster, gen.building(c.ref(), m.f.Properties["id"].(string), m.units, storeys, 2, 4200, 6800)...)
			}
		}
		if len(c.avoid) > 0 || c.name == "" {
			continue // unnamed areas without mapped buildings stay empty rather than invented
		}
		slabs, lawns := layoutSlabs(c.geom, c.avoid, rng)
		for n, lawn := range lawns {
			f := newFeature(lawn, map[string]any{"id": fmt.Sprintf("gen-%02d-lawn-%d", ci+1, n+1), "name": "宅间绿地"})
			synthetic(f)
			generatedLawns = append(generatedLawns, f)
		}
		for n, s := range slabs {
			id := strconv.Itoa(n + 1)
			f := newFeature(s.footprint, map[string]any{"id": id, "name": id + "号楼", "compound": c.id,
				"storeys": 6, "structure": "brick_concrete", "has_elevator": false})
			synthetic(f)
			d.buildings = append(d.buildings, f)
			d.roster = append(d.roster, gen.building(c.ref(), id, s.units, 6, 2, 4200, 6800)...)
		}
	}

	// Facilities: landuse sites first (a school's grounds beat its label point), then POIs.
	seen := map[string]bool{}
	for _, g := range groupPolygons(landuse, func(p geojson.Properties) bool {
		k := p.MustString("kind", "")
		return k == "school" || k == "hospital" || k == "library" || k == "park"
	}) {
		name := g.props.MustString("name", "")
		kind := shanghaiKind(g.props.MustString("kind", ""), name)
		geom, err := dissolve(g.pieces)
		if err != nil {
			return nil, fmt.Errorf("facility %d: %w", g.id, err)
		}
		id := fmt.Sprintf("osm-%d", g.id)
		seen[id] = true
		d.facilities = append(d.facilities, newFeature(geom, map[string]any{"id": id, "name": name, "kind": kind}))
	}
	poiOrder := make([]*geojson.Feature, 0, len(pois))
	for _, f := range pois {
		if _, ok := f.Geometry.(orb.Point); ok {
			poiOrder = append(poiOrder, f)
		}
	}
	sort.SliceStable(poiOrder, func(i, j int) bool {
		return poiOrder[i].Properties.MustFloat64("id", 0) < poiOrder[j].Properties.MustFloat64("id", 0)
	})
	for _, f := range poiOrder {
		name := f.Properties.MustString("name", "")
		kind := shanghaiKind(f.Properties.MustString("kind", ""), name)
		id := fmt.Sprintf("osm-%d", int64(f.Properties.MustFloat64("id", 0)))
		if kind == "" || seen[id] {
			continue
		}
		seen[id] = true
		d.facilities = append(d.facilities, newFeature(f.Geometry, map[string]any{"id": id, "name": name, "kind": kind}))
	}

	// Green spaces: lawns, gardens, parks and woods.
	greenKinds := map[string]bool{"grass": true, "garden": true, "park": true, "forest": true, "natural_wood": true, "recreation_ground": true}
	for _, g := range groupPolygons(landuse, func(p geojson.Properties) bool { return greenKinds[p.MustString("kind", "")] }) {
		geom, err := dissolve(g.pieces)
		if err != nil {
			return nil, fmt.Errorf("green %d: %w", g.id, err)
		}
		d.green = append(d.green, newFeature(geom, map[string]any{"id": fmt.Sprintf("osm-%d", g.id), "name": g.props.MustString("name", "")}))
	}
	d.green = append(d.green, generatedLawns...)

	d.zone = shanghaiZones(comps)
	return d, nil
}

// shanghaiZones invents a programme scope and an exclusion, both marked synthetic: the scope is
// the box round the named compounds, cut through the middle of the easternmost one so that a
// compound straddles its edge; the exclusion covers the southern part of 乳山二村, as if that
// part had been renovated already.
func shanghaiZones(comps []*compound) []*geojson.Feature {
	var named orb.Bound
	first := true
	var east *compound
	for _, c := range comps {
		if c.name == "" {
			continue
		}
		b := c.geom.Bound()
		if first {
			named, first = b, false
		} else {
			named = named.Union(b)
		}
		if east == nil || b.Max[0] > east.geom.Bound().Max[0] {
			east = c
		}
	}
	const pad = 0.0005 // about 50 m
	eb := east.geom.Bound()
	scope := orb.Bound{Min: orb.Point{named.Min[0] - pad, named.Min[1] - pad}, Max: orb.Point{(eb.Min[0] + eb.Max[0]) / 2, named.Max[1] + pad}}
	zs := []*geojson.Feature{newFeature(scope.ToPolygon(), map[string]any{"id": "scope-2026", "name": "2026年度改造实施范围（模拟）", "kind": "scope", "field_office": "陆家嘴"})}
	synthetic(zs[0])
	for _, c := range comps {
		if c.name != "乳山二村" {
			continue
		}
		b := c.geom.Bound()
		cut := b.Min[1] + 0.4*(b.Max[1]-b.Min[1])
		ex := orb.Bound{Min: orb.Point{b.Min[0] - pad, b.Min[1] - pad}, Max: orb.Point{b.Max[0] + pad, cut}}
		f := newFeature(ex.ToPolygon(), map[string]any{"id": "done-2019", "name": "2019年已完成综合整治区域（模拟）", "kind": "exclusion", "field_office": "陆家嘴"})
		synthetic(f)
		zs = append(zs, f)
	}
	return zs
}
