-- Ingest: conversations, messages and their links, thread references, the
-- review queue, adapter cursors and lead assignment rules.

ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_name_key ON customers (name_key) WHERE name_key <> '';
ALTER TABLE leads ADD COLUMN company_key TEXT NOT NULL DEFAULT '';
CREATE INDEX leads_company_key ON leads (company_key) WHERE company_key <> '';

CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel         TEXT NOT NULL,
    account         TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
    assignee_id     INTEGER REFERENCES users (id),
    team_id         INTEGER REFERENCES teams (id),
    contact_id      INTEGER REFERENCES contacts (id),
    customer_id     INTEGER REFERENCES customers (id),
    lead_id         INTEGER REFERENCES leads (id),
    needs_review    INTEGER NOT NULL DEFAULT 0,
    labels          TEXT NOT NULL DEFAULT '[]',
    snoozed_until   TIMESTAMP,
    last_message_at TIMESTAMP NOT NULL,
    last_inbound_at TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX conversations_status ON conversations (status, last_message_at);
CREATE INDEX conversations_assignee ON conversations (assignee_id, last_message_at);
CREATE INDEX conversations_contact ON conversations (contact_id);
CREATE INDEX conversations_customer ON conversations (customer_id);
CREATE INDEX conversations_lead ON conversations (lead_id);
CREATE INDEX conversations_review ON conversations (id) WHERE needs_review = 1;

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    channel         TEXT NOT NULL,
    account         TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    external_id     TEXT NOT NULL,
    from_name       TEXT NOT NULL DEFAULT '',
    from_address    TEXT NOT NULL DEFAULT '',
    to_addrs        TEXT NOT NULL DEFAULT '[]',
    cc_addrs        TEXT NOT NULL DEFAULT '[]',
    subject         TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    html            TEXT NOT NULL DEFAULT '',
    automated       INTEGER NOT NULL DEFAULT 0,
    sent_at         TIMESTAMP NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (channel, account, external_id)
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

-- The bytes as the channel delivered them, kept apart from the parsed form
-- so that lists never read them.
CREATE TABLE message_raw (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    raw        BLOB NOT NULL
);

CREATE TABLE message_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    target_id  INTEGER NOT NULL,
    rule       TEXT NOT NULL,
    value      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX message_links_message ON message_links (message_id);
CREATE INDEX message_links_target ON message_links (kind, target_id);

CREATE TABLE conversation_refs (
    channel         TEXT NOT NULL,
    account         TEXT NOT NULL,
    ref             TEXT NOT NULL,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    PRIMARY KEY (channel, account, ref)
);
CREATE INDEX conversation_refs_conversation ON conversation_refs (conversation_id);

CREATE TABLE review_candidates (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    target_id       INTEGER NOT NULL,
    rule            TEXT NOT NULL,
    value           TEXT NOT NULL DEFAULT '',
    label           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_candidates_conversation ON review_candidates (conversation_id);

CREATE TABLE cursors (
    channel    TEXT NOT NULL,
    account    TEXT NOT NULL,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (channel, account, name)
);

-- Round robin among a team's reps; a rep at lead_cap open leads is skipped.
CREATE TABLE assignment_rules (
    team_id      INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    lead_cap     INTEGER NOT NULL CHECK (lead_cap >= 0),
    last_user_id INTEGER NOT NULL DEFAULT 0
);

-- The duplicate check (查重) looks people up by exact name.
CREATE INDEX contacts_name ON contacts (name);
CREATE INDEX leads_name ON leads (name);
