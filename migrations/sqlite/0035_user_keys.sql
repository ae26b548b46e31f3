-- One-time links that let a person set their own password: an invitation
-- (the user exists, with no password yet) or a reset made by an admin or
-- their manager. Only the hash of the link's secret is kept; the link is
-- shown once, to whoever made it, since no mail server need be configured.
-- A user has at most one live key: a new one replaces the old.
CREATE TABLE user_keys (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- Installation-wide switches set from the pages, such as the first-run
-- checklist being dismissed.
CREATE TABLE install_flags (
    name   TEXT PRIMARY KEY,
    set_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    set_at TIMESTAMP NOT NULL
);
