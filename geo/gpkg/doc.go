// Package gpkg reads and writes GeoPackage files (OGC 12-128r18, GeoPackage 1.3) with the
// pure-Go SQLite driver modernc.org/sqlite, so that programs need neither cgo nor GDAL. It
// lives apart from package geo so that only programs that use it link SQLite.
//
// Features are orb geojson.Feature values, as in package geo/geojson, so that GeoJSON and
// GeoPackage layers are interchangeable for callers.
//
// # Writing
//
// WriteFile(path, opts, layers...) writes a whole file; Create, AddLayer and Close do the
// same a layer at a time. A file is GeoPackage 1.3 (or 1.2, Options.Version):
// PRAGMA application_id 0x47504B47 ("GPKG") and user_version 10300, the tables
// gpkg_spatial_ref_sys (with the required entries -1, 0 and 4326, and 4490 for CGCS2000;
// GaussKrugerSRS gives the CGCS2000 Gauss-Krüger zones), gpkg_contents (with each layer's
// bounds) and gpkg_geometry_columns, and one table per layer with an integer primary key
// "fid", a geometry column of GeoPackageBinary blobs (see MarshalGeometry) and attribute
// columns typed INTEGER, REAL, TEXT or BOOLEAN from the data. Text is UTF-8, so Chinese
// names and values are kept. Each layer is written in one transaction. With Options.Time
// set, identical input gives byte-identical files. The optional R-tree spatial index
// extension is not written; GDAL and QGIS read files without it (and can add one).
//
// # Reading
//
// Open opens a file read-only; Layers lists its feature layers (name, geometry type,
// srs_id, feature count, bounds, fields); ForEach and ReadLayer return a layer's features
// with the fid as ID and the attribute columns as properties. Geometry blobs are decoded
// by UnmarshalGeometry with the bounded WKB reader of package geo/wkb, so a hostile file
// cannot make the reader allocate without bound or panic; all envelope types (0–4) and the
// empty-geometry flag are understood.
//
// Coordinates are stored as given: layers in EPSG:4326 or 4490 hold longitude, latitude in
// degrees (GeoPackage's axis order for geographic systems is x = longitude), projected
// layers hold easting, northing in metres.
package gpkg
