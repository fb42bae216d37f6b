// Package sample embeds two sample districts so that the examples and tests run with no data
// of your own:
//
//   - "lujiazui": eighteen residential areas around Lujiazui, Shanghai, twelve of them the named
//     1980s–90s walk-up estates (乳山二村, 崂山三村, 梅一小区, ...), with the schools, parks,
//     shops, bus stops and metro entrances near them, green spaces, and an invented programme
//     scope and exclusion zone;
//   - "bupt": the staff housing of Beijing University of Posts and Telecommunications in
//     Haidian, a work-unit compound (单位大院) with its 29 real building footprints, and the
//     kindergarten, community health centre and shops near it.
//
// Geometry comes from OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0). What OpenStreetMap
// does not hold was made by a seeded generator and is marked as such: built years, storeys
// where untagged, field offices, building footprints in compounds where none are mapped, and
// every household roster. A generated record or field reads synthetic: true in the files and
// appears in the Synthetic field of the model; roster rows carry 模拟数据 = 是 and load with
// Household.Synthetic set. The rosters describe no real people.
//
// The generator is internal/gen; `go generate` in this package rebuilds data/ from the
// extracts in internal/gen/osm, byte for byte.
package sample

//go:generate go run ./internal/gen -osm internal/gen/osm -out data
