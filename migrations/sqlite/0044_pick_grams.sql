-- Number kept in step with PostgreSQL's 0044 (the customer picker's index
-- of characters and character pairs). SQLite's picker already reads the
-- FTS5 trigram table customer_names (0025), which this does not change.
SELECT 1;
