package main

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/paulmach/orb/planar"
	"github.com/peterstace/simplefeatures/geom"
	"github.com/xiaoqu/xiaoqu/geo"
	xgeojson "github.com/xiaoqu/xiaoqu/geo/geojson"
)

// toSF converts an orb geometry to simplefeatures through WKB: slow, but this is a one-off
// tool and the conversion is exact.
func toSF(g orb.Geometry) (geom.Geometry, error) {
	b, err := wkb.Marshal(g)
	if err != nil {
		return geom.Geometry{}, err
	}
	return geom.UnmarshalWKB(b)
}

func fromSF(g geom.Geometry) (orb.Geometry, error) {
	return wkb.Unmarshal(g.AsBinary())
}

// dissolve unions the pieces of one feature that vector tiles cut apart at their edges.
func dissolve(pieces []orb.Geometry) (orb.Geometry, error) {
	var gs []geom.Geometry
	for _, p := range pieces {
		g, err := toSF(p)
		if err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	u, err := geom.UnionMany(gs)
	if err != nil {
		return nil, err
	}
	out, err := fromSF(u)
	if err != nil {
		return nil, err
	}
	return rewind(out), nil
}

// rewind orients exterior rings counter-clockwise and holes clockwise (RFC 7946), and makes a
// multipolygon of one polygon a polygon.
func rewind(g orb.Geometry) orb.Geometry {
	g = xgeojson.Rewind(g)
	if mp, ok := g.(orb.MultiPolygon); ok && len(mp) == 1 {
		return mp[0]
	}
	return g
}

// contains reports whether polygonal a contains polygonal b.
func contains(a, b orb.Geometry) bool {
	ga, err1 := toSF(a)
	gb, err2 := toSF(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ok, err := geom.Contains(ga, gb)
	return err == nil && ok
}

// intersects reports whether two geometries share any point.
func intersects(a, b orb.Geometry) bool {
	ga, err1 := toSF(a)
	gb, err2 := toSF(b)
	return err1 == nil && err2 == nil && geom.Intersects(ga, gb)
}

// insidePoint returns a point inside a polygonal geometry (simplefeatures' point on surface).
func insidePoint(g orb.Geometry) orb.Point {
	sg, err := toSF(g)
	if err != nil {
		return orb.Point{math.NaN(), math.NaN()}
	}
	xy, ok := sg.PointOnSurface().XY()
	if !ok {
		return orb.Point{math.NaN(), math.NaN()}
	}
	return orb.Point{xy.X, xy.Y}
}

// within reports whether p lies in polygonal g.
func within(p orb.Point, g orb.Geometry) bool {
	switch v := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(v, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(v, p)
	}
	return false
}

// project maps every position of g through f.
func project(g orb.Geometry, f func(orb.Point) orb.Point) orb.Geometry {
	ring := func(r orb.Ring) orb.Ring {
		out := make(orb.Ring, len(r))
		for i, p := range r {
			out[i] = f(p)
		}
		return out
	}
	poly := func(p orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, len(p))
		for i, r := range p {
			out[i] = ring(r)
		}
		return out
	}
	switch v := g.(type) {
	case orb.Point:
		return f(v)
	case orb.Polygon:
		return poly(v)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(v))
		for i, p := range v {
			out[i] = poly(p)
		}
		return out
	}
	panic(fmt.Sprintf("project: %T", g))
}

// roundCoords rounds lon/lat to 1e-8° (about a millimetre), the quantum of the Tilezen
// source, so generated coordinates do not carry meaningless digits.
func roundCoords(g orb.Geometry) orb.Geometry {
	return project(g, func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*1e8) / 1e8, math.Round(p[1]*1e8) / 1e8}
	})
}

// localFrame is a transverse Mercator centred on a geometry, for laying out footprints in
// metres.
func localFrame(g orb.Geometry) *geo.TransverseMercator {
	return geo.LocalTM(g.Bound().Center())
}

// planarArea is the area in m² of a polygonal geometry in its local frame: good to better than
// 1e-7 for a compound, which is all a layout needs.
func planarArea(g orb.Geometry) float64 {
	tm := localFrame(g)
	return math.Abs(planar.Area(project(g, tm.Forward)))
}

// extent returns the longer and shorter side of g's bounding box in metres.
func extent(g orb.Geometry) (long, short float64) {
	tm := localFrame(g)
	b := project(g, tm.Forward).Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	return math.Max(w, h), math.Min(w, h)
}
