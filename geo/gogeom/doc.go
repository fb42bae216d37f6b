// Package gogeom converts between orb geometries, the library's public vocabulary, and
// github.com/twpayne/go-geom geometries, for callers whose code is built on go-geom.
//
// ToGeom maps each orb type to the go-geom type of the same kind, with layout XY:
//
//	orb.Point           *geom.Point
//	orb.MultiPoint      *geom.MultiPoint
//	orb.LineString      *geom.LineString
//	orb.MultiLineString *geom.MultiLineString
//	orb.Ring            *geom.LinearRing
//	orb.Polygon         *geom.Polygon
//	orb.MultiPolygon    *geom.MultiPolygon
//	orb.Bound           *geom.Polygon (its corners, counter-clockwise, as orb.Bound.ToPolygon)
//	orb.Collection      *geom.GeometryCollection
//
// and FromGeom maps back. go-geom carries an SRID on each geometry: ToGeom sets the one given
// on the top-level geometry only (members of a collection get 0, as EWKB does), and FromGeom
// leaves it to the caller to read with g.SRID().
//
// orb geometries are 2D and orb.Point cannot be empty. FromGeom therefore rejects layouts
// with Z or M (ErrZM) and empty points (ErrEmptyPoint), including empty members of a
// MultiPoint; FromGeom2D drops Z and M instead. Empty line strings, polygons and collections
// convert to empty orb values. Neither function panics, even on a go-geom value whose flat
// coordinates and ends disagree (ErrInvalid).
package gogeom
