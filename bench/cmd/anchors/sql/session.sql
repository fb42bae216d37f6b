-- Settings of each benchmark session, as an analyst would set them for this work; each was
-- measured on the benchmark machine (see BENCHMARKS.md). The search path is set by the program.
--
-- JIT compilation costs about 0.9 s on the indicators query (PostGIS functions are costed
-- high, so every query crosses jit_above_cost) and saves nothing measurable.
SET jit = off;
-- Sorts and hashes of 100,000 footprints stay in memory (the default 4 MB spills to disk).
SET work_mem = '256MB';
-- The queries take the range of compounds as parameters; with a generic plan the planner
-- guesses that a range holds 0.5 % of the rows and nests loops over the whole table.
SET plan_cache_mode = force_custom_plan;
-- Tables of 10,000 and 100,000 rows get no parallel plans anyway; the two-core runs use two
-- sessions that share the compounds by halves instead.
SET max_parallel_workers_per_gather = 0;
