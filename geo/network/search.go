package network

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// Source is one place a search starts from: ID names the source in the answers (several
// Sources may share an ID, e.g. the gates of one compound), At is where on the graph it
// starts, and Initial the metres already walked before At (0 for none; e.g. the walk inside a
// compound to its gate).
type Source struct {
	ID      int64
	At      Location
	Initial float64
}

// Reach is a node the search reached: its OSM node id, the walking distance in metres from
// the nearest source, and that source's ID.
type Reach struct {
	Node   int64
	Metres float64
	Source int64
}

// Searcher runs bounded multi-source searches on one graph, reusing its scratch space (O(V+E)
// in all, allocated on first use) from one search to the next. A Searcher is for one
// goroutine at a time; use one Searcher per goroutine for concurrent searches on one Graph.
type Searcher struct {
	g      *Graph
	nphase int32

	dist  []float64 // per state (phase*V + vertex); +Inf when not reached
	rank  []int32   // rank of the nearest source of the state
	phase []int8    // per vertex: the most permissive phase settled, nphase when none
	touch []int32   // states whose dist is finite
	heap  searchHeap

	stamp []uint32 // per edge, for Within
	epoch uint32

	res Result
}

// Result is the answer of one search. A Result from Searcher.Search is valid until the next
// search on that Searcher; one from Graph.Search stays valid.
type Result struct {
	s      *Searcher
	limit  float64
	ids    []int64      // source IDs in increasing order; a rank is an index here
	onEdge []edgeSource // sources placed inside an edge, by edge
}

// edgeSource is a source placed inside an edge.
type edgeSource struct {
	edge    int32
	offset  float64
	initial float64
	rank    int32
}

// NewSearcher returns a Searcher for g.
func (g *Graph) NewSearcher() *Searcher {
	s := &Searcher{g: g, nphase: 1}
	if g.noThrough {
		s.nphase = 3
	}
	return s
}

// Search runs one search on a fresh Searcher; see Searcher.Search. Its Result stays valid.
func (g *Graph) Search(ctx context.Context, sources []Source, limit float64) (*Result, error) {
	return g.NewSearcher().Search(ctx, sources, limit)
}

// The phases of a path under the no-through rule (R5's and OpenTripPlanner's treatment of
// access=private): 0 while the path has walked only no-through edges since its source, 1 once
// it has walked an open edge, 2 once it has entered a no-through edge after an open one; from
// phase 2 it may not walk an open edge again. A graph without no-through edges has the one
// phase "open", numbered 0 in the arrays.
const (
	phaseStart = iota
	phaseOpen
	phaseEnd
)

// nextPhase returns the phase after walking an edge from phase p, or -1 if the edge may not
// be walked.
func nextPhase(p int32, noThrough bool) int32 {
	switch p {
	case phaseStart:
		if noThrough {
			return phaseStart
		}
		return phaseOpen
	case phaseOpen:
		if noThrough {
			return phaseEnd
		}
		return phaseOpen
	}
	if noThrough {
		return phaseEnd
	}
	return -1
}

