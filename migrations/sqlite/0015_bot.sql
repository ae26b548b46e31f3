-- The bot: its settings and rules per WeChat account or mailbox (channel,
-- account), the shared FAQ, and one decision per inbound message. The
-- decision's UNIQUE message_id is what makes a retry, a restart or a
-- second instance decide a message once: the answer is queued in the same
-- transaction as the decision row.

CREATE TABLE bot_settings (
    channel    TEXT NOT NULL,
    account    TEXT NOT NULL,
    config     TEXT NOT NULL,            -- crm.BotSettings as JSON
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, account)
);

CREATE TABLE bot_rules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    channel    TEXT NOT NULL,
    account    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('welcome', 'keyword', 'click')),
    priority   INTEGER NOT NULL DEFAULT 0,
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    config     TEXT NOT NULL,            -- crm.BotRule as JSON
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX bot_rules_scope ON bot_rules (channel, account, priority);

CREATE TABLE bot_faqs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    question     TEXT NOT NULL,
    alternatives TEXT NOT NULL DEFAULT '[]',
    answer       TEXT NOT NULL,
    answer_en    TEXT NOT NULL DEFAULT '',
    enabled      BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at   TIMESTAMP NOT NULL
);

-- One row, bumped by every write above, so that each instance's in-memory
-- index knows with one cheap read when to rebuild.
CREATE TABLE bot_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO bot_revision (id, n) VALUES (1, 0);

CREATE TABLE bot_decisions (
    message_id       INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    channel          TEXT NOT NULL,
    account          TEXT NOT NULL,
    action           TEXT NOT NULL,      -- answer, handoff, away, none
    reason           TEXT NOT NULL,
    rule_id          INTEGER,
    faq_id           INTEGER,
    score            REAL NOT NULL DEFAULT 0,
    reply_message_id INTEGER,
    decided_at       TIMESTAMP NOT NULL
);
CREATE INDEX bot_decisions_conversation ON bot_decisions (conversation_id, decided_at);
CREATE INDEX bot_decisions_day ON bot_decisions (channel, account, decided_at);

-- A rep's pause of the bot in one conversation.
CREATE TABLE bot_paused (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    paused_by       INTEGER REFERENCES users (id),
    paused_at       TIMESTAMP NOT NULL
);
