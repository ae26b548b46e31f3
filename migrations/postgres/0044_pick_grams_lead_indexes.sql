-- The customer picker (issue 18) finds any part of a name from the first
-- character typed. pg_trgm (customers_pick, 0025) has no trigram in a
-- query of one or two characters, so "张伟" read every customer; and in a
-- longer query it ran the trigram recheck on every row of a common
-- fragment. Instead a GIN index holds each name's characters and character
-- pairs, lower-cased (Chinese and Latin alike, whatever the locale): a
-- query of one character looks up that one, a longer one all its pairs,
-- and ILIKE confirms the few rows found. The planner sees the pairs' own
-- statistics, so a fragment every name has walks the id index instead.
CREATE FUNCTION pick_grams(s TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT DISTINCT substr(l, i, n) FROM lower(s) AS l, generate_series(1, 2) AS n,
        generate_series(1, length(l) - n + 1) AS i)
$$;

-- The grams a name must have to contain q: its pairs, or q itself when it
-- is one character.
CREATE FUNCTION pick_query_grams(q TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT DISTINCT substr(l, i, least(length(l), 2)) FROM lower(q) AS l,
        generate_series(1, greatest(length(l) - 1, 1)) AS i)
$$;

-- fastupdate off: a pending list of fresh entries would be read by every
-- search until a vacuum merges it (5 ms at 100k customers just seeded).
CREATE INDEX customers_pick_grams ON customers USING gin (pick_grams(name || ' ' || short_name))
    WITH (fastupdate = off);
DROP INDEX customers_pick;

-- leads_name_sort (name, id), 0036, serves the duplicate check's exact
-- name lookups as well: one index less to write on every lead whose row
-- moves (a reclaim sweep writes ten thousand at a million leads).
DROP INDEX leads_name;
