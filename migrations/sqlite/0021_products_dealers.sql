-- Product catalogue (产品) and orders sold through a dealer (经销商/代理商), issue 19.

-- A product: list price and cost in minor units; cost NULL when unknown
-- (gross margin is then not computed rather than computed against zero).
CREATE TABLE products (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    sku        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '',
    unit       TEXT NOT NULL DEFAULT '',
    list_price INTEGER NOT NULL DEFAULT 0,
    cost       INTEGER,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX products_category ON products (category, id);

-- order_lines indexes orders.items (the display copy) for sales by product
-- and category; the store writes both in one transaction. unit_cost is the
-- product's cost when the order was saved.
CREATE TABLE order_lines (
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    product_id INTEGER REFERENCES products (id),
    product    TEXT NOT NULL,
    quantity   REAL NOT NULL,
    unit_price INTEGER NOT NULL,
    amount     INTEGER NOT NULL,
    unit_cost  INTEGER,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product ON order_lines (product_id, order_id);

-- An order sold through a dealer: customer_id is the end customer,
-- dealer_id a customer of kind dealer or agent. sales_date is the day the
-- sale counts on in reports: order_date, else the day it was entered (UTC).
ALTER TABLE orders ADD COLUMN dealer_id INTEGER REFERENCES customers (id);
ALTER TABLE orders ADD COLUMN sales_date TEXT;
UPDATE orders SET sales_date = COALESCE(order_date, substr(created_at, 1, 10));
CREATE INDEX orders_dealer ON orders (dealer_id, id) WHERE dealer_id IS NOT NULL;
CREATE INDEX orders_sales_date ON orders (sales_date, id);
