-- Web-form capture (issue 14, 13(d)): every new conversation writes one
-- entry into each of its table's indexes, in the ingest writer's
-- transaction. conversations_status (status, last_message_at) repeats the
-- inbox's conversations_inbox_status (0007: the same columns, with id after
-- them on PostgreSQL), which serves the same filters and order. Dropping it
-- saves an index entry (on PostgreSQL a WAL record) per submission.
-- (leads_name, which repeated leads_name_sort, went in 0044.)
DROP INDEX conversations_status;
