-- Email: mailbox accounts, their pollers' progress, and the lease that lets
-- exactly one instance poll each mailbox.

CREATE TABLE mailboxes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    address    TEXT NOT NULL,
    config     TEXT NOT NULL,              -- the settings, as JSON, without secrets
    secrets    TEXT NOT NULL DEFAULT '{}', -- passwords and tokens, as JSON
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE mailbox_status (
    mailbox_id   INTEGER PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE,
    state        TEXT NOT NULL,
    last_sync_at TIMESTAMP,
    last_error   TEXT NOT NULL DEFAULT '',
    ingested     INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    pending      INTEGER NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE mailbox_leases (
    mailbox_id INTEGER PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- Subject threading looks up a sender's recent mail in one mailbox.
CREATE INDEX messages_email_sender ON messages (account, from_address, id)
    WHERE channel = 'email' AND direction = 'in';