// Search finds, for every place within limit metres of the nearest of sources, that distance
// and the nearest source, walking all sources at once (a multi-source Dijkstra search that
// stops at limit; +Inf for no limit). Distances are exact sums of edge lengths; a place is
// reached if its distance is at most limit. Ties between sources at exactly equal distance go
// to the lower source ID.
//
// Errors: a Source with the zero Location or one of another graph, an Initial that is
// negative or not finite, a limit that is negative or NaN, and ctx's error if ctx ends first.
// The Result is valid until the next search on s.
func (s *Searcher) Search(ctx context.Context, sources []Source, limit float64) (*Result, error) {
	g := s.g
	if math.IsNaN(limit) || limit < 0 {
		return nil, fmt.Errorf("network: search limit %v metres: must be a number at least 0", limit)
	}
	nv := int32(len(g.vertID))
	if s.dist == nil {
		n := int(s.nphase) * int(nv)
		s.dist = make([]float64, n)
		for i := range s.dist {
			s.dist[i] = math.Inf(1)
		}
		s.rank = make([]int32, n)
		s.phase = make([]int8, nv)
		for i := range s.phase {
			s.phase[i] = int8(s.nphase)
		}
	} else {
		s.reset()
	}
	r := &s.res
	*r = Result{s: s, limit: limit, ids: r.ids[:0], onEdge: r.onEdge[:0]}
	for _, src := range sources {
		r.ids = append(r.ids, src.ID)
	}
	slices.Sort(r.ids)
	r.ids = slices.Compact(r.ids)

	for _, src := range sources {
		if math.IsNaN(src.Initial) || math.IsInf(src.Initial, 0) || src.Initial < 0 {
			return nil, fmt.Errorf("network: source %d: initial distance %v metres: must be finite and at least 0", src.ID, src.Initial)
		}
		rk, _ := slices.BinarySearch(r.ids, src.ID)
		rank := int32(rk)
		switch l := src.At; {
		case l.kind == 1 && l.v >= 0 && l.v < nv:
			s.relax(l.v, s.vertexPhase(l.v), src.Initial, rank, limit)
		case l.kind == 2 && l.v >= 0 && int(l.v) < len(g.edgeFrom) && l.offset >= 0 && l.offset <= g.edgeLen[l.v]:
			e := l.v
			r.onEdge = append(r.onEdge, edgeSource{e, l.offset, src.Initial, rank})
			p := int32(phaseOpen)
			if g.edgeNoThrough[e] {
				p = phaseStart
			}
			if s.nphase == 1 {
				p = 0
			}
			s.relax(g.edgeFrom[e], p, src.Initial+l.offset, rank, limit)
			s.relax(g.edgeTo[e], p, src.Initial+(g.edgeLen[e]-l.offset), rank, limit)
		default:
			return nil, fmt.Errorf("network: source %d: not a place on this graph", src.ID)
		}
	}
	slices.SortFunc(r.onEdge, func(a, b edgeSource) int { return cmp.Compare(a.edge, b.edge) })

	pops := 0
	for len(s.heap) > 0 {
		it := s.heap.pop()
		if pops++; pops&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		st := it.state
		if it.d != s.dist[st] || it.rank != s.rank[st] {
			continue // a stale entry: the state was reached better since
		}
		p, v := st/nv, st%nv
		if int32(s.phase[v]) <= p {
			continue // a more permissive phase was settled here as near or nearer
		}
		s.phase[v] = int8(p)
		for a := g.first[v]; a < g.first[v+1]; a++ {
			np := p
			if s.nphase > 1 {
				if np = nextPhase(p, g.edgeNoThrough[g.arcEdge[a]]); np < 0 {
					continue
				}
			}
			s.relax(g.arcTo[a], np, it.d+g.arcW[a], it.rank, limit)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// vertexPhase is the phase of a path that starts at vertex v: inside a no-through area if
// every edge at v is no-through, else on the open network (a source where a private road
// meets a street may enter the private road but not walk through it).
func (s *Searcher) vertexPhase(v int32) int32 {
	if s.nphase == 1 {
		return 0
	}
	g := s.g
	for a := g.first[v]; a < g.first[v+1]; a++ {
		if !g.edgeNoThrough[g.arcEdge[a]] {
			return phaseOpen
		}
	}
	return phaseStart
}

// relax offers vertex v in phase p the distance d from the source of the given rank.
func (s *Searcher) relax(v, p int32, d float64, rank int32, limit float64) {
	if d > limit {
		return
	}
	st := p*int32(len(s.g.vertID)) + v
	old := s.dist[st]
	if d < old || d == old && rank < s.rank[st] {
		if math.IsInf(old, 1) {
			s.touch = append(s.touch, st)
		}
		s.dist[st], s.rank[st] = d, rank
		s.heap.push(heapItem{d, rank, st})
	}
}

// reset clears what the last search wrote.
func (s *Searcher) reset() {
	nv := int32(len(s.g.vertID))
	for _, st := range s.touch {
		s.dist[st] = math.Inf(1)
		s.phase[st%nv] = int8(s.nphase)
	}
	s.touch = s.touch[:0]
	s.heap = s.heap[:0]
}

// Limit returns the search's limit in metres.
func (r *Result) Limit() float64 { return r.limit }

// vertexBest returns the nearest source of vertex v over the phases that allow what follows:
// all of them, or (open) only those that may still walk an open edge.
func (r *Result) vertexBest(v int32, open bool) (float64, int32) {
	s := r.s
	nv := int32(len(s.g.vertID))
	d, rank := math.Inf(1), int32(-1)
	for p := int32(0); p < s.nphase; p++ {
		if open && s.nphase > 1 && p == phaseEnd {
			continue
		}
		st := p*nv + v
		if dd := s.dist[st]; dd < d || dd == d && s.rank[st] < rank {
			d, rank = dd, s.rank[st]
		}
	}
	return d, rank
}

// DistanceTo returns the walking distance in metres from the nearest source to l, that
// source's ID, and true; false if l is farther than the limit, unreachable, or the zero
// Location. For a place inside an edge it is the shorter way in, through either end or
// along the edge from a source on the same edge.
func (r *Result) DistanceTo(l Location) (metres float64, source int64, ok bool) {
	d, rank := r.distanceTo(l)
	if rank < 0 || d > r.limit {
		return 0, 0, false
	}
	return d, r.ids[rank], true
}

// distanceTo is DistanceTo with the source as a rank, -1 for none.
func (r *Result) distanceTo(l Location) (float64, int32) {
	g := r.s.g
	switch l.kind {
	case 1:
		if l.v < 0 || int(l.v) >= len(g.vertID) {
			return 0, -1
		}
		return r.vertexBest(l.v, false)
	case 2:
		e := l.v
		if e < 0 || int(e) >= len(g.edgeFrom) {
			return 0, -1
		}
		open := !g.edgeNoThrough[e]
		d, rank := math.Inf(1), int32(-1)
		take := func(dd float64, rk int32) {
			if rk >= 0 && (dd < d || dd == d && rk < rank) {
				d, rank = dd, rk
			}
		}
		du, ru := r.vertexBest(g.edgeFrom[e], open)
		take(du+l.offset, ru)
		dv, rv := r.vertexBest(g.edgeTo[e], open)
		take(dv+(g.edgeLen[e]-l.offset), rv)
		i, _ := slices.BinarySearchFunc(r.onEdge, e, func(a edgeSource, e int32) int { return cmp.Compare(a.edge, e) })
		for ; i < len(r.onEdge) && r.onEdge[i].edge == e; i++ {
			es := r.onEdge[i]
			take(es.initial+math.Abs(es.offset-l.offset), es.rank)
		}
		return d, rank
	}
	return 0, -1
}

// Node returns the distance to the OSM node id as DistanceTo does, and false also when the
// node is not on the graph.
func (r *Result) Node(id int64) (metres float64, source int64, ok bool) {
	l, found := r.s.g.Locate(id)
	if !found {
		return 0, 0, false
	}
	return r.DistanceTo(l)
}

// Within lists every node of the graph (vertices and shape nodes) within the limit of the
// nearest source, in increasing node id.
func (r *Result) Within() []Reach {
	s := r.s
	g := s.g
	nv := int32(len(g.vertID))
	if s.stamp == nil {
		s.stamp = make([]uint32, len(g.edgeFrom))
	}
	s.epoch++
	if s.epoch == 0 {
		clear(s.stamp)
		s.epoch = 1
	}
	var out []Reach
	var edges []int32
	mark := func(e int32) {
		if s.stamp[e] != s.epoch {
			s.stamp[e] = s.epoch
			edges = append(edges, e)
		}
	}
	seen := make(map[int32]bool)
	for _, st := range s.touch {
		v := st % nv
		if seen[v] || s.dist[st] > r.limit {
			continue
		}
		seen[v] = true
		d, rank := r.vertexBest(v, false)
		out = append(out, Reach{g.vertID[v], d, r.ids[rank]})
		for a := g.first[v]; a < g.first[v+1]; a++ {
			mark(g.arcEdge[a])
		}
	}
	for _, es := range r.onEdge {
		mark(es.edge)
	}
	for _, e := range edges {
		for sh := g.shapeFirst[e]; sh < g.shapeFirst[e+1]; sh++ {
			d, rank := r.distanceTo(Location{kind: 2, v: e, offset: g.shapeOff[sh]})
			if rank >= 0 && d <= r.limit {
				out = append(out, Reach{g.shapeID[sh], d, r.ids[rank]})
			}
		}
	}
	slices.SortFunc(out, func(a, b Reach) int { return cmp.Compare(a.Node, b.Node) })
	return out
}

// heapItem is a state in the queue with its label.
type heapItem struct {
	d     float64
	rank  int32
	state int32
}

// less orders labels by distance, then by source rank (the lower source ID).
func (a heapItem) less(b heapItem) bool {
	return a.d < b.d || a.d == b.d && a.rank < b.rank
}

// searchHeap is a 4-ary min-heap of labels with lazy deletion: stale entries are skipped when
// popped.
type searchHeap []heapItem

func (h *searchHeap) push(it heapItem) {
	q := append(*h, it)
	i := len(q) - 1
	for i > 0 {
		parent := (i - 1) / 4
		if !it.less(q[parent]) {
			break
		}
		q[i] = q[parent]
		i = parent
	}
	q[i] = it
	*h = q
}

func (h *searchHeap) pop() heapItem {
	q := *h
	top := q[0]
	last := q[len(q)-1]
	q = q[:len(q)-1]
	n := len(q)
	if n > 0 {
		i := 0
		for {
			c := 4*i + 1
			if c >= n {
				break
			}
			m := c
			for k := c + 1; k < c+4 && k < n; k++ {
				if q[k].less(q[m]) {
					m = k
				}
			}
			if !q[m].less(last) {
				break
			}
			q[i] = q[m]
			i = m
		}
		q[i] = last
	}
	*h = q
	return top
}
