-- Reports managers steer by (issue 19): lead conversions for the funnel,
-- the follow-up audit (稽核) queue, and the indexes the reports' period
-- filters need (each report reads one period's rows through them).

-- A lead converted into a customer: the funnel counts it, and that
-- customer's first order, from here.
CREATE TABLE lead_conversions (
    lead_id      INTEGER PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    converted_by INTEGER REFERENCES users (id),
    converted_at TIMESTAMP NOT NULL
);
CREATE INDEX lead_conversions_customer ON lead_conversions (customer_id);

-- A follow-up a manager has reviewed (稽核), once each.
CREATE TABLE followup_reviews (
    followup_id INTEGER PRIMARY KEY REFERENCES followups (id) ON DELETE CASCADE,
    reviewer_id INTEGER NOT NULL REFERENCES users (id),
    verdict     TEXT NOT NULL CHECK (verdict IN ('ok', 'questioned')),
    note        TEXT NOT NULL DEFAULT '',
    reviewed_at TIMESTAMP NOT NULL
);

CREATE INDEX followups_at ON followups (at);
CREATE INDEX messages_sent_by ON messages (sent_at) WHERE direction = 'out' AND author_id IS NOT NULL;
CREATE INDEX tasks_completed_at ON tasks (completed_at) WHERE status = 'done';
CREATE INDEX leads_created_at ON leads (created_at);
CREATE INDEX customers_created_at ON customers (created_at);
CREATE INDEX conversations_created_at ON conversations (created_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX bot_decisions_at ON bot_decisions (decided_at);

-- An order's gross margin and the amount of its lines with a known cost,
-- kept by the store with its lines: the sales report reads orders alone.
ALTER TABLE orders ADD COLUMN margin INTEGER;
ALTER TABLE orders ADD COLUMN costed INTEGER;
UPDATE orders SET margin = (SELECT sum(l.amount - l.quantity * l.unit_cost) FROM order_lines l
    WHERE l.order_id = orders.id AND l.unit_cost IS NOT NULL),
  costed = (SELECT sum(l.amount) FROM order_lines l WHERE l.order_id = orders.id AND l.unit_cost IS NOT NULL);
