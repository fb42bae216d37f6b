// Package wkb reads and writes Well-Known Binary (WKB) geometries as orb values: the OGC
// Simple Features 1.2 and ISO 19125 / SQL/MM forms, and PostGIS's Extended WKB (EWKB), which
// adds a spatial reference id (SRID) such as 4326 (WGS84) or 4490 (CGCS2000).
//
// # Writing
//
// Marshal writes 2D WKB, which is the same byte string in the OGC and the ISO forms (they
// differ only in how they flag Z and M, and orb geometries are 2D). MarshalEWKB writes EWKB
// with the SRID flag (0x20000000) and the SRID after the type word, as PostGIS's ST_AsEWKB
// does. Both take a ByteOrder: LittleEndian (NDR, what PostGIS and GeoPackage write on x86)
// or BigEndian (XDR). An orb.Ring is written as a Polygon with one ring and an orb.Bound as a
// Polygon with its five corners, counter-clockwise, as orb's own encoders do.
//
// # Reading
//
// Unmarshal and Decoder.Decode read WKB in any of the forms: ISO type codes (1–7, 1001–1007
// with Z, 2001–2007 with M, 3001–3007 with Z and M), EWKB flags (Z 0x80000000, M 0x40000000,
// SRID 0x20000000, also used by GEOS and the OGC 1.1 "2.5D" types) and both byte orders,
// which may change from one nested geometry to the next. The SRID of an EWKB blob is
// returned; it is 0 when the blob carries none.
//
// orb geometries are 2D, so a blob with Z or M coordinates is rejected with ErrZM unless
// Decoder.DropZM is set, in which case Z and M are read and discarded. An empty point (both
// coordinates NaN, the convention of PostGIS and GEOS) cannot be held by orb.Point and is
// rejected with ErrEmptyPoint; empty line strings, polygons and collections are read as empty
// orb values. Curves, surfaces and the other SQL/MM types (8 and above) are rejected with
// ErrUnsupported.
//
// The reader never panics and bounds what it allocates: every count is checked against the
// bytes that remain before anything is allocated, so a 20-byte blob claiming a billion points
// gets an ErrTruncated error, not an out-of-memory; at most Decoder.MaxPoints points are read
// and collections nest at most Decoder.MaxDepth deep. Errors are *Error values carrying the
// byte offset of the problem and wrapping one of the sentinel errors, usable with errors.Is
// and errors.As.
//
// Hex and ParseHex convert to and from the hexadecimal text PostGIS prints.
//
// References: OGC 06-103r4 (Simple Features Common Architecture 1.2.1) §8.2; ISO/IEC 13249-3
// (SQL/MM Spatial); PostGIS doc/ZMSgeoms.txt for EWKB.
package wkb
