-- A conversation folded into another (one mail thread that arrived out of
-- order and was split) leaves its id here, so that a link, an open page or
-- an API client holding the old id is sent on to the one that stayed.
-- into_id always names a conversation that exists: a later fold of that one
-- moves these rows on with it.
CREATE TABLE conversation_folds (
    from_id   INTEGER PRIMARY KEY,
    into_id   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    folded_at TEXT NOT NULL
);
CREATE INDEX conversation_folds_into ON conversation_folds (into_id);
