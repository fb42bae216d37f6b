// Package geo is the geometry of the library: coordinate reference systems used in China,
// geodesic and planar measures, validation and repair of polygons, overlay, spatial indexing,
// and (in subpackages) the file formats planners exchange.
//
// Geometries are github.com/paulmach/orb values. Geographic coordinates are orb.Point{lon, lat}
// in degrees; projected coordinates are orb.Point{easting, northing} in metres, whatever axis
// order the EPSG definition states.
//
// geo deliberately knows nothing of compounds, households or money: it measures and combines
// shapes. The renovation package gives those shapes their meaning.
package geo
