-- The tables the benchmark loads the synthetic city into, in a schema of its own (the search
-- path is set to it). Geometry is stored as PostGIS stores Chinese data, SRID 4490 (CGCS2000,
-- lon/lat degrees); ord is the record's position in the Go model, so that results can be
-- matched record by record. Indexes come after the load (see indexes.sql): building them once
-- over the loaded rows is faster than maintaining them row by row.
CREATE TABLE compounds (
    ord  int PRIMARY KEY,
    id   text NOT NULL,
    geom geometry(Polygon, 4490) NOT NULL
);
-- Each building belongs to one compound (compound_ord), as in the model.
CREATE TABLE buildings (
    compound_ord  int NOT NULL,
    ord           int NOT NULL,
    id            text NOT NULL,
    storeys       int NOT NULL,
    floor_area_m2 double precision NOT NULL, -- surveyed; 0 means footprint × storeys
    geom          geometry(Polygon, 4490) NOT NULL,
    PRIMARY KEY (compound_ord, ord)
);
CREATE TABLE green_spaces (
    ord  int PRIMARY KEY,
    id   text NOT NULL,
    geom geometry(Polygon, 4490) NOT NULL
);
-- Facilities are points or (a few) site polygons; geog is the same shape as geography, kept in
-- a column of its own so that a GiST index on it serves ST_DWithin and <-> on the ellipsoid.
CREATE TABLE facilities (
    ord  int PRIMARY KEY,
    id   text NOT NULL,
    kind text NOT NULL,
    geom geometry(Geometry, 4490) NOT NULL,
    geog geography(Geometry, 4490)
);
-- The service radius of each kind (renovation.DefaultRadii), in metres.
CREATE TABLE radii (
    ord    int PRIMARY KEY,
    kind   text NOT NULL UNIQUE,
    metres double precision NOT NULL
);
