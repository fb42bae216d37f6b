// Package network is the walking network of a neighbourhood, built from OpenStreetMap ways,
// and a bounded multi-source shortest-path search on it: how far on foot every street node
// is from the nearest of many sources (all kindergartens, all gates of a compound), and which
// source that is.
//
// # The graph
//
// Build takes ways (OSM id, node ids, node positions in lon/lat degrees, tags) and keeps
// those the walk filter allows (WalkFilter documents the default; BuildOptions.Filter
// replaces it). Junctions and way ends become vertices; the chains of nodes between them
// become edges, walkable both ways (one-way rules do not apply to walkers), whose length is
// the sum of the WGS84 ellipsoidal (geodesic) distances of their segments in metres, measured
// by geo.Distance. The interior nodes of a chain (shape nodes) are kept with their offsets
// along the edge, so every OSM node of a walkable way can be a source or a target: Locate
// finds it, and Snap puts any point onto the nearest edge at the exact offset of the foot of
// the perpendicular (never onto the nearest node, which would give a false 0 m reach).
// Vertices and edges are stored in flat arrays (compressed sparse rows), and the graph is
// immutable and safe for concurrent use once built. Component tells connected components
// apart, so that "unreachable" is an answer distinct from "far".
//
// Ways marked NoThrough (access=private, a gated housing compound's roads) may be walked
// only at the start or the end of a path, as Conveyal R5 and OpenTripPlanner treat gated
// housing: a path may leave a private area, cross open streets and enter another private
// area, but never cut through one between two open streets. A search starting inside a
// no-through way (at one of its shape nodes, or a vertex with only no-through edges) may walk
// out of it; one starting on the open network, or where a private road meets a street, may
// enter no-through ways only at the end of its path.
//
// BuildWeighted makes a graph of plain weighted, possibly one-way edges (pgRouting's
// id, source, target, cost, reverse_cost) for comparisons with other routers.
//
// # The search
//
// Searcher.Search (and Graph.Search) is a Dijkstra search from many Sources at once, each a
// Location with an ID and an optional initial distance (the walk already done to reach it),
// that stops at a limit in metres. Its Result gives, for any Location, the distance from the
// nearest source and that source (DistanceTo; Node by OSM node id), and lists every node
// within the limit (Within). A place inside an edge is reached through the nearer end, or
// along the edge from a source on the same edge. Ties at exactly equal distance go to the
// lower source ID, so the same input gives the same output. A Searcher keeps its scratch
// space (O(V + E)) from one search to the next and is for one goroutine at a time; nothing
// is precomputed per node or per pair. Searches stop early with the context's error when it
// ends.
package network
