package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/xiaoqu/xiaoqu/geo"
)

// Way is one OSM way given to Build: its id, its node ids in order, the position of each node
// (lon/lat degrees, WGS84; Points[i] is the position of Nodes[i]) and its tags.
type Way struct {
	ID     int64
	Nodes  []int64
	Points []orb.Point
	Tags   map[string]string
}

// BuildOptions tune Build. The nil value selects the defaults.
type BuildOptions struct {
	// Filter decides whether and how a way is walked, from its tags; nil means WalkFilter.
	Filter func(tags map[string]string) Access
}

// Graph is a walking network: junctions (vertices) joined by edges, each edge a chain of
// OSM way segments whose interior (shape) nodes are kept with their offsets. It is immutable
// once built and safe for concurrent use.
type Graph struct {
	// vertices
	vertID []int64     // OSM node id (or the weighted graph's vertex id)
	vertPt []orb.Point // nil for a weighted graph
	comp   []int32     // connected component, numbered from 0 by lowest vertex index

	// CSR adjacency: the arcs leaving vertex v are first[v]:first[v+1]
	first   []int32
	arcTo   []int32
	arcEdge []int32
	arcW    []float64

	// edges
	edgeFrom, edgeTo []int32
	edgeLen          []float64 // metres (weighted: the forward cost, or the reverse cost if there is none)
	edgeNoThrough    []bool
	edgeWay          []int64
	shapeFirst       []int32 // shape nodes of edge e: shapeFirst[e]:shapeFirst[e+1]
	shapeID          []int64
	shapePt          []orb.Point
	shapeOff         []float64 // metres from edgeFrom along the edge

	// node lookup: lookID sorted; lookRef[i] >= 0 is a vertex, < 0 the shape node -lookRef[i]-1
	lookID  []int64
	lookRef []int32

	noThrough bool // some edge is NoThrough
	weighted  bool
	ncomp     int
	stats     Stats

	snapOnce sync.Once
	snapIdx  *geo.Index[int32] // segment index for Snap: shape-array position of the segment start, see snapSegment
}

// Stats counts what Build made of its input.
type Stats struct {
	Nodes        int     // OSM nodes on the graph (vertices and shape nodes)
	Vertices     int     // junctions and way ends
	Edges        int     // contracted edges, each walkable both ways (weighted: each input edge)
	Segments     int     // way segments between consecutive nodes
	Components   int     // connected components, ignoring no-through rules
	LengthMetres float64 // total length of the edges
	Ways         int     // input ways on the graph
	Excluded     int     // input ways the filter excluded
	Degenerate   int     // walkable ways with fewer than two distinct nodes, left out
	NoThrough    int     // ways on the graph marked NoThrough
	MissingNodes int     // FromOSM: node references of walkable ways without a position, cut out
}

// Stats returns the counts of the graph.
func (g *Graph) Stats() Stats { return g.stats }

// Build makes the walking graph of ways. Ways are taken in increasing ID order (the order of
// the input does not matter); consecutive repeats of a node are dropped; a walkable way with
// fewer than two distinct nodes is left out and counted in Stats.Degenerate.
//
// Errors name the way and node: Points not as long as Nodes, a coordinate that is NaN,
// infinite or outside ±180°/±90°, or one node id given two different positions.
func Build(ways []Way, opts *BuildOptions) (*Graph, error) { return build(ways, opts, nil) }

// ranked numbers the nodes of Build's ways ahead of it, as FromOSM does once for all
// its ways: rank[start[i]+j] is the dense number of ways[i].Nodes[j] among n.
type ranked struct {
	start []int
	rank  []int32
	n     int
}

