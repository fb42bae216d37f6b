// Package sun computes where the sun is and which points it reaches: the sun's altitude and
// azimuth by NOAA's solar position algorithm (after Meeus), in civil or apparent solar time;
// the dates of the solar terms (冬至, 大寒) the sunlight standards count on; and the
// intervals of direct sun at a point among extruded footprints (prisms), with the shadows they
// cast on the ground.
//
// Coordinates of prisms and points are planar metres in a frame whose y axis points to grid
// north, such as geo.LocalTM centred on the area studied: there grid north and true north
// differ by the meridian convergence, Δλ·sin φ, which is under 0.01° within 1 km of the
// centre. Angles are degrees; azimuths are clockwise from north.
//
// The package knows nothing of buildings or households: the caller says which prisms stand
// and where the windows are.
package sun
