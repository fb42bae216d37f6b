// Package synthetic makes seeded synthetic cities for benchmarks and tests: compounds of
// 1–10 ha as irregular polygons on a jittered grid around lon 121.5, lat 31.2 with streets
// between them, some with a school cut out of them, ten building footprints each (a few
// across the boundary), storeys 4–18, green spaces (some overlapping), facilities of the eight
// kinds of renovation.DefaultRadii (points, and a few sites as polygons), programme zones, and
// household rosters for some of the compounds.
//
// The same seed and sizes always give the same city, value for value, so that another
// implementation of the same analyses (PostGIS, say) can generate and load the very city the
// Go benchmarks measure. Every record is marked synthetic and describes nothing real.
package synthetic
