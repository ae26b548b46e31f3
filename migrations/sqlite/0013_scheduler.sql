-- General named leases: the scheduler's sweeps (and anything else that
-- one instance at a time must do) take one by name. expires_at is also
-- when a sweep that ran falls due again.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
