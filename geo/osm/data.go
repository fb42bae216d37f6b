package osm

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// ElementType names a kind of OSM element.
type ElementType string

// The element types of OSM.
const (
	TypeNode     ElementType = "node"
	TypeWay      ElementType = "way"
	TypeRelation ElementType = "relation"
)

// Data is what Read returns: every node's position, the ways and relations, and the nodes that
// carry tags. Slices are sorted by ID, so the same file gives the same Data whether it is read
// from XML or PBF.
type Data struct {
	// Ways are sorted by ID.
	Ways []Way
	// Relations are sorted by ID.
	Relations []Relation
	// TaggedNodes are the nodes with at least one tag, sorted by ID.
	TaggedNodes []Node
	// Problems are what reading accepted but had to resolve (a tag key given twice keeps its
	// first value), in file order.
	Problems []Problem
	// Format is the format the data was read from.
	Format Format

	// nodeIDs are all nodes' IDs, ascending; nodeLon and nodeLat their coordinates in 1e-7
	// degrees (OSM's own precision, which both formats hold exactly).
	nodeIDs          []int64
	nodeLon, nodeLat []int32
}

// Way is an OSM way: its node references in order (a closed way repeats its first node at the
// end) and its tags.
type Way struct {
	ID    int64
	Nodes []int64
	Tags  map[string]string
}

// Relation is an OSM relation: its members in order and its tags.
type Relation struct {
	ID      int64
	Members []Member
	Tags    map[string]string
}

// Member is one member of a relation: the element it refers to and its role ("outer",
// "inner", "stop", ...; empty when none).
type Member struct {
	Type ElementType
	Ref  int64
	Role string
}

// Node is a node with its position (lon/lat, WGS84 degrees) and tags.
type Node struct {
	ID    int64
	Point orb.Point
	Tags  map[string]string
}

// Node returns the position of node id as orb.Point{lon, lat} in WGS84 degrees, and whether
// the data holds it. Ways of an extract may refer to nodes outside it.
func (d *Data) Node(id int64) (orb.Point, bool) {
	i, ok := slices.BinarySearch(d.nodeIDs, id)
	if !ok {
		return orb.Point{}, false
	}
	return d.point(i), true
}

// NodeCount is the number of nodes the data holds, tagged or not.
func (d *Data) NodeCount() int { return len(d.nodeIDs) }

// NodeIDs returns the IDs of all nodes, ascending. The slice is the data's own: do not modify
// it.
func (d *Data) NodeIDs() []int64 { return d.nodeIDs }

// NodePoint returns the position of the node NodeIDs()[i] as orb.Point{lon, lat} in WGS84
// degrees: for a caller that has found many nodes' places in NodeIDs at once, without a
// search each. It panics if i is out of range, as indexing does.
func (d *Data) NodePoint(i int) orb.Point { return d.point(i) }

// Way returns the way with the given ID.
func (d *Data) Way(id int64) (*Way, bool) {
	i, ok := slices.BinarySearchFunc(d.Ways, id, func(w Way, id int64) int { return cmpInt(w.ID, id) })
	if !ok {
		return nil, false
	}
	return &d.Ways[i], true
}

// Relation returns the relation with the given ID.
func (d *Data) Relation(id int64) (*Relation, bool) {
	i, ok := slices.BinarySearchFunc(d.Relations, id, func(r Relation, id int64) int { return cmpInt(r.ID, id) })
	if !ok {
		return nil, false
	}
	return &d.Relations[i], true
}

func (d *Data) point(i int) orb.Point {
	return orb.Point{float64(d.nodeLon[i]) / 1e7, float64(d.nodeLat[i]) / 1e7}
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Problem is something in the data that reading or deriving features had to resolve or leave
// out, with the element it is about.
type Problem struct {
	Element ElementType
	ID      int64
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s %d: %s", p.Element, p.ID, p.Message) }
