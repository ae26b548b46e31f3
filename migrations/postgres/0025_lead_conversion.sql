-- Where a lead went when it was converted (转为客户): the customer and the
-- contact made from it (or chosen for it). The customer's and contact's
-- timelines include the lead's conversations, follow-ups and tasks through
-- these, so a conversion keeps the history without rewriting it.

ALTER TABLE leads ADD COLUMN converted_customer_id BIGINT REFERENCES customers (id);
ALTER TABLE leads ADD COLUMN converted_contact_id BIGINT REFERENCES contacts (id);
CREATE INDEX leads_converted_customer ON leads (converted_customer_id) WHERE converted_customer_id IS NOT NULL;
CREATE INDEX leads_converted_contact ON leads (converted_contact_id) WHERE converted_contact_id IS NOT NULL;
