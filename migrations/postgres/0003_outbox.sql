-- Outbound messages: a reply is a message (direction 'out') with a delivery
-- state, and an outbox entry that holds what its channel needs until the
-- channel has accepted it.
ALTER TABLE messages ADD COLUMN message_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN delivery TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN delivery_error TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN author_id BIGINT REFERENCES users (id);

CREATE TABLE outbox (
    message_id      BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL,
    channel         TEXT NOT NULL,
    account         TEXT NOT NULL,
    kind            TEXT NOT NULL,
    to_address      TEXT NOT NULL DEFAULT '',
    payload         TEXT NOT NULL,            -- the crm.Outgoing, as JSON
    state           TEXT NOT NULL,            -- queued, sent or failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    due_at          TIMESTAMPTZ NOT NULL,
    leased_until    TIMESTAMPTZ,
    channel_ref     TEXT NOT NULL DEFAULT '', -- the channel's id of the sent message
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'queued';
CREATE INDEX outbox_channel_ref ON outbox (channel, account, channel_ref) WHERE channel_ref <> '';
CREATE INDEX outbox_auto ON outbox (channel, to_address, created_at) WHERE kind = 'auto';
