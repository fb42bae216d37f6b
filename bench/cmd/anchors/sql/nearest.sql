-- The nearest facility of every kind to every compound and its distance in metres: the
-- index's k-nearest-neighbour order in the zone (<-> between geometries is their exact planar
-- distance), divided by the zone's point scale at the compound (see afterload.sql).
--
-- $1, $2: the compounds with $1 <= ord < $2, as in indicators.sql.
SELECT c.ord, r.ord AS kind_ord, n.ord AS facility_ord, n.d / c.gk_scale AS dist
FROM (SELECT ord, gk, gk_scale FROM compounds WHERE ord >= $1 AND ord < $2) c
CROSS JOIN radii r
CROSS JOIN LATERAL (
    SELECT f.ord, f.gk <-> c.gk AS d
    FROM facilities f
    WHERE f.kind = r.kind
    ORDER BY f.gk <-> c.gk
    LIMIT 1
) n
ORDER BY c.ord, r.ord;
