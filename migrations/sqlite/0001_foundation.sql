-- Rapport foundation schema (SQLite).
-- Times are UTC, truncated to microseconds, in modernc's text form
-- ("2006-01-02 15:04:05.999999999-07:00"), which sorts correctly when every
-- value is UTC. Dates are TEXT 'YYYY-MM-DD'. Money is INTEGER minor units.
-- JSON columns (emails, phones, identities, tags, refs, items…) are the
-- display copy; the child tables beside them are the indexes that lookups,
-- filters and unique rules use. Only the store writes both, in one transaction.

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'rep')),
    team_id       INTEGER REFERENCES teams (id),
    locale        TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    industry   TEXT NOT NULL DEFAULT '',
    level      TEXT NOT NULL DEFAULT '',
    region     TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,
    owner_id   INTEGER REFERENCES users (id),
    tags       TEXT NOT NULL DEFAULT '[]',
    address    TEXT NOT NULL DEFAULT '',
    website    TEXT NOT NULL DEFAULT '',
    domain     TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX customers_owner ON customers (owner_id, id);
CREATE INDEX customers_domain ON customers (domain);

CREATE TABLE customer_tags (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER REFERENCES customers (id),
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    emails      TEXT NOT NULL DEFAULT '[]',
    phones      TEXT NOT NULL DEFAULT '[]',
    identities  TEXT NOT NULL DEFAULT '[]',
    birthday    TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    owner_id    INTEGER REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX contacts_customer ON contacts (customer_id, id);
CREATE INDEX contacts_owner ON contacts (owner_id, id);

CREATE TABLE contact_emails (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    PRIMARY KEY (contact_id, email)
);
CREATE INDEX contact_emails_email ON contact_emails (email, contact_id);

CREATE TABLE contact_phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    phone      TEXT NOT NULL,
    PRIMARY KEY (contact_id, phone)
);
CREATE INDEX contact_phones_phone ON contact_phones (phone, contact_id);

CREATE TABLE contact_identities (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    UNIQUE (kind, key, value)
);
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);

CREATE TABLE leads (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL DEFAULT '',
    company           TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    channel           TEXT NOT NULL,
    source            TEXT NOT NULL DEFAULT '{}',
    status            TEXT NOT NULL,
    owner_id          INTEGER REFERENCES users (id),
    notes             TEXT NOT NULL DEFAULT '',
    custom            TEXT NOT NULL DEFAULT '{}',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    last_follow_up_at TIMESTAMP,
    claimed_at        TIMESTAMP
);
CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_phone ON leads (phone);
CREATE INDEX leads_owner ON leads (owner_id, id);

CREATE TABLE orders (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    kind               TEXT NOT NULL CHECK (kind IN ('order', 'contract')),
    number             TEXT NOT NULL UNIQUE,
    customer_id        INTEGER NOT NULL REFERENCES customers (id),
    title              TEXT NOT NULL DEFAULT '',
    items              TEXT NOT NULL DEFAULT '[]',
    amount             INTEGER NOT NULL,
    currency           TEXT NOT NULL,
    terms              TEXT NOT NULL DEFAULT '',
    start_date         TEXT,
    end_date           TEXT,
    customer_signer_id INTEGER REFERENCES contacts (id),
    our_signer_id      INTEGER REFERENCES users (id),
    signed_date        TEXT,
    status             TEXT NOT NULL,
    owner_id           INTEGER REFERENCES users (id),
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, id);
CREATE INDEX orders_owner ON orders (owner_id, id);

CREATE TABLE payment_plans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    instalment INTEGER NOT NULL,
    due_date   TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    paid       INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (order_id, instalment)
);

CREATE TABLE payments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    plan_id    INTEGER REFERENCES payment_plans (id),
    amount     INTEGER NOT NULL,
    method     TEXT NOT NULL,
    paid_at    TIMESTAMP NOT NULL,
    handler_id INTEGER REFERENCES users (id),
    account    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX payments_order ON payments (order_id, id);
CREATE INDEX payments_plan ON payments (plan_id);

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    date        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    carrier     TEXT NOT NULL DEFAULT '',
    tracking_no TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX deliveries_order ON deliveries (order_id, date);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    number       TEXT UNIQUE, -- NULL when the task has none
    title        TEXT NOT NULL,
    details      TEXT NOT NULL DEFAULT '',
    due_at       TIMESTAMP,
    assignee_id  INTEGER REFERENCES users (id),
    status       TEXT NOT NULL,
    refs         TEXT NOT NULL DEFAULT '[]',
    created_by   INTEGER REFERENCES users (id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    completed_at TIMESTAMP
);
CREATE INDEX tasks_assignee ON tasks (assignee_id, id);

CREATE TABLE task_refs (
    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    ref_id  INTEGER NOT NULL,
    PRIMARY KEY (task_id, kind, ref_id)
);
CREATE INDEX task_refs_ref ON task_refs (kind, ref_id, task_id);

CREATE TABLE followups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    method     TEXT NOT NULL,
    at         TIMESTAMP NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    result     TEXT NOT NULL DEFAULT '',
    details    TEXT NOT NULL DEFAULT '',
    next_step  TEXT NOT NULL DEFAULT '',
    next_at    TIMESTAMP,
    refs       TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX followups_user ON followups (user_id, id);

CREATE TABLE followup_refs (
    followup_id INTEGER NOT NULL REFERENCES followups (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    ref_id      INTEGER NOT NULL,
    PRIMARY KEY (followup_id, kind, ref_id)
);
CREATE INDEX followup_refs_ref ON followup_refs (kind, ref_id, followup_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256       TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_sha256 ON attachments (sha256);

CREATE TABLE attachment_refs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    ref_id        INTEGER NOT NULL,
    UNIQUE (kind, ref_id, attachment_id)
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id     INTEGER REFERENCES users (id),
    action       TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    at           TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, id);
