// Package shp reads ESRI shapefiles as ArcGIS writes them in Chinese offices: the geometry
// (.shp), the attributes (.dbf), the coordinate system (.prj) and the code page (.cpg), as a
// directory of sibling files or a .zip holding them. Features come back as
// github.com/paulmach/orb/geojson Features, like the library's GeoJSON and GeoPackage readers.
//
// The reader is written here rather than taken from github.com/jonas-p/go-shp (last commit
// 2019): that reader sizes its slices from the counts the file claims
// (make([]Point, NumPoints) from a 32-bit field, so a 100-byte file can ask for 32 GiB),
// ignores binary.Read's errors, and decodes no code page. The format is small enough to read
// with every count checked against the bytes that are really there.
//
// What it reads:
//
//   - Shapes: Point, MultiPoint, PolyLine and Polygon and their Z and M variants, read as 2D
//     (the dropped third and fourth values are counted in Layer.Dropped). MultiPatch is
//     refused. A null shape (type 0, or a shape with no parts or points) gives a feature with
//     a nil geometry, listed in Layer.Nulls.
//   - Polygons: per the shapefile specification (ESRI White Paper, July 1998, p. 8), outer
//     rings are clockwise and holes counter-clockwise. Each hole is assigned to the smallest
//     outer ring that contains it; a hole in no outer ring becomes an outer ring of its own, as
//     GDAL does. Rings come back wound as RFC 7946 wants (exterior counter-clockwise, holes
//     clockwise); one outer ring gives an orb.Polygon, several an orb.MultiPolygon.
//   - Attributes: character fields are decoded from the .cpg's code page (UTF-8, GBK/936,
//     GB18030, Big5/950); without a .cpg, from the DBF header's language driver byte (0x4D and
//     0x7A are GBK, 0x4F and 0x78 Big5); with neither, UTF-8 if every text byte of the file is
//     valid UTF-8, else GBK, which is what ArcGIS writes on a Chinese Windows. Numbers are
//     json.Number with the digits as written, logicals bool, dates "YYYY-MM-DD". A blank value
//     — DBF's way of writing null — is nil, never 0 or "". Deleted records are skipped and
//     counted.
//   - The .prj: ParsePRJ maps its WKT to a geo.CRS: WGS 84, CGCS2000, the CGCS2000
//     Gauss-Krüger zones (3° and 6°, with or without the zone number in the false easting,
//     ESRI or EPSG names) and WGS 84 UTM. GCJ-02 and BD-09 have no WKT: a file in them says
//     WGS 84 or nothing, and the caller must say which it is.
//
// Limits: ReadOptions.MaxBytes bounds the bytes read from the .shp and .dbf together (also
// when they are unpacked from a .zip) and MaxPositions the positions; every count in the file
// is checked against its record's length before anything is allocated, so reading allocates
// at most AllocPerByte bytes per byte of input plus AllocOverhead. Every error names the file and the record (1-based, as
// the .shp numbers them) and wraps ErrFormat or ErrTooLarge.
//
// The .shx index is not needed: records are read in order from the .shp.
package shp
