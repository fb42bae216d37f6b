package main

import (
	"os"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo/gpkg"
	"github.com/xiaoqu/xiaoqu/renovation"
)

// fileTime is written as the GeoPackage's last_change, so that the same district gives the
// same file byte for byte.
var fileTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// multi makes every polygonal layer one geometry type (MULTIPOLYGON), which GIS software prefers.
func multi(g orb.Geometry) orb.Geometry {
	if p, ok := g.(orb.Polygon); ok {
		return orb.MultiPolygon{p}
	}
	return g
}

func feature(g orb.Geometry, props geojson.Properties) *geojson.Feature {
	f := geojson.NewFeature(g)
	f.Properties = props
	return f
}

func fields(spec string) []gpkg.Field {
	var fs []gpkg.Field
	for _, part := range strings.Fields(spec) {
		name, typ, _ := strings.Cut(part, ":")
		t := map[string]gpkg.FieldType{"t": gpkg.Text, "i": gpkg.Integer, "r": gpkg.Real, "b": gpkg.Boolean}[typ]
		fs = append(fs, gpkg.Field{Name: name, Type: t})
	}
	return fs
}

// writeGeoPackage writes the layers compounds (with the indicator, eligibility and coverage
// columns), buildings, facilities and gaps (one feature per compound lacking a kind) in
// CGCS2000 (EPSG:4490), whose coordinates are the district's WGS84 ones.
func writeGeoPackage(path string, r *results) error {
	d := r.District
	elig := map[string]renovation.Eligibility{}
	for _, e := range r.Eligibility {
		elig[e.CompoundID] = e
	}
	var compounds, buildings, facilities, gaps []*geojson.Feature
	for i, ind := range r.Indicators.Compounds {
		c := &d.Compounds[i]
		if c.Boundary == nil {
			continue
		}
		e := elig[c.ID]
		compounds = append(compounds, feature(multi(c.Boundary), geojson.Properties{
			"compound_id": c.ID, "name": c.Label(), "built_year": int64(c.BuiltYear), "synthetic": strings.Join(c.Synthetic, ","),
			"site_area_m2": ind.RatioArea, "footprint_area_m2": ind.FootprintArea, "building_coverage": ind.BuildingCoverage,
			"floor_area_m2": ind.FloorArea, "far": ind.FAR, "green_ratio": ind.GreenRatio, "households": int64(ind.Households),
			"residents": int64(ind.Residents), "households_per_ha": ind.HouseholdsPerHectare, "elevator_candidates": int64(ind.ElevatorCandidates),
			"eligibility": string(e.Status), "eligibility_reason": e.ReasonZH,
			"life_circle_covered": int64(r.Covered[c.ID]), "life_circle_kinds": int64(len(r.LifeCircle.Kinds)),
		}))
		for _, b := range c.Buildings {
			if b.Footprint == nil {
				continue
			}
			buildings = append(buildings, feature(multi(b.Footprint), geojson.Properties{
				"compound_id": c.ID, "building_id": b.ID, "name": b.Label(), "storeys": int64(b.Storeys),
				"has_elevator": b.HasElevator, "elevator_candidate": b.ElevatorCandidate(),
				"synthetic": strings.Join(b.Synthetic, ","),
			}))
		}
	}
	for _, f := range d.Facilities {
		facilities = append(facilities, feature(facilityPoint(f), geojson.Properties{
			"facility_id": f.ID, "name": f.Name, "kind": string(f.Kind), "kind_zh": f.Kind.Chinese(), "site": !isPoint(f.Location),
		}))
	}
	for _, s := range r.LifeCircle.Kinds {
		for _, g := range s.Gaps {
			c := d.Compound(g.ID)
			nearest := -1.0 // no facility of the kind in the district
			if g.Nearest != nil {
				nearest = *g.Nearest
			}
			gaps = append(gaps, feature(multi(c.Boundary), geojson.Properties{
				"compound_id": g.ID, "name": g.Name, "kind": string(s.Kind), "kind_zh": s.Kind.Chinese(), "tier": string(s.Tier),
				"radius_m": s.Radius, "households": int64(g.Households), "nearest_m": nearest,
			}))
		}
	}
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	const srs = 4490
	return gpkg.WriteFile(path, &gpkg.Options{Time: fileTime},
		gpkg.Layer{Name: "compounds", Description: "小区 compounds with indicators, eligibility and life-circle coverage", SRSID: srs, GeometryType: "MULTIPOLYGON", Features: compounds,
			Fields: fields("compound_id:t name:t built_year:i synthetic:t site_area_m2:r footprint_area_m2:r building_coverage:r floor_area_m2:r far:r green_ratio:r households:i residents:i households_per_ha:r elevator_candidates:i eligibility:t eligibility_reason:t life_circle_covered:i life_circle_kinds:i")},
		gpkg.Layer{Name: "buildings", Description: "楼栋 buildings", SRSID: srs, GeometryType: "MULTIPOLYGON", Features: buildings,
			Fields: fields("compound_id:t building_id:t name:t storeys:i has_elevator:b elevator_candidate:b synthetic:t")},
		gpkg.Layer{Name: "facilities", Description: "设施 facilities (sites drawn at the centre of their bound)", SRSID: srs, GeometryType: "POINT", Features: facilities,
			Fields: fields("facility_id:t name:t kind:t kind_zh:t site:b")},
		gpkg.Layer{Name: "gaps", Description: "设施缺口 compounds lacking a kind of facility within reach; nearest_m -1 when the district has none", SRSID: srs, GeometryType: "MULTIPOLYGON", Features: gaps,
			Fields: fields("compound_id:t name:t kind:t kind_zh:t tier:t radius_m:r households:i nearest_m:r")},
	)
}

func isPoint(g orb.Geometry) bool {
	_, ok := g.(orb.Point)
	return ok
}
