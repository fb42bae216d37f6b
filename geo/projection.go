package geo

import "github.com/paulmach/orb"

// Projection maps geographic coordinates (orb.Point{lon, lat} in degrees) to planar
// coordinates (orb.Point{easting, northing} in metres) and back. Implementations are safe for
// concurrent use.
type Projection interface {
	// Forward projects lon/lat degrees to easting/northing metres.
	Forward(lonlat orb.Point) orb.Point
	// Inverse maps easting/northing metres back to lon/lat degrees.
	Inverse(xy orb.Point) orb.Point
}
