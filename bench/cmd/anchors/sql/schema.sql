-- The tables the benchmark loads the synthetic city into, in a schema of its own (the search
-- path is set to it). Shapes are stored as PostGIS stores Chinese data, SRID 4490 (CGCS2000,
-- lon/lat degrees), and also, in gk, in the city's Gauss-Krüger zone, SRID 4549 (CGCS2000 3°
-- CM 120°E, metres), where GEOS's planar overlay and distances belong: generated columns,
-- computed once as the rows are loaded. ord is the record's position in the Go model, so that
-- results can be matched record by record.
CREATE TABLE compounds (
    ord      int PRIMARY KEY,
    id       text NOT NULL,
    geom     geometry(Polygon, 4490) NOT NULL,
    gk       geometry(Polygon, 4549) GENERATED ALWAYS AS (ST_Transform(geom, 4549)) STORED,
    -- The transverse Mercator's point scale at the centroid,
    --     k = 1 + x²/(2ρν),  ρν = a²(1 − e²)/(1 − e² sin²φ)²  (GRS80),
    -- x the easting from the central meridian and φ the latitude: a length measured in the
    -- zone is k times the length on the ellipsoid (1.00025 at 121.5°E). The next term,
    -- x⁴/(24(ρν)²), is under 1e-8; k changes by 5e-7 across a compound and by 3.5e-6 over
    -- 1 km, so that a distance of up to 1 km divided by k is right to a few millimetres.
    gk_scale double precision GENERATED ALWAYS AS (
        1 + (ST_X(ST_Centroid(ST_Transform(geom, 4549))) - 500000)^2
            * (1 - 0.00669438002290 * sin(radians(ST_Y(ST_Centroid(geom))))^2)^2
            / (2 * 6378137.0^2 * (1 - 0.00669438002290))) STORED
);
-- Each building belongs to one compound (compound_ord), as in the model.
CREATE TABLE buildings (
    compound_ord  int NOT NULL,
    ord           int NOT NULL,
    id            text NOT NULL,
    storeys       int NOT NULL,
    floor_area_m2 double precision NOT NULL, -- surveyed; 0 means footprint × storeys
    geom          geometry(Polygon, 4490) NOT NULL,
    gk            geometry(Polygon, 4549) GENERATED ALWAYS AS (ST_Transform(geom, 4549)) STORED,
    PRIMARY KEY (compound_ord, ord)
);
CREATE TABLE green_spaces (
    ord  int PRIMARY KEY,
    id   text NOT NULL,
    geom geometry(Polygon, 4490) NOT NULL,
    gk   geometry(Polygon, 4549) GENERATED ALWAYS AS (ST_Transform(geom, 4549)) STORED
);
-- Facilities are points or (a few) site polygons; geog is the same shape as geography, for
-- the variants of the queries that measure on the ellipsoid.
CREATE TABLE facilities (
    ord  int PRIMARY KEY,
    id   text NOT NULL,
    kind text NOT NULL,
    geom geometry(Geometry, 4490) NOT NULL,
    gk   geometry(Geometry, 4549) GENERATED ALWAYS AS (ST_Transform(geom, 4549)) STORED,
    geog geography(Geometry, 4490) GENERATED ALWAYS AS (geom::geography) STORED
);
-- The service radius of each kind (renovation.DefaultRadii), in metres.
CREATE TABLE radii (
    ord    int PRIMARY KEY,
    kind   text NOT NULL UNIQUE,
    metres double precision NOT NULL
);
