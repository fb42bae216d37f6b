package renovation

import "github.com/paulmach/orb"

// Gate is one of a compound's exits (小区出入口): where its residents leave it for the street.
type Gate struct {
	// ID names the gate within its compound; it may be empty for a gate found by the exit
	// ladder, which then names it after its OSM node or its rung.
	ID string `json:"id,omitempty"`
	// Point is on the compound's boundary or within a few metres of it, WGS84 lon/lat degrees.
	Point orb.Point `json:"point"`
	// Pedestrian and Vehicle say who may pass; a gate with neither set is taken as open to
	// pedestrians (what a walking analysis needs), as most gates with no access tag are.
	Pedestrian bool `json:"pedestrian,omitempty"`
	Vehicle    bool `json:"vehicle,omitempty"`
	// Hours are the opening hours in OSM's opening_hours syntax ("06:00-23:00"), empty when
	// unknown or always open. They are kept and reported, not evaluated.
	Hours string `json:"hours,omitempty"`
	// Rung says how the gate was found (see ExitRung).
	Rung ExitRung `json:"rung,omitempty"`
	// OSMNode is the OSM node the gate was read from, 0 for none.
	OSMNode int64 `json:"osm_node,omitempty"`
}

// Walkable reports whether pedestrians may pass the gate: Pedestrian is set, or neither flag is.
func (g *Gate) Walkable() bool { return g.Pedestrian || !g.Vehicle }

// ExitRung is how a compound's exits were found, from the surest to the weakest guess — a
// ladder reported per compound, so that nobody mistakes a guess for a survey.
type ExitRung string

// The rungs of the exit ladder, in order.
const (
	// ExitPlanner: gates given by the planner (a gates layer, see renovation/load).
	ExitPlanner ExitRung = "planner"
	// ExitOSMGate: OSM nodes tagged barrier=gate|lift_gate|entrance or entrance=* on a
	// walkable way, on the boundary or within a few metres of it.
	ExitOSMGate ExitRung = "osm_gate"
	// ExitOpening: walkable ways crossing the boundary, taken as openings nobody verified.
	ExitOpening ExitRung = "opening"
	// ExitNearest: nothing mapped; the point of the street network nearest to the boundary,
	// flagged as a guess.
	ExitNearest ExitRung = "nearest_street"
	// ExitNone: the compound has no boundary, or no street comes near it.
	ExitNone ExitRung = "none"
)

// Guess reports whether the rung is a guess rather than a mapped or surveyed gate.
func (r ExitRung) Guess() bool { return r == ExitOpening || r == ExitNearest || r == ExitNone }
