// Package geojson reads and writes GeoJSON (RFC 7946) on top of orb's types: documents come
// back as github.com/paulmach/orb/geojson FeatureCollection and Feature values, and those
// are what Write takes, so that orb's types stay the library's public vocabulary.
//
// What it adds to orb's own geojson package:
//
//   - Limits. Read takes an io.Reader and stops with an error past ReadOptions.MaxBytes
//     (default 256 MiB), MaxPositions (default 16 Mi positions) or MaxDepth (default 32),
//     so a hostile or mistaken file cannot exhaust memory or the stack: it allocates at
//     most about 200 times the bytes it reads, plus 64 KiB.
//   - Errors that say where. Every error names the feature by index and id, its byte offset
//     and the problem, such as
//     `geojson: feature 17 (id "way/123", byte 40211): polygon ring 0 has 3 positions,
//     needs at least 4`, and wraps a sentinel (ErrSyntax, ErrInvalid, ErrTooLarge, …) for
//     errors.Is; the *Error carries the fields for errors.As.
//   - Exact properties. Numbers in properties and ids are json.Number, which keeps the
//     digits as written ("86.50", 9007199254740993); float64 would turn the first into 86.5
//     and the second into 9007199254740992. Write writes a json.Number back as it is.
//   - Any top-level object. Read accepts a FeatureCollection, a single Feature or a bare
//     geometry, and reports which in Document.Type.
//   - The legacy crs member. RFC 7946 removed it, but files in CGCS2000 or Gauss-Krüger
//     still carry it; Read returns it as Document.CRS (with the EPSG code when it names one)
//     so that the caller can honour it, and WriteOptions.CRSName writes one.
//   - Altitude. orb is 2D: a third number in a position is dropped and counted in
//     Document.Altitudes, or refused with ReadOptions.RejectAltitude.
//   - Output that diffs well. Write keeps feature order, orients rings as RFC 7946 §3.1.6
//     says (exterior counter-clockwise, holes clockwise), writes coordinates with the
//     fewest digits that read back to the same float64, writes members in a fixed order
//     with property keys sorted, and one feature per line: the same collection always
//     gives the same bytes.
//
// Read checks the structure RFC 7946 §3.1 requires (rings closed with at least four
// positions, line strings with at least two); ReadOptions.Lax leaves that to geo's
// validation and repair. Coordinates are not range-checked: that is geo's job too, and a
// legacy crs may put them in metres.
package geojson
