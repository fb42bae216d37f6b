package network

// The pgRouting helpers, for the external test package's benchmarks (which need
// internal/streetsynth, and it imports this package).
var (
	PgRoutingForTest       = pgRouting
	LoadEdgesForTest       = loadEdges
	DrivingDistanceForTest = drivingDistance
)
