-- Email a poller could not store after repeated tries: kept raw with its
-- error, so that newer mail passes it and an admin can retry it.

CREATE TABLE failed_mail (
    id           BIGSERIAL PRIMARY KEY,
    mailbox_id   BIGINT NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    folder       TEXT NOT NULL,
    uid_validity BIGINT NOT NULL,
    uid          BIGINT NOT NULL,
    raw          BYTEA NOT NULL,
    error        TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    retry        BOOLEAN NOT NULL DEFAULT FALSE,
    failed_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (mailbox_id, folder, uid_validity, uid)
);
