-- The variant of coverage.sql on the ellipsoid: ST_DWithin on geography, through the GiST
-- index on facilities.geog. What most PostGIS users would write; twice as slow as the zone.
--
-- $1, $2: the compounds with $1 <= ord < $2, as in indicators.sql.
SELECT c.ord, r.ord AS kind_ord,
       EXISTS (
           SELECT 1 FROM facilities f
           WHERE f.kind = r.kind AND ST_DWithin(f.geog, c.geog, r.metres)
       ) AS covered
FROM (SELECT ord, geom::geography AS geog FROM compounds WHERE ord >= $1 AND ord < $2 OFFSET 0) c
CROSS JOIN radii r
ORDER BY c.ord, r.ord;