// build is Build, with the nodes numbered already when pre is not nil.
func build(ways []Way, opts *BuildOptions, pre *ranked) (*Graph, error) {
	filter := WalkFilter
	if opts != nil && opts.Filter != nil {
		filter = opts.Filter
	}
	order := make([]int, 0, len(ways))
	access := make([]Access, len(ways))
	g := &Graph{}
	totalNodes := 0
	for i := range ways {
		w := &ways[i]
		if len(w.Points) != len(w.Nodes) {
			return nil, fmt.Errorf("network: way %d has %d nodes but %d points", w.ID, len(w.Nodes), len(w.Points))
		}
		a := filter(w.Tags)
		access[i] = a
		if a == Excluded {
			g.stats.Excluded++
			continue
		}
		distinct := 0
		for j := range w.Nodes {
			if j == 0 || w.Nodes[j] != w.Nodes[j-1] {
				distinct++
			}
		}
		if distinct < 2 {
			g.stats.Degenerate++
			continue
		}
		order = append(order, i)
		totalNodes += distinct
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ways[a].ID, ways[b].ID) })

	// Pass 1: number the distinct nodes densely in order of first appearance, and learn each
	// one's position, degree (way segments ending there) and whether a way ends there. occ
	// lists the node of every occurrence, way after way. rank gives each occurrence (its
	// consecutive repeats left out) a dense number of its id, by sorting, for the lookup.
	// The dense number of an occurrence's id: given (pre), its offset from the least id when
	// the ids span a range not much wider than the way nodes, or else its rank by sorting.
	var rank []int32
	lo, hi := idRange(ways, order)
	direct := pre == nil && hi >= lo && uint64(hi)-uint64(lo) < uint64(2*totalNodes+1024) // unsigned: no overflow
	nnodes := totalNodes/2 + totalNodes/8 + 1                                             // a street grid has about 0.53 distinct nodes a way node
	slots := 0
	if direct {
		slots = int(hi - lo + 1)
	}
	switch {
	case pre != nil:
		nnodes, slots = pre.n, pre.n
	case !direct:
		occIDs := make([]int64, 0, totalNodes)
		for _, i := range order {
			for j, id := range ways[i].Nodes {
				if j == 0 || id != ways[i].Nodes[j-1] {
					occIDs = append(occIDs, id)
				}
			}
		}
		var distinct []int64
		rank, distinct = rankIDs(occIDs)
		nnodes, slots = len(distinct), len(distinct)
	}
	seen := make([]int32, slots) // dense number → node index+1, 0 for unseen
	var (
		nodeID  = make([]int64, 0, nnodes)
		nodePt  = make([]orb.Point, 0, nnodes)
		nodeE   = make([]ecef, 0, nnodes)
		degree  = make([]int32, 0, nnodes)
		wayEnd  = make([]bool, 0, nnodes)
		occ     = make([]int32, 0, totalNodes)
		occLen  = make([]float64, 0, totalNodes) // length of the segment ending at the occurrence
		occFrom = make([]int32, 0, len(order)+1) // occ[occFrom[k]:occFrom[k+1]] is way order[k]
	)
	for _, i := range order {
		w := &ways[i]
		occFrom = append(occFrom, int32(len(occ)))
		last := lastDistinct(w.Nodes)
		var prevE ecef
		var prevP orb.Point
		for j, id := range w.Nodes {
			if j > 0 && id == w.Nodes[j-1] {
				if w.Points[j] != w.Points[j-1] {
					return nil, fmt.Errorf("network: way %d: node %d has two positions, %v and %v", w.ID, id, w.Points[j-1], w.Points[j])
				}
				continue
			}
			p := w.Points[j]
			var r int32
			switch {
			case pre != nil:
				r = pre.rank[pre.start[i]+j]
			case direct:
				r = int32(id - lo)
			default:
				r = rank[len(occ)]
			}
			n := seen[r] - 1
			if n < 0 {
				if !validLonLat(p) {
					return nil, fmt.Errorf("network: way %d: node %d has position %v, not a lon/lat in degrees", w.ID, id, p)
				}
				n = int32(len(nodeID))
				seen[r] = n + 1
				nodeID = append(nodeID, id)
				nodePt = append(nodePt, p)
				nodeE = append(nodeE, toECEF(p))
				degree = append(degree, 0)
				wayEnd = append(wayEnd, false)
			} else if nodePt[n] != p {
				return nil, fmt.Errorf("network: way %d: node %d has two positions, %v and %v", w.ID, id, nodePt[n], p)
			}
			e := nodeE[n]
			if j == 0 {
				occLen = append(occLen, 0)
			} else {
				occLen = append(occLen, segmentLength(prevP, p, prevE, e))
			}
			prevE, prevP = e, p
			if j == 0 || j == last {
				wayEnd[n] = true
				degree[n]++
			} else {
				degree[n] += 2
			}
			occ = append(occ, n)
		}
	}
	occFrom = append(occFrom, int32(len(occ)))
	if len(nodeID) > math.MaxInt32/2 || len(occ) > math.MaxInt32/2 {
		return nil, fmt.Errorf("network: %d nodes in %d way nodes are more than a graph holds", len(nodeID), len(occ))
	}

	// Vertices: way ends and nodes where the degree is not 2, numbered by increasing id.
	vertexOf := make([]int32, len(nodeID))
	nvert := 0
	for n := range nodeID {
		if wayEnd[n] || degree[n] != 2 {
			nvert++
		}
	}
	verts := make([]idRef, 0, nvert)
	for n := range nodeID {
		vertexOf[n] = -1
		if wayEnd[n] || degree[n] != 2 {
			verts = append(verts, idRef{nodeID[n], int32(n)})
		}
	}
	slices.SortFunc(verts, compareIDRef)
	g.vertID = make([]int64, len(verts))
	g.vertPt = make([]orb.Point, len(verts))
	for v, vr := range verts {
		vertexOf[vr.ref] = int32(v)
		g.vertID[v], g.vertPt[v] = vr.id, nodePt[vr.ref]
	}
	nshape := len(nodeID) - len(verts)
	g.shapeID = make([]int64, 0, nshape)
	g.shapePt = make([]orb.Point, 0, nshape)
	g.shapeOff = make([]float64, 0, nshape)
	nedge := len(occ) - len(order) - nshape // segments less those with a shape node at their end
	g.edgeFrom = make([]int32, 0, nedge)
	g.edgeTo = make([]int32, 0, nedge)
	g.edgeLen = make([]float64, 0, nedge)
	g.edgeNoThrough = make([]bool, 0, nedge)
	g.edgeWay = make([]int64, 0, nedge)
	g.shapeFirst = make([]int32, 0, nedge+1)

	// Pass 2: cut each way at its vertices into edges.
	g.shapeFirst = append(g.shapeFirst, 0)
	for k, i := range order {
		w := &ways[i]
		a := access[i]
		if a == NoThrough {
			g.stats.NoThrough++
			g.noThrough = true
		}
		g.stats.Ways++
		from := int32(-1)
		var off float64
		for o := occFrom[k]; o < occFrom[k+1]; o++ {
			n := occ[o]
			if o > occFrom[k] {
				off += occLen[o]
				g.stats.Segments++
			}
			if v := vertexOf[n]; v >= 0 {
				if from >= 0 {
					g.edgeFrom = append(g.edgeFrom, from)
					g.edgeTo = append(g.edgeTo, v)
					g.edgeLen = append(g.edgeLen, off)
					g.edgeNoThrough = append(g.edgeNoThrough, a == NoThrough)
					g.edgeWay = append(g.edgeWay, w.ID)
					g.shapeFirst = append(g.shapeFirst, int32(len(g.shapeID)))
					g.stats.LengthMetres += off
				}
				from, off = v, 0
			} else {
				g.shapeID = append(g.shapeID, nodeID[n])
				g.shapePt = append(g.shapePt, nodePt[n])
				g.shapeOff = append(g.shapeOff, off)
			}
		}
	}
	g.finish(nil, nil)
	return g, nil
}

