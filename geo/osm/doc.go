// Package osm reads OpenStreetMap data — OSM XML (.osm) and PBF (.osm.pbf) — into plain,
// sorted Go values, and derives from them what planning needs: residential areas, buildings
// with their levels and heights, amenities with their geometry, gate and entrance nodes, with
// multipolygon relations assembled.
//
// Reading is built on github.com/paulmach/osm (its osmxml and osmpbf scanners) and is pure Go.
// ReadFile and Read tell the formats apart by content; Data holds every node's position (in
// OSM's own 1e-7° precision, so that the XML and PBF copies of a file give identical Data),
// the ways and relations sorted by ID, and the nodes that carry tags.
//
// Reading is bounded (ReadOptions): the input's length, the number of elements (with the
// references, members and tags they carry), the length of one XML tag and the nesting of XML
// elements, and the size of one PBF blob. A PBF file's blocks are checked before the decoder
// reads them — declared sizes, inflated length, every string index, parallel arrays — because
// paulmach/osm's decoder trusts them. A hostile or truncated file gets an *Error naming the
// format, the element (or the last element read before the fault) and the XML line or PBF
// block offset; reading never panics.
//
// Coordinates are WGS84 longitude and latitude in degrees, as OSM stores them.
//
// OpenStreetMap data is © OpenStreetMap contributors, under the ODbL 1.0
// (https://www.openstreetmap.org/copyright): keep the attribution with every copy and every
// product made from it.
package osm
