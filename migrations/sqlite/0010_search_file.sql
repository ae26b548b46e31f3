-- The inbox's search index moves out of the database into a file of its own
-- (rapport-search.db), which the store fills from messages in batches: the
-- FTS5 merges that the trigger ran inside every ingest commit held web-form
-- submissions up for 15–40 ms several times a second (store/sqlite/search.go).
DROP TRIGGER IF EXISTS messages_search_insert;
DROP TRIGGER IF EXISTS messages_search_move;
DROP TRIGGER IF EXISTS messages_search_delete;
DROP TABLE IF EXISTS message_search;
