-- Settings of each benchmark session, as an analyst would set them for this work. Each was
-- measured on the benchmark machine against the session without it (see BENCHMARKS.md); the
-- search path is set by the program.
--
-- JIT compilation adds 0.3–0.4 s to the indicators query and 0.2 s to the coverage query
-- (PostGIS functions are costed high, so every query crosses jit_above_cost) and saves nothing.
SET jit = off;
-- What an analyst gives such queries; with these plans the default 4 MB measured the same.
SET work_mem = '256MB';
-- The queries take the range of compounds as parameters. After five executions PostgreSQL
-- switches to a generic plan, which guesses that a range holds 0.5 % of the rows and nests
-- loops accordingly: the indicators query then takes 4.3 s instead of 1.9 s.
SET plan_cache_mode = force_custom_plan;
-- The planner chooses no parallel plan for these tables anyway (measured the same with 2
-- workers per gather); the two-core runs use two sessions sharing the compounds instead.
SET max_parallel_workers_per_gather = 0;
