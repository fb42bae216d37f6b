package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// The kinds of problem Validate, Repair and the overlay functions report. Each is the Kind of a
// *GeometryError, which unwraps to it, so errors.Is(err, ErrSelfIntersection) works on a single
// error and on a GeometryErrors list alike. Kinds marked "repairable" are the ones Repair fixes.
var (
	// ErrEmpty: a nil geometry, a polygon without rings or a multipolygon without polygons.
	ErrEmpty = errors.New("empty geometry")
	// ErrNotPolygonal: the geometry is not an orb.Polygon, orb.MultiPolygon, orb.Ring or
	// orb.Bound where an area is needed.
	ErrNotPolygonal = errors.New("not a polygonal geometry")
	// ErrUnsupportedGeometry: a geometry type the function does not take (for example an
	// orb.Collection, or a type defined outside orb).
	ErrUnsupportedGeometry = errors.New("unsupported geometry type")
	// ErrTooFewPoints: a ring with fewer than three distinct vertices.
	ErrTooFewPoints = errors.New("too few points")
	// ErrUnclosedRing: the last vertex of a ring differs from the first (repairable).
	ErrUnclosedRing = errors.New("ring not closed")
	// ErrNotFinite: a coordinate is NaN or ±Inf.
	ErrNotFinite = errors.New("coordinate is not a finite number")
	// ErrLonLatRange: a longitude outside [−180, 180] or a latitude outside [−90, 90].
	ErrLonLatRange = errors.New("longitude or latitude out of range")
	// ErrSwappedLonLat: the latitudes are out of range but the ring lies in China once each
	// point's two numbers are swapped: the data was probably written lat, lon.
	ErrSwappedLonLat = errors.New("latitude and longitude probably swapped")
	// ErrRepeatedPoint: a vertex equal to the one before it (repairable).
	ErrRepeatedPoint = errors.New("repeated consecutive point")
	// ErrWrongWinding: an exterior ring that is clockwise or a hole that is counter-clockwise,
	// against RFC 7946 §3.1.6 (repairable).
	ErrWrongWinding = errors.New("wrong winding")
	// ErrSelfIntersection: two edges of one ring cross, touch or overlap (including a spike
	// that doubles back on itself).
	ErrSelfIntersection = errors.New("self-intersection")
	// ErrHoleOutsideShell: a hole lies wholly or partly outside its exterior ring, crosses it, or
	// shares part of an edge with it.
	ErrHoleOutsideShell = errors.New("hole outside its shell")
	// ErrHolesOverlap: two holes of one polygon cross, share part of an edge, or one lies
	// inside the other.
	ErrHolesOverlap = errors.New("holes overlap")
	// ErrInteriorDisconnected: the rings of a polygon touch one another in a cycle (for example
	// a hole touching the shell at two points), which cuts the interior into pieces.
	ErrInteriorDisconnected = errors.New("interior disconnected")
	// ErrPolygonsOverlap: two polygons of a multipolygon share interior area or part of an edge
	// (OGC allows them to touch only at points).
	ErrPolygonsOverlap = errors.New("polygons of a multipolygon overlap")
	// ErrSliver: a ring whose area or mean width 2A/P is below the tolerance of
	// ValidateOptions.
	ErrSliver = errors.New("sliver")
	// ErrOverlay: the overlay engine failed on valid input (a numerical degeneracy it could not
	// resolve); Detail carries its message.
	ErrOverlay = errors.New("overlay failed")
)

