-- API gaps met while loading real data (issue 14 item 14).

-- A customer keeps several corporate mail domains (the matcher finds it by
-- any of them) and a phone. domains is the list as given, first the main
-- one (still also in domain); customer_domains indexes it for lookups.
ALTER TABLE customers ADD COLUMN domains TEXT NOT NULL DEFAULT '[]';
ALTER TABLE customers ADD COLUMN phone TEXT NOT NULL DEFAULT '';
CREATE TABLE customer_domains (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    domain      TEXT NOT NULL,
    PRIMARY KEY (customer_id, domain)
);
CREATE INDEX customer_domains_domain ON customer_domains (domain, customer_id);
INSERT INTO customer_domains (customer_id, domain) SELECT id, domain FROM customers WHERE domain <> '';
UPDATE customers SET domains = json_array(domain) WHERE domain <> '';

-- An order's own date, and the contract it was placed under.
ALTER TABLE orders ADD COLUMN order_date TEXT;
ALTER TABLE orders ADD COLUMN contract_id INTEGER REFERENCES orders (id);
CREATE INDEX orders_contract ON orders (contract_id) WHERE contract_id IS NOT NULL;

-- A message looked up by its Message-ID (a hint, not unique: mailers reuse them).
CREATE INDEX messages_message_ref ON messages (message_ref) WHERE message_ref <> '';
