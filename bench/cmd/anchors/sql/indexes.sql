-- After the load: the geography column, GiST indexes on every geometry, and fresh statistics
-- so that the planner picks the index scans.
UPDATE facilities SET geog = geom::geography;
CREATE INDEX compounds_geom ON compounds USING gist (geom);
CREATE INDEX buildings_geom ON buildings USING gist (geom);
CREATE INDEX green_spaces_geom ON green_spaces USING gist (geom);
CREATE INDEX facilities_geom ON facilities USING gist (geom);
CREATE INDEX facilities_geog ON facilities USING gist (geog);
CREATE INDEX facilities_kind ON facilities (kind);
ANALYZE;
