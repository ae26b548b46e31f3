-- Where a lead went when it was converted (转为客户): the customer and the
-- contact made from it (or chosen for it). The customer's and contact's
-- timelines include the lead's conversations, follow-ups and tasks through
-- these, so a conversion keeps the history without rewriting it.

ALTER TABLE leads ADD COLUMN converted_customer_id BIGINT REFERENCES customers (id);
ALTER TABLE leads ADD COLUMN converted_contact_id BIGINT REFERENCES contacts (id);
CREATE INDEX leads_converted_customer ON leads (converted_customer_id) WHERE converted_customer_id IS NOT NULL;
CREATE INDEX leads_converted_contact ON leads (converted_contact_id) WHERE converted_contact_id IS NOT NULL;

-- The record pickers find a customer by any part of its name as the user
-- types: a pg_trgm GIN index serves ILIKE '%…%' on the name and short name
-- (SQLite keeps an FTS5 trigram table, customer_names, instead). The
-- operator class lives in whichever schema holds the extension (0007).
DO $$
DECLARE
    s TEXT;
BEGIN
    SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX customers_pick ON customers USING gin ((name || '' '' || short_name) %I.gin_trgm_ops)', s);
END
$$;
