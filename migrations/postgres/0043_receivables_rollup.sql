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
    day               DATE NOT NULL,
    owner_id          BIGINT,
    customer_owner_id BIGINT,
    planned           BIGINT NOT NULL,
    outstanding       BIGINT NOT NULL,
    instalments       BIGINT NOT NULL,
    -- the instalments not yet paid in full (aging, overdue)
    open_outstanding  BIGINT NOT NULL,
    open_instalments  BIGINT NOT NULL
);
CREATE INDEX report_receivable_days_day ON report_receivable_days (day);

CREATE TABLE report_payment_hours (
    hour              TIMESTAMPTZ NOT NULL,
    owner_id          BIGINT,
    customer_owner_id BIGINT,
    received          BIGINT NOT NULL
);
CREATE INDEX report_payment_hours_hour ON report_payment_hours (hour);

CREATE FUNCTION payment_plans_receivables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO report_dirty_days (report, day) VALUES ('receivables', OLD.due_date);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.due_date IS DISTINCT FROM OLD.due_date) THEN
        INSERT INTO report_dirty_days (report, day) VALUES ('receivables', NEW.due_date);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER payment_plans_receivables_insert AFTER INSERT OR DELETE ON payment_plans
    FOR EACH ROW EXECUTE FUNCTION payment_plans_receivables();
CREATE TRIGGER payment_plans_receivables_update AFTER UPDATE OF order_id, due_date, amount, paid ON payment_plans
    FOR EACH ROW EXECUTE FUNCTION payment_plans_receivables();

CREATE FUNCTION payments_receivables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO report_dirty_days (report, day) VALUES ('receivables', (OLD.paid_at AT TIME ZONE 'UTC')::date);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.paid_at IS DISTINCT FROM OLD.paid_at) THEN
        INSERT INTO report_dirty_days (report, day) VALUES ('receivables', (NEW.paid_at AT TIME ZONE 'UTC')::date);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER payments_receivables_insert AFTER INSERT OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_receivables();
CREATE TRIGGER payments_receivables_update AFTER UPDATE OF order_id, amount, paid_at ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_receivables();

-- A reassigned order or customer moves the figures of what hangs on it.
CREATE FUNCTION orders_receivables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'receivables', due_date FROM payment_plans WHERE order_id = NEW.id
        UNION SELECT 'receivables', (paid_at AT TIME ZONE 'UTC')::date FROM payments WHERE order_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER orders_receivables_update AFTER UPDATE OF owner_id, customer_id ON orders
    FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
    EXECUTE FUNCTION orders_receivables();

CREATE FUNCTION customers_receivables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'receivables', pp.due_date FROM payment_plans pp JOIN orders o ON o.id = pp.order_id WHERE o.customer_id = NEW.id
        UNION SELECT 'receivables', (p.paid_at AT TIME ZONE 'UTC')::date FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE o.customer_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER customers_receivables_update AFTER UPDATE OF owner_id ON customers
    FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id)
    EXECUTE FUNCTION customers_receivables();

-- Backfill: every day with an instalment or a payment is stale until the
-- sweep has built it (reports read the records for those days meanwhile).
INSERT INTO report_dirty_days (report, day)
    SELECT 'receivables', due_date FROM payment_plans
    UNION SELECT 'receivables', (paid_at AT TIME ZONE 'UTC')::date FROM payments;
