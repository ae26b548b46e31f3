-- Rate limits shared by every instance on one database (see the PostgreSQL
-- file). SQLite serves one instance, which limits in memory: the table is
-- here so that both dialects keep one schema.
CREATE TABLE rate_counters (
    key       TEXT NOT NULL,
    window_at INTEGER NOT NULL,
    hits      INTEGER NOT NULL,
    until_at  INTEGER NOT NULL,
    PRIMARY KEY (key, window_at)
);
CREATE INDEX rate_counters_until ON rate_counters (until_at);
