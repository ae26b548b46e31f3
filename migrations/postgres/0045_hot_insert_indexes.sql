-- Web-form capture (issue 14, 13(d)): every new lead and conversation
-- writes one entry into each of its table's indexes, in the ingest
-- writer's transaction. Two of those indexes repeat another one and serve
-- no query the other does not:
--   leads_name (name) repeats leads_name_sort (name, id), added by
--   the list sorting of 0036;
--   conversations_status (status, last_message_at) repeats the inbox's
--   conversations_inbox_status (0007: the same columns, with id after them
--   on PostgreSQL), which serves the same filters and order.
-- Dropping them saves two index entries (on PostgreSQL two WAL records,
-- about 200 bytes) per submission.
DROP INDEX leads_name;
DROP INDEX conversations_status;
