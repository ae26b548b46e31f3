-- Receivables rollup (issue 19): instalments by due day and payments by
-- UTC hour, per order owner and customer owner, kept like the sales rollup
-- (0039): triggers mark the days a change touches in report_dirty_days
-- (report 'receivables'), the reports-rollup sweep rebuilds them, and a
-- report reads the rollup for clean days and the records for dirty ones.
-- Both owners are in the key so that visibility (the order's owner or its
-- customer's) is decided on the rollup as on the orders, and a reassigned
-- order or customer moves its figures.
--
-- A receivables day D stands for the instalments due on D and the payments
-- made on the UTC day D. Payments are kept per hour, not per day, because
-- the reports count a payment on the viewer's local day: any whole-hour
-- offset from UTC sums whole hours (other offsets read the payments).
CREATE TABLE report_receivable_days (
    day               TEXT NOT NULL,
    owner_id          INTEGER,
    customer_owner_id INTEGER,
    planned           INTEGER NOT NULL,
    outstanding       INTEGER NOT NULL,
    instalments       INTEGER NOT NULL,
    -- the instalments not yet paid in full (aging, overdue)
    open_outstanding  INTEGER NOT NULL,
    open_instalments  INTEGER NOT NULL
);
CREATE INDEX report_receivable_days_day ON report_receivable_days (day);

CREATE TABLE report_payment_hours (
    hour              TIMESTAMP NOT NULL,
    owner_id          INTEGER,
    customer_owner_id INTEGER,
    received          INTEGER NOT NULL
);
CREATE INDEX report_payment_hours_hour ON report_payment_hours (hour);

CREATE TRIGGER payment_plans_receivables_insert AFTER INSERT ON payment_plans BEGIN
    INSERT INTO report_dirty_days (report, day) VALUES ('receivables', new.due_date);
END;
CREATE TRIGGER payment_plans_receivables_update AFTER UPDATE OF order_id, due_date, amount, paid ON payment_plans BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'receivables', d FROM (SELECT old.due_date AS d UNION SELECT new.due_date);
END;
CREATE TRIGGER payment_plans_receivables_delete AFTER DELETE ON payment_plans BEGIN
    INSERT INTO report_dirty_days (report, day) VALUES ('receivables', old.due_date);
END;
CREATE TRIGGER payments_receivables_insert AFTER INSERT ON payments BEGIN
    INSERT INTO report_dirty_days (report, day) VALUES ('receivables', date(new.paid_at));
END;
CREATE TRIGGER payments_receivables_update AFTER UPDATE OF order_id, amount, paid_at ON payments BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'receivables', d FROM (SELECT date(old.paid_at) AS d UNION SELECT date(new.paid_at));
END;
CREATE TRIGGER payments_receivables_delete AFTER DELETE ON payments BEGIN
    INSERT INTO report_dirty_days (report, day) VALUES ('receivables', date(old.paid_at));
END;
-- A reassigned order or customer moves the figures of what hangs on it.
CREATE TRIGGER orders_receivables_update AFTER UPDATE OF owner_id, customer_id ON orders
    WHEN old.owner_id IS NOT new.owner_id OR old.customer_id IS NOT new.customer_id BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT DISTINCT 'receivables', due_date FROM payment_plans WHERE order_id = new.id
        UNION SELECT 'receivables', date(paid_at) FROM payments WHERE order_id = new.id;
END;
CREATE TRIGGER customers_receivables_update AFTER UPDATE OF owner_id ON customers
    WHEN old.owner_id IS NOT new.owner_id BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'receivables', pp.due_date FROM payment_plans pp JOIN orders o ON o.id = pp.order_id WHERE o.customer_id = new.id
        UNION SELECT 'receivables', date(p.paid_at) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.customer_id = new.id;
END;

-- Backfill: every day with an instalment or a payment is stale until the
-- sweep has built it (reports read the records for those days meanwhile).
INSERT INTO report_dirty_days (report, day)
    SELECT 'receivables', due_date FROM payment_plans UNION SELECT 'receivables', date(paid_at) FROM payments;
