-- The shared inbox: list indexes, labels, private notes, canned replies and
-- full-text search that works for Chinese (FTS5's trigram tokenizer needs no
-- word segmentation; it matches any substring of three characters or more,
-- and shorter terms fall back to LIKE over the same table).

-- Lists walk these newest (or longest waiting) first under the usual filters.
CREATE INDEX conversations_inbox_status ON conversations (status, last_message_at);
CREATE INDEX conversations_inbox_assignee ON conversations (assignee_id, status, last_message_at);
CREATE INDEX conversations_inbox_waiting ON conversations (status, last_inbound_at);
CREATE INDEX conversations_inbox_team ON conversations (team_id, status, last_message_at);
CREATE INDEX conversations_inbox_newest ON conversations (last_message_at);
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';

-- conversations.labels keeps the list for reading; this table is for filtering.
CREATE TABLE conversation_labels (
    label           TEXT NOT NULL,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    PRIMARY KEY (label, conversation_id)
);
CREATE INDEX conversation_labels_conversation ON conversation_labels (conversation_id);

CREATE TABLE conversation_notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id       INTEGER NOT NULL REFERENCES users (id),
    text            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX conversation_notes_conversation ON conversation_notes (conversation_id, id);

CREATE TABLE canned_replies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

-- One search document per message: subject, sender and text. Triggers keep
-- it in step with messages, whoever writes them (ingest, outbox, merges).
CREATE VIRTUAL TABLE message_search USING fts5(doc, conversation_id UNINDEXED, tokenize = 'trigram');

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (rowid, doc, conversation_id) VALUES (new.id,
        new.subject || ' ' || new.from_name || ' ' || new.from_address || ' ' || substr(new.text, 1, 20000),
        new.conversation_id);
END;
CREATE TRIGGER messages_search_move AFTER UPDATE OF conversation_id ON messages BEGIN
    UPDATE message_search SET conversation_id = new.conversation_id WHERE rowid = new.id;
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_search WHERE rowid = old.id;
END;

INSERT INTO message_search (rowid, doc, conversation_id)
    SELECT id, subject || ' ' || from_name || ' ' || from_address || ' ' || substr(text, 1, 20000), conversation_id
    FROM messages;
