-- Care plans (关怀) and the occurrences they caused (SQLite).
-- A plan's trigger, audience, template and timing are one JSON spec: the
-- care package validates it; the store only keeps it.

CREATE TABLE care_plans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 0,
    spec       TEXT NOT NULL DEFAULT '{}',
    created_by INTEGER REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- One row per (plan, contact, occurrence date): the unique key that makes a
-- second instance, a retry or a restart harmless. Written in the same
-- transaction as the outbox message or the task it caused.
CREATE TABLE care_occurrences (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL REFERENCES care_plans (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    occurs_on   TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers (id),
    order_id    INTEGER REFERENCES orders (id),
    owner_id    INTEGER REFERENCES users (id),
    state       TEXT NOT NULL CHECK (state IN ('queued', 'task', 'skipped')),
    channel     TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    message_id  INTEGER REFERENCES messages (id),
    task_id     INTEGER REFERENCES tasks (id),
    followup_id INTEGER REFERENCES followups (id),
    at          TIMESTAMP NOT NULL,
    UNIQUE (plan_id, contact_id, occurs_on)
);
CREATE INDEX care_occurrences_contact ON care_occurrences (contact_id, at);
CREATE INDEX care_occurrences_customer ON care_occurrences (customer_id, at);

-- What a contact said about care: the one opt-out every channel honours,
-- their time zone for quiet hours, and the token of their unsubscribe link.
CREATE TABLE care_contacts (
    contact_id        INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    opted_out         INTEGER NOT NULL DEFAULT 0,
    opt_out_reason    TEXT NOT NULL DEFAULT '',
    opted_out_at      TIMESTAMP,
    time_zone         TEXT NOT NULL DEFAULT '',
    unsubscribe_token TEXT UNIQUE
);

-- The indexed lookups behind each trigger: birthdays by month*100+day (the
-- store's query repeats this expression exactly, or the index is not used),
-- event dates by date.
CREATE INDEX contacts_birthday_md ON contacts ((CAST(substr(birthday, 6, 2) AS INTEGER) * 100 + CAST(substr(birthday, 9, 2) AS INTEGER))) WHERE birthday IS NOT NULL;
CREATE INDEX deliveries_date ON deliveries (date);
CREATE INDEX orders_signed_date ON orders (signed_date);
CREATE INDEX orders_end_date ON orders (end_date);
CREATE INDEX payment_plans_due_date ON payment_plans (due_date);
CREATE INDEX payments_paid_at ON payments (paid_at);
CREATE INDEX followups_next_at ON followups (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX tasks_due_at ON tasks (due_at) WHERE status = 'open';
