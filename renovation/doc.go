// Package renovation is the domain model of old-compound renovation (老旧小区改造) and the
// analyses planners run on it.
//
// The model is a tree: a District holds Compounds (小区); a Compound holds Buildings (楼栋);
// a Building holds Units (单元, one stairwell each); a Unit holds Households (户). Beside the
// tree a District holds Facilities (kindergartens, clinics, elderly care, ...), GreenSpaces and
// Zones (programme scopes and exclusion areas). Geometry is orb values in WGS84 lon/lat.
//
// The analyses planners come for take a context, report progress through an optional
// callback, run compounds in parallel and return plain structs with JSON tags, the same
// whatever the number of workers:
//
//   - Indicators: site area, building coverage (建筑密度), floor area, floor-area ratio
//     (容积率), green ratio (绿地率), households and elevator candidates of each compound;
//   - LifeCircle: GB 50180-2018 life-circle coverage, tier by tier — the nearest facility of
//     each kind, whether it is within reach, the share of the compound and the households
//     within reach, and the gaps;
//   - Scope: the compounds, buildings and households inside a programme's scope zones and
//     outside its exclusion zones, by community and field office;
//   - District.PlaceBuildings: buildings placed in compounds by location.
//
// Beside them, on the model alone:
//
//   - CheckEligibility: completed by the end of 2000 (国办发〔2020〕23号; the year a
//     parameter), with the reason, or why the data cannot say;
//   - ElevatorCandidates and PlanElevators: the stairwells of 4+ storeys without an elevator,
//     each with its owners' vote (survey), its triage and its cost sharing (budget), household
//     by household;
//   - AssessShafts (or ElevatorPlanOptions.Shafts): each candidate's elevator shaft placed on
//     the stair side, its clearances checked, and the minutes of direct sun it takes from each
//     neighbouring household's window sill under a GB 50180-2018 sunlight standard (geo/sun);
//   - EstimateProgramme: the programme budget from a cost catalogue, per compound, district,
//     field office and category (基础类 / 完善类 / 提升类), with funding and the gap;
//   - Rollup: programme progress, tasks against work started and completed, with exact rates;
//   - CountHouseholds: buildings, stairwells, households, residents and tenure.
//
// An Analyzer shares the work they have in common. Files are read into the model by the
// subpackage load; synthetic makes seeded cities for benchmarks.
//
// renovation leaves geometry to geo, money to budget and owners' votes to survey; it maps the
// model onto them. Reading and writing files lives in subpackages so that callers who only need
// the model do not link spreadsheet or database code.
package renovation
