-- PostgreSQL's 0044 also adds the customer picker's index of characters
-- and pairs; SQLite's picker reads the FTS5 trigram table customer_names
-- (0025), which this leaves as it is.

-- leads_name_sort (name, id), 0036, serves the duplicate check's exact
-- name lookups as well: one index less to write on every lead whose row
-- moves (a reclaim sweep writes ten thousand at a million leads).
DROP INDEX leads_name;
