-- Satisfaction surveys (客户满意度), reminder emails and each user's own
-- time zone (SQLite).

-- When a conversation was last resolved: each resolution is one occasion
-- to ask the customer, found by the satisfaction sweep through this index.
ALTER TABLE conversations ADD COLUMN resolved_at TIMESTAMP;
CREATE INDEX conversations_resolved_at ON conversations (resolved_at) WHERE status = 'resolved';

-- Whether and how to ask: one row per WeChat account or mailbox, and the
-- row ('', '') for every account without its own.
CREATE TABLE satisfaction_settings (
    channel     TEXT NOT NULL DEFAULT '',
    account     TEXT NOT NULL DEFAULT '',
    enabled     INTEGER NOT NULL DEFAULT 0,
    low_score   INTEGER NOT NULL DEFAULT 2,
    reply_hours INTEGER NOT NULL DEFAULT 24,
    link_days   INTEGER NOT NULL DEFAULT 7,
    locale      TEXT NOT NULL DEFAULT 'zh-CN',
    question    TEXT NOT NULL DEFAULT '',
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, account)
);

-- One survey per resolution: the unique key (conversation, resolved_at)
-- is written in the same transaction as the question queued in the outbox.
-- The rep and team are the conversation's at the time, for the reports.
CREATE TABLE satisfaction_surveys (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    resolved_at       TIMESTAMP NOT NULL,
    channel           TEXT NOT NULL,
    account           TEXT NOT NULL,
    contact_id        INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    customer_id       INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    rep_id            INTEGER REFERENCES users (id),
    team_id           INTEGER REFERENCES teams (id),
    state             TEXT NOT NULL CHECK (state IN ('asked', 'answered', 'skipped')),
    reason            TEXT NOT NULL DEFAULT '',
    message_id        INTEGER REFERENCES messages (id),
    asked_at          TIMESTAMP NOT NULL,
    expires_at        TIMESTAMP NOT NULL,
    low_score         INTEGER NOT NULL,
    score             INTEGER CHECK (score BETWEEN 1 AND 5),
    answered_at       TIMESTAMP,
    answered_by       TEXT NOT NULL DEFAULT '',
    answer_message_id INTEGER REFERENCES messages (id),
    task_id           INTEGER REFERENCES tasks (id),
    UNIQUE (conversation_id, resolved_at)
);
CREATE INDEX satisfaction_surveys_open ON satisfaction_surveys (conversation_id, asked_at) WHERE state = 'asked';
CREATE INDEX satisfaction_surveys_answered ON satisfaction_surveys (answered_at) WHERE state = 'answered';
CREATE INDEX satisfaction_surveys_contact ON satisfaction_surveys (contact_id, asked_at);
CREATE INDEX satisfaction_surveys_customer ON satisfaction_surveys (customer_id, asked_at);
CREATE INDEX satisfaction_surveys_low ON satisfaction_surveys (answered_at) WHERE task_id IS NULL AND score <= low_score;

-- Server-wide signing keys, made on first use and shared by every
-- instance (the survey links' HMAC key).
CREATE TABLE server_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A user's own settings: the zone their "today" is in ('' : the
-- company's), and whether their reminders come by email too.
CREATE TABLE user_settings (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone      TEXT NOT NULL DEFAULT '',
    reminder_email INTEGER NOT NULL DEFAULT 1
);

-- Reminder emails to reps: a small queue of its own (the outbox belongs to
-- customer conversations), sent and retried by the reminder-mail sweep.
CREATE TABLE reminder_mails (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_address TEXT NOT NULL,
    subject    TEXT NOT NULL,
    text       TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_at    TIMESTAMP NOT NULL,
    error      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP
);
CREATE INDEX reminder_mails_due ON reminder_mails (next_at) WHERE state = 'queued';
CREATE INDEX reminder_mails_user ON reminder_mails (user_id, created_at);

-- One row per reminder occurrence mailed: (user, what, when due). Written
-- with the mail in one transaction, so each occurrence is mailed once.
CREATE TABLE reminder_mail_items (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    ref_kind TEXT NOT NULL,
    ref_id   INTEGER NOT NULL,
    due_at   TIMESTAMP NOT NULL,
    mail_id  INTEGER NOT NULL REFERENCES reminder_mails (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, kind, ref_kind, ref_id, due_at)
);
