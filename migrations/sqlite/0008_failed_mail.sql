-- Email a poller could not store after repeated tries: kept raw with its
-- error, so that newer mail passes it and an admin can retry it.

CREATE TABLE failed_mail (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    mailbox_id   INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    folder       TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    raw          BLOB NOT NULL,
    error        TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    retry        INTEGER NOT NULL DEFAULT 0,
    failed_at    TIMESTAMP NOT NULL,
    UNIQUE (mailbox_id, folder, uid_validity, uid)
);
