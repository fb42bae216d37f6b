package network

// Access is how a way may be walked.
type Access uint8

const (
	// Excluded ways are not part of the graph.
	Excluded Access = iota
	// Open ways may be walked by anyone, through and through.
	Open
	// NoThrough ways (access=private, a gated housing compound's roads) may be walked only at
	// the start or the end of a path: a path may leave one, cross open ways, and enter
	// another, but never cross one between two open ways.
	NoThrough
)

// String names the access class.
func (a Access) String() string {
	switch a {
	case Excluded:
		return "excluded"
	case Open:
		return "open"
	case NoThrough:
		return "no-through"
	}
	return "Access(?)"
}

// walkableHighway lists the highway=* values the default filter walks; every other value
// (motorway, motorway_link, platform, construction, proposed, abandoned, raceway,
// bus_guideway, busway, escape, …) is excluded unless foot=yes|designated|permissive says otherwise.
var walkableHighway = map[string]bool{
	"footway": true, "path": true, "pedestrian": true, "steps": true, "living_street": true,
	"residential": true, "service": true, "unclassified": true, "road": true, "track": true,
	"cycleway": true, "bridleway": true, "corridor": true, "elevator": true,
	"tertiary": true, "tertiary_link": true, "secondary": true, "secondary_link": true,
	"primary": true, "primary_link": true, "trunk": true, "trunk_link": true,
}

// neverWalkable are highway=* values that describe no usable way at all, whatever foot=* says.
var neverWalkable = map[string]bool{
	"construction": true, "proposed": true, "abandoned": true, "razed": true, "disused": true,
}

// noThroughAccess are the access=* and foot=* values that make a way NoThrough.
var noThroughAccess = map[string]bool{
	"private": true, "destination": true, "customers": true, "delivery": true, "residents": true,
}

// footAllowed are the foot=* values that open a way to walkers whatever access=* says.
var footAllowed = map[string]bool{"yes": true, "designated": true, "permissive": true, "official": true}

// WalkFilter is the default walk filter: how a way with these OSM tags may be walked.
//
//   - A way needs a highway=* tag. footway, path, pedestrian, steps, living_street,
//     residential, service, unclassified, road, track, cycleway, bridleway, corridor,
//     elevator and the primary, secondary, tertiary and trunk classes with their _link roads
//     are walkable; motorways, platform (bus platforms are mapped as stubs beside the road,
//     and the stop is reached from the street) and every other value are not, unless
//     foot=yes, designated, permissive or official says so. construction, proposed, abandoned, razed and disused
//     are never walkable.
//   - foot=no excludes a way; so does access=no, unless foot=* allows walking.
//   - access=private, destination, customers, delivery or residents, or foot=private,
//     destination, customers or residents, makes the way NoThrough (unless foot=* allows
//     walking, which wins over access=*).
//   - area=yes (a square mapped as a closed highway=pedestrian way) is walked along its
//     outline: crossing the square is not modelled, so distances across it are overestimated.
//   - oneway=* is ignored: walkers go both ways.
func WalkFilter(tags map[string]string) Access {
	hw, ok := tags["highway"]
	if !ok || neverWalkable[hw] {
		return Excluded
	}
	foot := tags["foot"]
	if foot == "no" {
		return Excluded
	}
	if footAllowed[foot] {
		return Open
	}
	if !walkableHighway[hw] {
		return Excluded
	}
	if noThroughAccess[foot] {
		return NoThrough
	}
	switch access := tags["access"]; {
	case access == "no":
		return Excluded
	case noThroughAccess[access]:
		return NoThrough
	}
	return Open
}