// idRange returns the least and greatest node id of the ways order lists (hi < lo if none).
func idRange(ways []Way, order []int) (lo, hi int64) {
	lo, hi = math.MaxInt64, math.MinInt64
	for _, i := range order {
		for _, id := range ways[i].Nodes {
			lo, hi = min(lo, id), max(hi, id)
		}
	}
	return lo, hi
}

// idRef is a node id with an index, sorted by id.
type idRef struct {
	id  int64
	ref int32
}

func compareIDRef(a, b idRef) int { return cmp.Compare(a.id, b.id) }

// lastDistinct returns the index of the last node of nodes after which only repeats follow.
func lastDistinct(nodes []int64) int {
	last := len(nodes) - 1
	for last > 0 && nodes[last] == nodes[last-1] {
		last--
	}
	return last
}

// validLonLat reports whether p is a finite lon/lat in degrees.
func validLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// finish builds the CSR arcs, the components and the node lookup. fwd and rev are the arc
// weights of each edge (negative: no arc); nil means edgeLen both ways.
func (g *Graph) finish(fwd, rev []float64) {
	nv := len(g.vertID)
	ne := len(g.edgeFrom)
	g.first = make([]int32, nv+1)
	has := func(w []float64, e int) bool { return w == nil || w[e] >= 0 }
	for e := 0; e < ne; e++ {
		if has(fwd, e) {
			g.first[g.edgeFrom[e]+1]++
		}
		if has(rev, e) {
			g.first[g.edgeTo[e]+1]++
		}
	}
	for v := 0; v < nv; v++ {
		g.first[v+1] += g.first[v]
	}
	na := g.first[nv]
	g.arcTo = make([]int32, na)
	g.arcEdge = make([]int32, na)
	g.arcW = make([]float64, na)
	fill := slices.Clone(g.first[:nv])
	add := func(u, v int32, e int, w float64) {
		k := fill[u]
		fill[u]++
		g.arcTo[k], g.arcEdge[k], g.arcW[k] = v, int32(e), w
	}
	for e := 0; e < ne; e++ {
		if has(fwd, e) {
			w := g.edgeLen[e]
			if fwd != nil {
				w = fwd[e]
			}
			add(g.edgeFrom[e], g.edgeTo[e], e, w)
		}
		if has(rev, e) {
			w := g.edgeLen[e]
			if rev != nil {
				w = rev[e]
			}
			add(g.edgeTo[e], g.edgeFrom[e], e, w)
		}
	}

	// Components by union-find over the edges, whatever their direction.
	parent := make([]int32, nv)
	for v := range parent {
		parent[v] = int32(v)
	}
	find := func(v int32) int32 {
		for parent[v] != v {
			parent[v] = parent[parent[v]]
			v = parent[v]
		}
		return v
	}
	for e := 0; e < ne; e++ {
		a, b := find(g.edgeFrom[e]), find(g.edgeTo[e])
		if a != b {
			if a < b {
				parent[b] = a
			} else {
				parent[a] = b
			}
		}
	}
	g.comp = make([]int32, nv)
	label := make([]int32, nv)
	for v := range label {
		label[v] = -1
	}
	for v := 0; v < nv; v++ {
		r := find(int32(v))
		if label[r] < 0 {
			label[r] = int32(g.ncomp)
			g.ncomp++
		}
		g.comp[v] = label[r]
	}

	// Lookup of every node id: the vertices (sorted already) merged with the sorted shape nodes.
	ns := len(g.shapeID)
	shapes := make([]idRef, ns)
	for s, id := range g.shapeID {
		shapes[s] = idRef{id, -int32(s) - 1}
	}
	slices.SortFunc(shapes, compareIDRef)
	g.lookID = make([]int64, 0, nv+ns)
	g.lookRef = make([]int32, 0, nv+ns)
	for v, s := 0, 0; v < nv || s < ns; {
		if s == ns || v < nv && g.vertID[v] < shapes[s].id {
			g.lookID, g.lookRef = append(g.lookID, g.vertID[v]), append(g.lookRef, int32(v))
			v++
		} else {
			g.lookID, g.lookRef = append(g.lookID, shapes[s].id), append(g.lookRef, shapes[s].ref)
			s++
		}
	}

	g.stats.Nodes = nv + ns
	g.stats.Vertices = nv
	g.stats.Edges = ne
	g.stats.Components = g.ncomp
}

