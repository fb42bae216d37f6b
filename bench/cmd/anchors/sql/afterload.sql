-- After the COPY, part of the load (not timed with the analysis): GiST indexes, and fresh
-- statistics so that the planner picks the index scans. Indexes built once over the loaded
-- rows are faster to make than indexes maintained row by row.
CREATE INDEX compounds_geom ON compounds USING gist (geom);
CREATE INDEX buildings_geom ON buildings USING gist (geom);
CREATE INDEX green_spaces_geom ON green_spaces USING gist (geom);
CREATE INDEX facilities_gk ON facilities USING gist (gk);
CREATE INDEX facilities_geog ON facilities USING gist (geog);
CREATE INDEX facilities_kind ON facilities (kind);
ANALYZE;
