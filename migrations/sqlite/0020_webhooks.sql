-- Outgoing webhooks: subscriptions, one delivery per subscription and
-- event (the outbox of HTTP calls, UNIQUE so an event is queued once), and
-- the log of every attempt with the receiver's answer.
CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    url             TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    events          TEXT NOT NULL,            -- JSON array of event names
    secret          TEXT NOT NULL,            -- the HMAC key
    disabled        INTEGER NOT NULL DEFAULT 0,
    disabled_reason TEXT NOT NULL DEFAULT '',
    failures        INTEGER NOT NULL DEFAULT 0, -- deliveries failed in a row
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id   INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id     TEXT NOT NULL,               -- e.g. message.created:42
    event        TEXT NOT NULL,
    payload      TEXT NOT NULL,               -- the JSON body, fixed when queued
    state        TEXT NOT NULL,               -- queued, sent or failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       TIMESTAMP NOT NULL,
    leased_until TIMESTAMP,
    last_status  INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'queued';

CREATE TABLE webhook_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0,   -- HTTP status; 0: no answer
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
