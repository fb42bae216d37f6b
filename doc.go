// Package xiaoqu is a library for planning and running the renovation of old residential
// compounds (老旧小区改造) in China. This root package holds no code; it is the map of the
// module.
//
// Packages, and what each may import:
//
//	geo/          geometry on the map: coordinate systems used in China (WGS84, CGCS2000,
//	              GCJ-02, BD-09, Gauss-Kruger and UTM zones), geodesic and planar measures,
//	              validation and repair, overlay, spatial index. It knows nothing of
//	              renovation. Subpackages geo/geojson, geo/wkt, geo/wkb, geo/kml, geo/gpkg and
//	              geo/gogeom read and write the formats planners exchange; geo/sun gives
//	              the sun's position (NOAA/Meeus), solar terms and direct-sun intervals
//	              among extruded footprints.
//	budget/       money in integer fen, exact apportionment of a total over weighted shares,
//	              elevator cost-sharing schemes, subsidies, running costs, programme funding
//	              and balancing. It knows nothing of buildings or maps.
//	survey/       exclusive parts and owners, ballots, consent rules (Civil Code Art. 278 and
//	              local rules) and exact tallies with what it would take to pass, willingness
//	              surveys, payment collection, census reconciliation. It knows nothing of
//	              buildings or maps.
//	renovation/   the domain model (District, Compound, Building, Unit, Household, Facility,
//	              GreenSpace, Zone) and the analyses planners run on it: indicators,
//	              eligibility, scope coverage, life-circle coverage, elevator plans, programme
//	              budget and progress. Subpackages: renovation/load (a district from GeoJSON or
//	              GeoPackage in any CRS), renovation/roster (household rosters from CSV and
//	              xlsx), renovation/sample (two embedded sample districts) and
//	              renovation/synthetic (a seeded synthetic city for benchmarks).
//	table/        one reader for the tables street offices keep (CSV in UTF-8 or GBK, and
//	              xlsx in table/xlsx): header found under a title row, English and Chinese
//	              headers, one cell-error type, one area rule and one yes/no vocabulary. A
//	              leaf: it imports nothing of this module, so budget and survey use it too.
//	examples/     runnable programs with embedded sample data; flags point them at your data.
//	              examples/district is the main one: a planner's district report.
//
// The dependency direction is examples → renovation → {geo, budget, survey} → table; geo,
// budget and survey never import each other.
//
// Money is integer fen, legal ratios are compared in integers, and decimals are parsed
// exactly; floating point is used only for geometry. The same input gives the same output,
// byte for byte.
package xiaoqu
