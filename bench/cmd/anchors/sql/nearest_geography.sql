-- The variant of nearest.sql on the ellipsoid: the index's k-nearest-neighbour order on
-- geography (<-> measures on the sphere) picks the nearest three candidates and ST_Distance
-- (on the ellipsoid) ranks them; three, so that a near tie between the sphere and the
-- ellipsoid cannot pick the wrong one. Ten times slower than the zone, and PostGIS finds the
-- closest points of two geographies on the sphere before measuring between them on the
-- ellipsoid, which overstates a distance by up to a few centimetres (see BENCHMARKS.md).
--
-- $1, $2: the compounds with $1 <= ord < $2, as in indicators.sql.
SELECT c.ord, r.ord AS kind_ord, n.ord AS facility_ord, n.dist
FROM (SELECT ord, geom::geography AS geog FROM compounds WHERE ord >= $1 AND ord < $2 OFFSET 0) c
CROSS JOIN radii r
CROSS JOIN LATERAL (
    SELECT k.ord, k.dist
    FROM (
        SELECT f.ord, ST_Distance(f.geog, c.geog) AS dist
        FROM facilities f
        WHERE f.kind = r.kind
        ORDER BY f.geog <-> c.geog
        LIMIT 3
    ) k
    ORDER BY k.dist, k.ord
    LIMIT 1
) n
ORDER BY c.ord, r.ord;
