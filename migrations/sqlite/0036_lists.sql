-- The record lists a user works from: the columns each user chose per list,
-- and filters saved under a name (a team may share them).
CREATE TABLE list_columns (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    columns TEXT NOT NULL DEFAULT '[]', -- JSON: column keys, in order
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE saved_filters (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL DEFAULT '',
    team_id    INTEGER REFERENCES teams (id) ON DELETE SET NULL, -- shared with; NULL: private
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, kind, name)
);
CREATE INDEX saved_filters_team ON saved_filters (team_id, kind);

-- Sorting a list by a column walks an index on (column, id) rather than
-- sorting every visible row for one page.
CREATE INDEX customers_name_sort ON customers (name, id);
CREATE INDEX contacts_name_sort ON contacts (name, id);
CREATE INDEX leads_name_sort ON leads (name, id);
CREATE INDEX orders_amount_sort ON orders (amount, id);
CREATE INDEX tasks_title_sort ON tasks (title, id);

-- Labels are managed records: a name and a colour from the palette
-- (crm.LabelColors). Customers' tags and conversations' labels point at
-- them by id, so a rename or a new colour shows everywhere at once; the
-- JSON columns customers.tags and conversations.labels stay the display
-- copy, rewritten with each rename or deletion.
CREATE TABLE labels (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL UNIQUE,
    color TEXT NOT NULL DEFAULT 'gray'
);
INSERT INTO labels (name) SELECT tag FROM customer_tags UNION SELECT label FROM conversation_labels;

CREATE TABLE customer_labels (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    label_id    INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (customer_id, label_id)
);
CREATE INDEX customer_labels_label ON customer_labels (label_id, customer_id);
INSERT INTO customer_labels (customer_id, label_id)
    SELECT t.customer_id, l.id FROM customer_tags t JOIN labels l ON l.name = t.tag;
DROP TABLE customer_tags;

CREATE TABLE conversation_label_ids (
    label_id        INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    PRIMARY KEY (label_id, conversation_id)
);
INSERT INTO conversation_label_ids (label_id, conversation_id)
    SELECT l.id, c.conversation_id FROM conversation_labels c JOIN labels l ON l.name = c.label;
DROP TABLE conversation_labels;
ALTER TABLE conversation_label_ids RENAME TO conversation_labels;
CREATE INDEX conversation_labels_conversation ON conversation_labels (conversation_id);
