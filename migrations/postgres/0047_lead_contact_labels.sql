-- Leads and contacts carry labels as customers do: lead_labels and
-- contact_labels point at the managed labels by id (a rename or deletion
-- reaches them with the rest), and the JSON columns leads.tags and
-- contacts.tags are the display copy, rewritten with each rename.
ALTER TABLE leads ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';

CREATE TABLE lead_labels (
    lead_id  BIGINT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    label_id BIGINT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (lead_id, label_id)
);
CREATE INDEX lead_labels_label ON lead_labels (label_id, lead_id);

CREATE TABLE contact_labels (
    contact_id BIGINT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    label_id   BIGINT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, label_id)
);
CREATE INDEX contact_labels_label ON contact_labels (label_id, contact_id);
