-- WeChat official accounts, their shared access tokens, their followers and
-- the media downloads waiting for a runner.
CREATE TABLE wechat_accounts (
    app_id           TEXT PRIMARY KEY,
    name             TEXT NOT NULL DEFAULT '',
    app_secret       TEXT NOT NULL,
    token            TEXT NOT NULL,
    encoding_aes_key TEXT NOT NULL DEFAULT '',
    mode             TEXT NOT NULL,
    templates        TEXT NOT NULL DEFAULT '{}', -- purpose -> crm.WeChatTemplate, JSON
    api_base         TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

-- One row per account: the token every instance uses, and the lease of the
-- one instance allowed to fetch a new one (fetching invalidates the old).
CREATE TABLE wechat_tokens (
    app_id       TEXT PRIMARY KEY REFERENCES wechat_accounts (app_id) ON DELETE CASCADE,
    access_token TEXT NOT NULL DEFAULT '',
    expires_at   TIMESTAMP,
    lease_holder TEXT NOT NULL DEFAULT '',
    lease_until  TIMESTAMP
);

CREATE TABLE wechat_users (
    app_id          TEXT NOT NULL,
    open_id         TEXT NOT NULL,
    union_id        TEXT NOT NULL DEFAULT '',
    nickname        TEXT NOT NULL DEFAULT '',
    unsubscribed    BOOLEAN NOT NULL DEFAULT FALSE,
    unsubscribed_at TIMESTAMP,
    fetched_at      TIMESTAMP,
    PRIMARY KEY (app_id, open_id)
);
CREATE INDEX wechat_users_union ON wechat_users (union_id) WHERE union_id <> '';

CREATE TABLE wechat_media (
    id            INTEGER PRIMARY KEY,
    app_id        TEXT NOT NULL,
    message_id    INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    media_id      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    state         TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    error         TEXT NOT NULL DEFAULT '',
    attachment_id INTEGER REFERENCES attachments (id),
    created_at    TIMESTAMP NOT NULL,
    UNIQUE (message_id, media_id)
);
CREATE INDEX wechat_media_state ON wechat_media (state, id);