// WeightedEdge is one edge of a plain weighted graph, as pgRouting stores it: from Source to
// Target at Cost, and back at ReverseCost; a negative cost means that direction does not exist.
type WeightedEdge struct {
	ID                int64
	Source, Target    int64
	Cost, ReverseCost float64
}

// BuildWeighted makes a graph of plain weighted directed edges (no geometry: Snap finds
// nothing, and Locate finds the vertices only). Vertices are the distinct Source and Target
// ids; an edge with both costs negative still joins its ends for Component. It is for
// comparisons with other routers (pgRouting, pandana) and for graphs not from OSM.
//
// Errors name the edge: a cost that is NaN or infinite.
func BuildWeighted(edges []WeightedEdge) (*Graph, error) {
	g := &Graph{weighted: true}
	ids := make([]int64, 0, 2*len(edges))
	for _, e := range edges {
		if math.IsNaN(e.Cost) || math.IsInf(e.Cost, 0) || math.IsNaN(e.ReverseCost) || math.IsInf(e.ReverseCost, 0) {
			return nil, fmt.Errorf("network: edge %d has cost %v and reverse cost %v; both must be finite", e.ID, e.Cost, e.ReverseCost)
		}
		ids = append(ids, e.Source, e.Target)
	}
	slices.Sort(ids)
	g.vertID = slices.Compact(ids)
	index := func(id int64) int32 {
		i, _ := slices.BinarySearch(g.vertID, id)
		return int32(i)
	}
	fwd := make([]float64, len(edges))
	rev := make([]float64, len(edges))
	g.shapeFirst = make([]int32, len(edges)+1)
	for i, e := range edges {
		g.edgeFrom = append(g.edgeFrom, index(e.Source))
		g.edgeTo = append(g.edgeTo, index(e.Target))
		l := e.Cost
		if l < 0 {
			l = e.ReverseCost
		}
		g.edgeLen = append(g.edgeLen, max(l, 0))
		g.edgeNoThrough = append(g.edgeNoThrough, false)
		g.edgeWay = append(g.edgeWay, e.ID)
		fwd[i], rev[i] = e.Cost, e.ReverseCost
		g.stats.LengthMetres += max(l, 0)
	}
	g.finish(fwd, rev)
	return g, nil
}

// WeightedEdges returns the edges of g as plain weighted edges between vertex ids, in edge
// order, with IDs 1, 2, …: the graph as a router such as pgRouting reads it (a walking edge
// has its length as both costs). BuildWeighted on them gives a graph with the same distances
// between vertices.
func (g *Graph) WeightedEdges() []WeightedEdge {
	out := make([]WeightedEdge, len(g.edgeFrom))
	for e := range g.edgeFrom {
		out[e] = WeightedEdge{ID: int64(e) + 1, Source: g.vertID[g.edgeFrom[e]], Target: g.vertID[g.edgeTo[e]], Cost: -1, ReverseCost: -1}
	}
	for u := range g.vertID {
		for a := g.first[u]; a < g.first[u+1]; a++ {
			e := g.arcEdge[a]
			if int(g.edgeFrom[e]) == u && out[e].Cost < 0 {
				out[e].Cost = g.arcW[a]
			} else {
				out[e].ReverseCost = g.arcW[a]
			}
		}
	}
	return out
}

// VertexIDs returns the ids of the vertices of g (junctions and way ends), increasing.
func (g *Graph) VertexIDs() []int64 { return slices.Clone(g.vertID) }
