package renovation

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xiaoqu/xiaoqu/geo"
)

// The properties of a planner's gates layer (see GatesFromFeatures).
var (
	keysPedestrian = []string{"pedestrian", "行人"}
	keysVehicle    = []string{"vehicle", "车辆"}
	keysHours      = []string{"hours", "opening_hours", "开放时间"}
)

// DefaultGatePlaceMetres is how far from a compound's boundary a gate that names no compound
// may lie and still be placed in it (District.PlaceGates).
const DefaultGatePlaceMetres = 20

// GateFeature is a gate read from a planner's layer with the compound it names: the
// compound's ID or name, empty when the gate is to be placed by location.
type GateFeature struct {
	Compound string
	Gate     Gate
}

// GatesFromFeatures makes gates from a layer of point features (a planner's gates layer, the
// first rung of the exit ladder). Properties: id 编号, compound 所属小区 (the compound's ID or
// name; omit to place the gate by location), pedestrian 行人 and vehicle 车辆 (yes/no; a gate
// with neither is a pedestrian gate), hours 开放时间 opening_hours (OSM's opening_hours
// syntax, kept as text). On any problem it returns nil and FeatureErrors listing every one.
func GatesFromFeatures(file string, features []*geojson.Feature) ([]GateFeature, error) {
	var errs FeatureErrors
	out := make([]GateFeature, 0, len(features))
	for i, f := range features {
		if f == nil {
			errs = append(errs, &FeatureError{File: file, Index: i, Err: errNullFeature})
			continue
		}
		r := newFeatureReader("gates", file, i, f, &errs)
		g := Gate{ID: r.id, Rung: ExitPlanner, Pedestrian: r.bool(keysPedestrian), Vehicle: r.bool(keysVehicle), Hours: r.text(keysHours)}
		switch p := r.geometry(f, true).(type) {
		case orb.Point:
			g.Point = p
		case nil:
		default:
			r.fail("geometry", "a gate is a Point, not a %s", p.GeoJSONType())
		}
		out = append(out, GateFeature{Compound: r.text(keysCompoundRef), Gate: g})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// PlaceGates gives each gate to its compound — the one whose ID or name it gives, else the
// compound whose boundary is nearest to it within maxMetres (0 means DefaultGatePlaceMetres;
// on a tie the first in the district's order) — and marks every compound that receives one as
// ExitPlanner. Gates without an ID are numbered within their compound ("g1", "g2", ...).
//
// Errors are FeatureErrors naming the file and the feature: a compound that the district does
// not have, or a gate near no compound. Nothing is placed when any gate fails.
func (d *District) PlaceGates(file string, gates []GateFeature, maxMetres float64) error {
	if !(maxMetres >= 0) || math.IsInf(maxMetres, 0) {
		return fmt.Errorf("%s: gate placement distance %v m is not a finite number ≥ 0", file, maxMetres)
	}
	if maxMetres == 0 {
		maxMetres = DefaultGatePlaceMetres
	}
	byRef := map[string]int{}
	for i := range d.Compounds {
		c := &d.Compounds[i]
		if _, dup := byRef[c.ID]; !dup {
			byRef[c.ID] = i
		}
	}
	for i := range d.Compounds {
		c := &d.Compounds[i]
		if _, dup := byRef[c.Name]; !dup && c.Name != "" {
			byRef[c.Name] = i
		}
	}
	var errs FeatureErrors
	to := make([]int, len(gates))
	for j, gf := range gates {
		fail := func(format string, args ...any) {
			errs = append(errs, &FeatureError{File: file, Index: j, ID: gf.Gate.ID, Field: "compound", Err: fmt.Errorf(format, args...)})
		}
		if gf.Compound != "" {
			i, ok := byRef[gf.Compound]
			if !ok {
				fail("no compound %q", gf.Compound)
			}
			to[j] = i
			continue
		}
		best, bestD := -1, math.Inf(1)
		for i := range d.Compounds {
			c := &d.Compounds[i]
			if c.Boundary == nil {
				continue
			}
			dist, err := geo.GeometryDistance(gf.Gate.Point, c.Boundary)
			if err != nil {
				continue
			}
			if poly := boundaryRings(c.Boundary); dist == 0 && poly != nil {
				// Inside: the distance that counts is the one to the wall.
				dist, _ = geo.GeometryDistance(gf.Gate.Point, poly)
			}
			if dist < bestD {
				best, bestD = i, dist
			}
		}
		if best < 0 || bestD > maxMetres {
			fail("the gate is not within %v m of any compound's boundary", maxMetres)
		}
		to[j] = best
	}
	if len(errs) > 0 {
		return errs
	}
	for j, gf := range gates {
		c := &d.Compounds[to[j]]
		g := gf.Gate
		if g.ID == "" {
			g.ID = fmt.Sprintf("g%d", len(c.Gates)+1)
		}
		g.Rung = ExitPlanner
		c.Gates = append(c.Gates, g)
		c.Exit = ExitPlanner
	}
	return nil
}

// boundaryRings is a polygon's boundary as a MultiLineString, nil for other geometries.
func boundaryRings(g orb.Geometry) orb.Geometry {
	var ml orb.MultiLineString
	add := func(p orb.Polygon) {
		for _, r := range p {
			ml = append(ml, orb.LineString(r))
		}
	}
	switch g := g.(type) {
	case orb.Polygon:
		add(g)
	case orb.MultiPolygon:
		for _, p := range g {
			add(p)
		}
	default:
		return nil
	}
	return ml
}
