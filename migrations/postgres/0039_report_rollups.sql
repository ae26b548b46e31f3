-- Sales rollup (issue 19): the sales report's figures per sales day, order
-- owner and customer owner, split by one dimension at a time (dim: '' for
-- the whole order, or region, level, dealer, product, category). Both
-- owners are in the key so that a viewer's visibility (the order's owner or
-- its customer's, see visibleOrder) is decided on the rollup exactly as on
-- the orders; teams, names and labels are joined when read, so a user moved
-- between teams or a renamed product needs no correction.
--
-- How it stays right: triggers on every table the figures read append the
-- days a change touches to report_dirty_days, in the same transaction as
-- the change, whoever makes it (store methods, the importer's bulk path, a
-- merge, a reclaim, a transfer, plain SQL). The scheduler's reports-rollup
-- sweep recomputes those days from the orders and removes their marks; a
-- report reads the rollup for clean days and the orders themselves for
-- dirty ones, so its figures never lag a write.
CREATE TABLE report_sales_days (
    day               DATE NOT NULL,
    dim               TEXT NOT NULL,
    key_id            BIGINT,
    key_text          TEXT,
    owner_id          BIGINT,
    customer_owner_id BIGINT,
    amount            BIGINT NOT NULL,
    orders            BIGINT NOT NULL,
    margin            DOUBLE PRECISION,
    costed            DOUBLE PRECISION
);
CREATE INDEX report_sales_days_dim ON report_sales_days (dim, day);

-- The same per calendar month (day: the 1st), summed from the days when the
-- sweep rebuilds them: a quarter by product reads three months' rows, not
-- ninety days'. A report takes a month from here only when the whole month
-- lies in its period and none of its days is dirty.
CREATE TABLE report_sales_months (
    day               DATE NOT NULL,
    dim               TEXT NOT NULL,
    key_id            BIGINT,
    key_text          TEXT,
    owner_id          BIGINT,
    customer_owner_id BIGINT,
    amount            BIGINT NOT NULL,
    orders            BIGINT NOT NULL,
    margin            DOUBLE PRECISION,
    costed            DOUBLE PRECISION
);
CREATE INDEX report_sales_months_dim ON report_sales_months (dim, day);

-- Days whose rollup is stale: appended by the triggers (one row per change,
-- no unique key, so concurrent writers never wait on each other), removed
-- by the sweep before it recomputes the day.
CREATE TABLE report_dirty_days (
    id     BIGSERIAL PRIMARY KEY,
    report TEXT NOT NULL,
    day    DATE NOT NULL
);
CREATE INDEX report_dirty_days_day ON report_dirty_days (report, day);

CREATE FUNCTION orders_sales_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.sales_date IS NOT NULL THEN
        INSERT INTO report_dirty_days (report, day) VALUES ('sales', OLD.sales_date);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.sales_date IS NOT NULL
        AND (TG_OP = 'INSERT' OR NEW.sales_date IS DISTINCT FROM OLD.sales_date) THEN
        INSERT INTO report_dirty_days (report, day) VALUES ('sales', NEW.sales_date);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER orders_sales_rollup_insert AFTER INSERT OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_sales_rollup();
CREATE TRIGGER orders_sales_rollup_update
    AFTER UPDATE OF status, owner_id, customer_id, dealer_id, amount, margin, costed, sales_date ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_sales_rollup();

CREATE FUNCTION order_lines_sales_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'sales', o.sales_date FROM orders o
        WHERE o.sales_date IS NOT NULL AND (
            (TG_OP <> 'INSERT' AND o.id = OLD.order_id) OR (TG_OP <> 'DELETE' AND o.id = NEW.order_id));
    RETURN NULL;
END $$;
CREATE TRIGGER order_lines_sales_rollup AFTER INSERT OR UPDATE OR DELETE ON order_lines
    FOR EACH ROW EXECUTE FUNCTION order_lines_sales_rollup();

-- A reassigned, reclaimed, transferred or re-classed customer moves its
-- orders' figures between rollup keys.
CREATE FUNCTION customers_sales_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT DISTINCT 'sales', sales_date FROM orders WHERE customer_id = NEW.id AND sales_date IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER customers_sales_rollup AFTER UPDATE OF owner_id, region, level ON customers
    FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.region IS DISTINCT FROM NEW.region
        OR OLD.level IS DISTINCT FROM NEW.level)
    EXECUTE FUNCTION customers_sales_rollup();

CREATE FUNCTION products_sales_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT DISTINCT 'sales', o.sales_date FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE l.product_id = NEW.id AND o.sales_date IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER products_sales_rollup AFTER UPDATE OF category ON products
    FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category)
    EXECUTE FUNCTION products_sales_rollup();

-- Backfill: every day with a sale is stale until the sweep has built it
-- (reports read the orders for those days meanwhile).
INSERT INTO report_dirty_days (report, day) SELECT DISTINCT 'sales', sales_date FROM orders WHERE sales_date IS NOT NULL;