// GeometryError is one problem found in one feature: what (Kind, one of the Err* values above),
// where (polygon, ring, vertex and coordinates) and the numbers (Detail).
//
// Polygon is the index of the polygon within a MultiPolygon, or −1 when the geometry is a single
// Polygon or Ring. Ring is 0 for the exterior ring and k for the k-th hole, or −1 when the
// problem concerns no single ring. Vertex is the index of the vertex in the ring as given (for an
// edge, the index of its first vertex: edge i runs from vertex i to vertex i+1), or −1. Where is
// the place of the problem in the coordinates of the input (lon/lat degrees for Validate,
// metres for the Planar functions): the vertex, or the point where two edges cross. For problems
// between two edges or rings, OtherPolygon, OtherRing and OtherVertex name the second one
// (−1 when not applicable).
type GeometryError struct {
	Feature      string    // caller's name or ID of the feature; may be empty
	Kind         error     // one of the Err* sentinels; errors.Is matches it
	Polygon      int       // polygon index in a MultiPolygon, −1 otherwise
	Ring         int       // 0 exterior, k ≥ 1 the k-th hole, −1 none
	Vertex       int       // vertex (or first vertex of the edge) in the ring as given, −1 none
	Where        orb.Point // place of the problem, in the input's coordinates
	OtherPolygon int       // second polygon for problems between two, −1 otherwise
	OtherRing    int       // second ring, −1 otherwise
	OtherVertex  int       // first vertex of the second edge, −1 otherwise
	Detail       string    // the numbers: counts, areas, the suggested fix
	planar       bool      // Where is in metres (print mm) rather than degrees (print 1e-7°)
}

// Error formats the problem as
//
//	feature "南园小区": polygon 1 ring 0 vertex 17 at (121.5012345, 31.2004567): self-intersection: …
func (e *GeometryError) Error() string {
	var b strings.Builder
	if e.Feature != "" {
		b.WriteString("feature ")
		b.WriteString(strconv.Quote(e.Feature))
		b.WriteString(": ")
	}
	sep := ""
	if e.Polygon >= 0 {
		fmt.Fprintf(&b, "polygon %d", e.Polygon)
		sep = " "
	}
	if e.Ring >= 0 {
		fmt.Fprintf(&b, "%sring %d", sep, e.Ring)
		sep = " "
	}
	if e.Vertex >= 0 {
		fmt.Fprintf(&b, "%svertex %d", sep, e.Vertex)
		sep = " "
	}
	if e.Where != (orb.Point{}) || e.Vertex >= 0 {
		fmt.Fprintf(&b, "%sat %s", sep, formatPlaceOfError(e.Where, e.planar))
		sep = " "
	}
	if sep != "" {
		b.WriteString(": ")
	}
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString("invalid geometry")
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns Kind, so that errors.Is(err, ErrSliver) works.
func (e *GeometryError) Unwrap() error { return e.Kind }

// formatPlaceOfError prints a coordinate pair to 1e-7° (about 1 cm) or to the millimetre.
func formatPlaceOfError(p orb.Point, planar bool) string {
	prec := 7
	if planar {
		prec = 3
	}
	return "(" + formatCoordOfError(p[0], prec) + ", " + formatCoordOfError(p[1], prec) + ")"
}

// formatCoordOfError writes v with prec decimals, or, when it is far out of any coordinate
// range (|v| ≥ 10⁹, or not finite), in the shortest exponent form: 1e308 as 1e+308, not as a
// 309-digit decimal.
func formatCoordOfError(v float64, prec int) string {
	if math.Abs(v) < 1e9 {
		return strconv.FormatFloat(v, 'f', prec, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// GeometryErrors is every problem found, in a stable order (by feature, polygon, ring, vertex).
// It is never empty when returned as an error. errors.Is and errors.As see each member.
type GeometryErrors []*GeometryError

// maxListedGeometryErrors bounds how many problems Error prints; the slice holds them all.
const maxListedGeometryErrors = 20

// Error lists the problems one per line, at most 20 of them followed by a count of the rest.
func (es GeometryErrors) Error() string {
	switch len(es) {
	case 0:
		return "no geometry errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d geometry problems:", len(es))
	for i, e := range es {
		if i == maxListedGeometryErrors {
			fmt.Fprintf(&b, "\n\t… and %d more", len(es)-i)
			break
		}
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the members, for errors.Is and errors.As.
func (es GeometryErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// asError returns es as an error, or nil when it is empty (never a typed nil).
func (es GeometryErrors) asError() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// newGeometryError returns an error with every index set to "not applicable".
func newGeometryError(feature string, kind error, planar bool) *GeometryError {
	return &GeometryError{Feature: feature, Kind: kind, Polygon: -1, Ring: -1, Vertex: -1,
		OtherPolygon: -1, OtherRing: -1, OtherVertex: -1, planar: planar}
}
