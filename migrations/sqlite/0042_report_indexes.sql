-- Report indexes (issue 19): what the workload and service reports read,
-- in the index itself, so that a month's rows are an index range and never
-- a fetch of each wide row (a follow-up's details, a message's body).
--
-- Workload: follow-ups by day, rep and method; open tasks by due time and
-- assignee (overdue); messages reps sent by day and author. These replace
-- narrower indexes on the same leading column.
DROP INDEX followups_at;
CREATE INDEX followups_at ON followups (at, user_id, method);
DROP INDEX tasks_due_at;
CREATE INDEX tasks_due_at ON tasks (due_at, assignee_id) WHERE status = 'open';
DROP INDEX messages_sent_by;
CREATE INDEX messages_sent_by ON messages (sent_at, author_id) WHERE direction = 'out' AND author_id IS NOT NULL;

-- Service: a conversation's first inbound message and first reply by a
-- person, one index seek each (min of the range) instead of reading every
-- message of the conversation.
CREATE INDEX messages_first_in ON messages (conversation_id, sent_at) WHERE direction = 'in';
CREATE INDEX messages_first_reply ON messages (conversation_id, sent_at) WHERE direction = 'out' AND author_id IS NOT NULL;

-- Funnel: a converted customer's first sale, one index seek (no sort of
-- the customer's orders).
CREATE INDEX orders_first_sale ON orders (customer_id, sales_date, id) WHERE status IN ('active', 'completed');
