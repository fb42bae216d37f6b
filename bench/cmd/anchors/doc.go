// Command anchors measures the library side by side with the tools planners and platform
// teams already use — PostGIS, GeographicLib's Planimeter and PROJ's cs2cs — on the same work,
// for speed and for agreement, and prints a Markdown table of the medians with the largest
// disagreement of each comparison. bench/run.sh installs the tools, starts a throwaway
// PostGIS cluster and runs it; it is run by hand, never in CI.
//
//	go run ./bench/cmd/anchors -db postgres://postgres@127.0.0.1:54329/xiaoqu
//
// The work, all on the renovation benchmark's synthetic city (synthetic.City(2026,
// synthetic.Benchmark()): 10,000 compounds, 100,000 buildings, 20,000 facilities of 8 kinds):
//
//   - city: compound indicators (site area, footprint inside the boundary, floor area, green
//     area, coverage, FAR, green ratio) and life-circle coverage per kind (renovation.NewAnalyzer,
//     Indicators, LifeCircle with DefaultRadii) against the same in PostGIS: sql/indicators.sql
//     and sql/coverage.sql (ST_DWithin in the city's Gauss-Krüger zone), sql/nearest.sql for
//     the nearest facility of each kind, and their variants on geography
//     (sql/coverage_geography.sql, sql/nearest_geography.sql), each timed on its own; on one
//     core (one worker, GOMAXPROCS 1; one session) and on two (two workers; two sessions
//     sharing the compounds by halves). Only the analysis is timed: the load into PostGIS
//     (COPY, indexes, ANALYZE) is reported apart.
//   - area: the geodesic area of every compound ring (geo.Area) against Planimeter -p 10, both
//     reading the same text file of "lat lon" vertices and writing a line per ring.
//   - projection: 1,000,000 seeded points (118.5°E–121.5°E, 20°N–53°N) from CGCS2000 to the
//     Gauss-Krüger zone CM 120°E (EPSG:4549) with geo.Transformer against cs2cs -f %.6f, both
//     reading and writing the same text; and the same points to GCJ-02 and back
//     (geo.WGS84ToGCJ02, geo.GCJ02ToWGS84), which PROJ cannot do: the round trip is reported.
//
// Each round runs every piece once on each side, the library first in odd rounds and the
// anchor first in even ones; the table gives medians. The command-line tools run on one core,
// so the library's side of them runs with GOMAXPROCS 1, in process, reading and writing files
// as the tools do. The database is given by -db or $XIAOQU_POSTGIS_URL; the program loads the
// city into its own schema (-schema, default xiaoqu_bench), drops it at the end unless -keep,
// and touches nothing else. Each round's report says how busy other processes kept the machine
// (from /proc/stat, less this program's, its children's and PostgreSQL's CPU time).
package main
