// Package xiaoqu is a library for planning and running the renovation of old residential
// compounds (老旧小区改造) in China. This root package holds no code; it is the map of the
// module.
//
// Packages, and what each may import:
//
//	geo/          geometry on the map: coordinate systems used in China (WGS84, CGCS2000,
//	              GCJ-02, BD-09, Gauss-Kruger and UTM zones), geodesic and planar measures,
//	              validation and repair, overlay, spatial index, and the file formats planners
//	              exchange (GeoJSON, WKT, WKB/EWKB, KML, GeoPackage). It knows nothing of
//	              renovation.
//	budget/       money in integer fen, exact apportionment of a total over weighted shares,
//	              elevator cost-sharing schemes, subsidies, running costs, programme funding.
//	              It knows nothing of buildings or maps.
//	survey/       exclusive parts and owners, ballots, consent rules (Civil Code Art. 278 and
//	              local rules) and exact tallies, willingness surveys, payment collection,
//	              census reconciliation. It knows nothing of buildings or maps.
//	renovation/   the domain model (District, Compound, Building, Unit, Household, Facility,
//	              GreenSpace, Zone) and the analyses planners run on it; it maps the model onto
//	              geo, budget and survey.
//	examples/     runnable programs with embedded sample data; flags point them at your data.
//
// The dependency direction is examples → renovation → {geo, budget, survey}; geo, budget and
// survey never import each other.
//
// Money is integer fen, legal ratios are compared in integers, and decimals are parsed
// exactly; floating point is used only for geometry. The same input gives the same output,
// byte for byte.
package xiaoqu
