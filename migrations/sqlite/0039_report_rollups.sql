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
    day               TEXT NOT NULL,
    dim               TEXT NOT NULL,
    key_id            INTEGER,
    key_text          TEXT,
    owner_id          INTEGER,
    customer_owner_id INTEGER,
    amount            INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    margin            REAL,
    costed            REAL
);
CREATE INDEX report_sales_days_dim ON report_sales_days (dim, day);

-- The same per calendar month (day: the 1st), summed from the days when the
-- sweep rebuilds them: a quarter by product reads three months' rows, not
-- ninety days'. A report takes a month from here only when the whole month
-- lies in its period and none of its days is dirty.
CREATE TABLE report_sales_months (
    day               TEXT NOT NULL,
    dim               TEXT NOT NULL,
    key_id            INTEGER,
    key_text          TEXT,
    owner_id          INTEGER,
    customer_owner_id INTEGER,
    amount            INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    margin            REAL,
    costed            REAL
);
CREATE INDEX report_sales_months_dim ON report_sales_months (dim, day);

-- Days whose rollup is stale: appended by the triggers (one row per change,
-- no unique key, so concurrent writers never wait on each other), removed
-- by the sweep before it recomputes the day.
CREATE TABLE report_dirty_days (
    id     INTEGER PRIMARY KEY,
    report TEXT NOT NULL,
    day    TEXT NOT NULL
);
CREATE INDEX report_dirty_days_day ON report_dirty_days (report, day);

CREATE TRIGGER orders_sales_rollup_insert AFTER INSERT ON orders WHEN new.sales_date IS NOT NULL BEGIN
    INSERT INTO report_dirty_days (report, day) VALUES ('sales', new.sales_date);
END;
CREATE TRIGGER orders_sales_rollup_update AFTER UPDATE OF status, owner_id, customer_id, dealer_id, amount, margin, costed, sales_date ON orders BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'sales', d FROM (SELECT old.sales_date AS d UNION SELECT new.sales_date) WHERE d IS NOT NULL;
END;
CREATE TRIGGER orders_sales_rollup_delete AFTER DELETE ON orders WHEN old.sales_date IS NOT NULL BEGIN
    INSERT INTO report_dirty_days (report, day) VALUES ('sales', old.sales_date);
END;
CREATE TRIGGER order_lines_sales_rollup_insert AFTER INSERT ON order_lines BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'sales', sales_date FROM orders WHERE id = new.order_id AND sales_date IS NOT NULL;
END;
CREATE TRIGGER order_lines_sales_rollup_update AFTER UPDATE ON order_lines BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'sales', sales_date FROM orders WHERE id IN (old.order_id, new.order_id) AND sales_date IS NOT NULL;
END;
CREATE TRIGGER order_lines_sales_rollup_delete AFTER DELETE ON order_lines BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT 'sales', sales_date FROM orders WHERE id = old.order_id AND sales_date IS NOT NULL;
END;
-- A reassigned, reclaimed, transferred or re-classed customer moves its
-- orders' figures between rollup keys.
CREATE TRIGGER customers_sales_rollup AFTER UPDATE OF owner_id, region, level ON customers
    WHEN old.owner_id IS NOT new.owner_id OR old.region IS NOT new.region OR old.level IS NOT new.level BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT DISTINCT 'sales', sales_date FROM orders WHERE customer_id = new.id AND sales_date IS NOT NULL;
END;
CREATE TRIGGER products_sales_rollup AFTER UPDATE OF category ON products
    WHEN old.category IS NOT new.category BEGIN
    INSERT INTO report_dirty_days (report, day)
        SELECT DISTINCT 'sales', o.sales_date FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE l.product_id = new.id AND o.sales_date IS NOT NULL;
END;

-- Backfill: every day with a sale is stale until the sweep has built it
-- (reports read the orders for those days meanwhile).
INSERT INTO report_dirty_days (report, day) SELECT DISTINCT 'sales', sales_date FROM orders WHERE sales_date IS NOT NULL;
