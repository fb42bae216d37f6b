// Package load reads a district from a planner's files — compounds, buildings, facilities,
// green spaces and zones as GeoJSON, GeoPackage or shapefile layers (geo/shp: a .shp with
// its .dbf, .prj and .cpg, or a .zip of them; the .dbf in GBK unless its .cpg says
// otherwise), households from a roster — in any coordinate system package geo knows (WGS84,
// CGCS2000, GCJ-02, BD-09, the CGCS2000 Gauss-Krüger zones and the WGS84 UTM zones), into the
// renovation model in WGS84 longitude and latitude.
//
// Each layer's CRS is the caller's for that layer (Options.LayerCRS, e.g. facilities in
// WGS84 beside compounds from Amap in GCJ-02), else the caller's for every layer
// (Options.CRS), else the one the file declares — the legacy GeoJSON "crs" member, a
// GeoPackage layer's srs_id, a shapefile's .prj — else WGS84. A file that declares a CRS
// other than Options.CRS is an error naming the file (WGS84 and CGCS2000 count as one: their
// coordinates agree to centimetres); one that declares a CRS other than its own
// Options.LayerCRS is read in the latter and warned about (an error under Options.Strict).
// GCJ-02 and BD-09 have no EPSG code and no WKT, so files in them cannot say so (or are
// labelled EPSG:4326): give the CRS. Where the data can tell, District warns: a buildings or
// facilities layer that fits the compounds far better once moved by the GCJ-02 or BD-09
// offset (the share of its features inside a compound up by 20 points to at least half, or
// their median distance to one halved and 100 m shorter) is named with its likely CRS.
// Facilities spread over a district, half of them hundreds of metres from any compound, do
// not show a 500 m offset and are not flagged.
//
// Polygons are checked with geo.Repair: what has one sensible fix (an unclosed ring, a
// repeated point, a ring wound the wrong way) is fixed and listed in the report; anything
// else (a self-intersection, a hole outside its shell, a sliver) is an error naming the file,
// the feature and the place. Property names are those of package renovation (English or
// Chinese keys). Buildings that do not name their compound are placed by location
// (renovation.District.PlaceBuildings), and the report says where each went and which could
// not be placed.
//
// ReadOSM reads a district from an OpenStreetMap file (XML or PBF, through geo/osm): residential
// areas as compounds, buildings placed in them by location with their storeys from
// building:levels, and facilities through a table of tags (osm_facilities.csv, each row citing
// the OSM wiki page of its tag; DefaultFacilityTable, ReadFacilityTable). What it cannot use
// is left out and listed in the report's notes.
//
// The package lives apart from renovation so that programs that do not read GeoPackage files
// do not link SQLite.
package load
