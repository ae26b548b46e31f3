-- Where a lead went when it was converted (转为客户): the customer and the
-- contact made from it (or chosen for it). The customer's and contact's
-- timelines include the lead's conversations, follow-ups and tasks through
-- these, so a conversion keeps the history without rewriting it.

ALTER TABLE leads ADD COLUMN converted_customer_id INTEGER REFERENCES customers (id);
ALTER TABLE leads ADD COLUMN converted_contact_id INTEGER REFERENCES contacts (id);
CREATE INDEX leads_converted_customer ON leads (converted_customer_id) WHERE converted_customer_id IS NOT NULL;
CREATE INDEX leads_converted_contact ON leads (converted_contact_id) WHERE converted_contact_id IS NOT NULL;

-- The record pickers find a customer by any part of its name as the user
-- types: an FTS5 trigram index over the customers' names (kept by the
-- triggers below) answers in milliseconds where LIKE '%…%' reads every row.
-- PostgreSQL uses a pg_trgm GIN index instead (the same migration there).
CREATE VIRTUAL TABLE customer_names USING fts5(name, short_name, content = 'customers', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO customer_names (customer_names) VALUES ('rebuild');
CREATE TRIGGER customer_names_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customer_names (rowid, name, short_name) VALUES (new.id, new.name, new.short_name);
END;
CREATE TRIGGER customer_names_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customer_names (customer_names, rowid, name, short_name) VALUES ('delete', old.id, old.name, old.short_name);
END;
CREATE TRIGGER customer_names_update AFTER UPDATE OF name, short_name ON customers BEGIN
    INSERT INTO customer_names (customer_names, rowid, name, short_name) VALUES ('delete', old.id, old.name, old.short_name);
    INSERT INTO customer_names (rowid, name, short_name) VALUES (new.id, new.name, new.short_name);
END;
