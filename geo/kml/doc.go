// Package kml writes layers of features as KML 2.2 (OGC 07-147r2) for Google Earth, Ovital
// (奥维互动地图) and other viewers: one Folder per layer, one Placemark per feature with a
// name, a description that is an HTML table of the feature's properties (what those
// viewers show in the balloon), the same properties as typed ExtendedData (a Schema per
// layer and SchemaData per placemark, which GDAL and QGIS read back as attributes, Chinese
// field names included), and a style with the fill and line colours the caller chooses.
// Geometries are encoded by go-geom's KML encoder.
//
// KML coordinates are WGS84 longitude, latitude in degrees by definition (KML 2.2 §6.2).
// Callers must convert first: data in GCJ-02 (Amap, Tencent) or BD-09 (Baidu) is hundreds
// of metres off if written as is; CGCS2000 coordinates are the same as WGS84 at this
// library's accuracy; projected (Gauss-Krüger) coordinates must be converted back to
// degrees. Write checks only that coordinates are finite and within ±180° longitude and
// ±90° latitude.
//
// Output is deterministic: layers and features in the order given, properties sorted by
// key (or in the order the caller lists), styles shared and numbered in order of first
// use, numbers in the shortest form that reads back exactly. Polygon rings are oriented
// exterior counter-clockwise, holes clockwise, as in geo/geojson.
package kml
