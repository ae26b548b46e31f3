-- (1) A lead's conversion is stored once: lead_conversions (who, when, the
-- customer) gains the contact, and the copy on leads (0025) goes. Rows
-- written by 0025's path only get their who and when from the audit log.
ALTER TABLE lead_conversions ADD COLUMN contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL;
UPDATE lead_conversions SET contact_id = (SELECT l.converted_contact_id FROM leads l WHERE l.id = lead_conversions.lead_id);
INSERT INTO lead_conversions (lead_id, customer_id, contact_id, converted_by, converted_at)
SELECT l.id, l.converted_customer_id, l.converted_contact_id,
    (SELECT a.actor_id FROM audit_log a WHERE a.action = 'lead.convert' AND a.subject_kind = 'lead' AND a.subject_id = l.id ORDER BY a.id LIMIT 1),
    COALESCE((SELECT a.at FROM audit_log a WHERE a.action = 'lead.convert' AND a.subject_kind = 'lead' AND a.subject_id = l.id ORDER BY a.id LIMIT 1), l.updated_at)
FROM leads l
WHERE l.converted_customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lead_conversions c WHERE c.lead_id = l.id);
CREATE INDEX lead_conversions_contact ON lead_conversions (contact_id) WHERE contact_id IS NOT NULL;
DROP INDEX leads_converted_customer;
DROP INDEX leads_converted_contact;
ALTER TABLE leads DROP COLUMN converted_customer_id;
ALTER TABLE leads DROP COLUMN converted_contact_id;

-- (2) A user's own WeChat (issue 17): a one-time binding code the user
-- sends (or scans as the QR scene "bind:<code>") to the company's account
-- links that follower to the user. Only the code's hash is kept.
CREATE TABLE user_wechat_codes (
    code_hash  TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX user_wechat_codes_user ON user_wechat_codes (user_id);

-- One follower per user and one user per follower while bound; seen_at is
-- the follower's last action, which opens WeChat's 48-hour window.
CREATE TABLE user_wechat_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    app_id     TEXT NOT NULL,
    open_id    TEXT NOT NULL,
    bound_at   TIMESTAMP NOT NULL,
    seen_at    TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX user_wechat_links_follower ON user_wechat_links (app_id, open_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX user_wechat_links_user ON user_wechat_links (user_id) WHERE revoked_at IS NULL;

-- Notices to users (not customer conversations): one row per occurrence
-- (user, key), sent by the notice sweep by WeChat or email, with the
-- channel it took and why.
CREATE TABLE user_notices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    link        TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
    channel     TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    error       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    sent_at     TIMESTAMP,
    UNIQUE (user_id, key)
);
CREATE INDEX user_notices_due ON user_notices (next_at) WHERE state = 'queued';
CREATE INDEX user_notices_user ON user_notices (user_id, id);

-- A user's switches and quiet hours for notices ('' : the company's).
ALTER TABLE user_settings ADD COLUMN notify_wechat INTEGER NOT NULL DEFAULT 1;
ALTER TABLE user_settings ADD COLUMN notify_pool INTEGER NOT NULL DEFAULT 1;
ALTER TABLE user_settings ADD COLUMN quiet_start TEXT NOT NULL DEFAULT '';
ALTER TABLE user_settings ADD COLUMN quiet_end TEXT NOT NULL DEFAULT '';
