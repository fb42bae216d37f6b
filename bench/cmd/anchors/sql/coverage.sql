-- Life-circle coverage of every compound for every kind of the radius table: whether a
-- facility of the kind lies within the kind's radius of the compound. ST_DWithin in the zone
-- (planar, through the GiST index on facilities.gk) with the radius scaled by the zone's
-- point scale at the compound (see afterload.sql), which is right to a few millimetres at
-- 1 km and twice as fast as ST_DWithin on geography (coverage_geography.sql).
--
-- $1, $2: the compounds with $1 <= ord < $2, as in indicators.sql.
SELECT c.ord, r.ord AS kind_ord,
       EXISTS (
           SELECT 1 FROM facilities f
           WHERE f.kind = r.kind AND ST_DWithin(f.gk, c.gk, r.metres * c.gk_scale)
       ) AS covered
FROM (SELECT ord, gk, gk_scale FROM compounds WHERE ord >= $1 AND ord < $2) c
CROSS JOIN radii r
ORDER BY c.ord, r.ord;
