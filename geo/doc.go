// Package geo is the geometry of the library: coordinate reference systems used in China,
// geodesic and planar measures, validation and repair of polygons, overlay, spatial indexing,
// and (in subpackages) the file formats planners exchange.
//
// Geometries are github.com/paulmach/orb values. Geographic coordinates are orb.Point{lon, lat}
// in degrees; projected coordinates are orb.Point{easting, northing} in metres, whatever axis
// order the EPSG definition states (EPSG puts northing first for the CGCS2000 zones).
//
// # Coordinate systems
//
// CRS values name WGS84 (EPSG:4326), CGCS2000 (EPSG:4490), GCJ-02 (Amap, Tencent), BD-09
// (Baidu), the CGCS2000 Gauss-Krüger 3° and 6° zones with and without zone prefix
// (EPSG:4491–4554) and UTM; ParseCRS reads names and EPSG codes, and Transform and Transformer
// carry whole geometries between any two. The transverse Mercator is Krüger's series to n⁶
// (Karney 2011), agreeing with PROJ to a micrometre; GCJ-02 and BD-09 use the public forward
// formulas and Newton inverses that round-trip under a micrometre.
//
// # Measures
//
// Area, Perimeter, Length and Distance are geodesic on the WGS84 ellipsoid (AreaOn and
// PerimeterOn take CGCS2000 or another), by Karney's algorithms as GeographicLib computes them;
// PlanarArea and PlanarDistance measure in a named projection; GeometryDistance and
// PointGeometryDistance give the distance in metres between shapes.
//
// # Validation, overlay and index
//
// Validate reports every problem of a polygon at once as typed errors (GeometryError, with
// the ring, vertex and place), and Repair fixes only what is unambiguous. Intersection, Union,
// UnionMany, Difference and Buffer run the simplefeatures overlay engine in a local metric
// frame (LocalTM) and take and return lon/lat; their Planar forms work on projected metres.
// Prepare gives an indexed polygon for fast exact point-in-polygon, intersects and clipped
// areas. Index is an R-tree over bounds; Join pairs the polygons of one set with the items of
// another within a distance in metres.
//
// # Formats
//
// The subpackages read and write what planners exchange: geojson (RFC 7946, bounded reader),
// wkt, wkb (WKB and EWKB with SRID), kml (for Ovital and Google Earth), gpkg (GeoPackage, pure
// Go SQLite, in its own package so that only its users link SQLite) and gogeom (adapters to
// go-geom types). Readers never panic and bound what they allocate.
//
// geo deliberately knows nothing of compounds, households or money: it measures and combines
// shapes. The renovation package gives those shapes their meaning.
package geo
