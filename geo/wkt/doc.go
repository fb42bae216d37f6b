// Package wkt reads and writes Well-Known Text (WKT) geometries as orb values, following
// OGC 06-103r4 (Simple Features 1.2.1) §7 and ISO 13249-3, and PostGIS's extended form
// (EWKT) with an "SRID=4490;" prefix.
//
// # Writing
//
// Marshal writes 2D WKT in the OGC style ("POLYGON ((0 0, 1 0, 1 1, 0 0))"), numbers in the
// shortest form that reads back to the same float64, so a round trip is exact. An orb.Ring
// is written as a one-ring POLYGON and an orb.Bound as a POLYGON with its corners
// counter-clockwise. Empty values are written as EMPTY (LINESTRING EMPTY, MULTIPOLYGON
// (((…)), EMPTY)). MarshalEWKT adds PostGIS's SRID prefix. NaN and infinite coordinates
// have no WKT form and give ErrInvalid.
//
// # Reading
//
// Unmarshal and Decoder.Decode read the OGC and ISO forms in any letter case: the seven
// types POINT to GEOMETRYCOLLECTION, the dimension keywords Z, M and ZM (also written
// together, as in POINTZ), MULTIPOINT members with or without parentheses, EMPTY at any
// level, and the EWKT SRID prefix. orb geometries are 2D, so Z and M coordinates (given by a
// keyword, or by three or four numbers per position) are rejected with ErrZM unless
// Decoder.DropZM is set, in which case they are read and discarded. orb.Point cannot be
// empty, so POINT EMPTY, and an EMPTY member of a MULTIPOINT, give ErrEmptyPoint. Curves,
// surfaces, TIN and the other SQL/MM types give ErrUnsupported. NaN, Inf and numbers beyond
// the range of float64 are syntax errors.
//
// The reader checks syntax, not validity: an unclosed ring or a two-point polygon is read as
// written, for geo's validation to report. It never panics, allocates in proportion to the
// text (at most AllocPerByte bytes per byte), and bounds the nesting of collections
// (Decoder.MaxDepth), the positions (Decoder.MaxPositions, DefaultMaxPositions) and the
// length of the text (Decoder.MaxBytes, DefaultMaxBytes). Errors are *SyntaxError
// values with the byte offset of the problem, wrapping ErrSyntax, ErrZM, ErrEmptyPoint,
// ErrUnsupported or ErrLimit.
//
// orb's own encoding/wkt was not reused: it gives no offsets in its errors, reads "NaN" as a
// number, rejects the MULTIPOINT (1 2, 3 4) form, and writes MULTIPOLYGON(()) for a
// multipolygon holding an empty polygon, which no reader accepts.
package wkt
