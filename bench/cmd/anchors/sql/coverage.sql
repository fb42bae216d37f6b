-- Life-circle coverage of every compound for every kind of the radius table: whether a
-- facility of the kind lies within the kind's radius of the compound (ST_DWithin on geography,
-- geodesic on the ellipsoid, through the GiST index on facilities.geog).
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
