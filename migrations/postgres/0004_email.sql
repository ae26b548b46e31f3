-- Email: mailbox accounts, their pollers' progress, and the lease that lets
-- exactly one instance poll each mailbox.

CREATE TABLE mailboxes (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    address    TEXT NOT NULL,
    config     TEXT NOT NULL,              -- the settings, as JSON, without secrets
    secrets    TEXT NOT NULL DEFAULT '{}', -- passwords and tokens, as JSON
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE mailbox_status (
    mailbox_id   BIGINT PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE,
    state        TEXT NOT NULL,
    last_sync_at TIMESTAMPTZ,
    last_error   TEXT NOT NULL DEFAULT '',
    ingested     BIGINT NOT NULL DEFAULT 0,
    duplicates   BIGINT NOT NULL DEFAULT 0,
    pending      BIGINT NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE mailbox_leases (
    mailbox_id BIGINT PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

-- Subject threading looks up a sender's recent mail in one mailbox.
CREATE INDEX messages_email_sender ON messages (account, from_address, id)
    WHERE channel = 'email' AND direction = 'in';
