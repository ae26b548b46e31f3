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
