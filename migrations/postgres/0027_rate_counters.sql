-- Rate limits shared by every instance on one database: one counter per
-- key (a client address, a form, an account at a client) and fixed
-- window. A row is kept until its window has ended (until_at), then swept.
CREATE TABLE rate_counters (
    key       TEXT NOT NULL,
    window_at BIGINT NOT NULL,
    hits      BIGINT NOT NULL,
    until_at  BIGINT NOT NULL,
    PRIMARY KEY (key, window_at)
);
CREATE INDEX rate_counters_until ON rate_counters (until_at);
