-- The pool (公海): reclaim rules per pool, kind and level; ownership limits
-- per pool; each record's countdown, kept up to date by the store so that
-- the reclaim sweep and the "days left" sort are index reads; and one row
-- per ownership event, whose unique key makes a reclaim or a warning
-- happen once per (rule, record, period).
CREATE TABLE pool_rules (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id                INTEGER REFERENCES teams (id) ON DELETE CASCADE,
    kind                   TEXT NOT NULL CHECK (kind IN ('lead', 'customer')),
    level                  TEXT NOT NULL DEFAULT '',
    idle_days              INTEGER NOT NULL DEFAULT 0,
    no_deal_days           INTEGER NOT NULL DEFAULT 0,
    warn_days              INTEGER NOT NULL DEFAULT 0,
    exempt_open_order      INTEGER NOT NULL DEFAULT 0,
    exempt_active_contract INTEGER NOT NULL DEFAULT 0,
    to_team_pool           INTEGER NOT NULL DEFAULT 0,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pool_rules_scope ON pool_rules (COALESCE(team_id, 0), kind, level);

CREATE TABLE pool_limits (
    team_key      INTEGER PRIMARY KEY, -- the team's id, 0 for the default pool
    lead_cap      INTEGER NOT NULL DEFAULT 0,
    customer_cap  INTEGER NOT NULL DEFAULT 0,
    daily_claims  INTEGER NOT NULL DEFAULT 0,
    cooldown_days INTEGER NOT NULL DEFAULT 0
);

-- action: claim, release, assign, transfer, reclaim, warn, freeze, unfreeze.
-- period_at is the due date a reclaim or warning was for.
CREATE TABLE pool_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    action      TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    from_owner  INTEGER REFERENCES users (id),
    to_owner    INTEGER REFERENCES users (id),
    rule_id     INTEGER,
    period_at   TIMESTAMP,
    reason      TEXT NOT NULL DEFAULT '',
    at          TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pool_events_once ON pool_events (kind, record_id, action, rule_id, period_at)
    WHERE action IN ('reclaim', 'warn');
CREATE INDEX pool_events_claims ON pool_events (to_owner, at) WHERE action = 'claim';
CREATE INDEX pool_events_record ON pool_events (kind, record_id, id);

ALTER TABLE leads ADD COLUMN last_activity_at TIMESTAMP;
ALTER TABLE leads ADD COLUMN reclaim_at TIMESTAMP;
ALTER TABLE leads ADD COLUMN warn_at TIMESTAMP;
ALTER TABLE leads ADD COLUMN reclaim_rule_id INTEGER;
ALTER TABLE leads ADD COLUMN reclaim_why TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN frozen_until TIMESTAMP;
ALTER TABLE leads ADD COLUMN frozen_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN pool_team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL;
ALTER TABLE leads ADD COLUMN prev_owner_id INTEGER REFERENCES users (id);
ALTER TABLE leads ADD COLUMN cooldown_until TIMESTAMP;
-- 0 until the store first computes the countdown (rows written by ingest's
-- batches, or before this migration): the pool sweep computes those.
ALTER TABLE leads ADD COLUMN pool_checked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX leads_unchecked ON leads (id) WHERE pool_checked = 0;
CREATE INDEX leads_reclaim ON leads (reclaim_at, id) WHERE reclaim_at IS NOT NULL;
CREATE INDEX leads_warn ON leads (owner_id, warn_at) WHERE warn_at IS NOT NULL;
-- warn_pending is warn_at until the owner has been warned for this date:
-- the sweep reads only the warnings still to give.
ALTER TABLE leads ADD COLUMN warn_pending TIMESTAMP;
CREATE INDEX leads_warn_pending ON leads (warn_pending, id) WHERE warn_pending IS NOT NULL;
CREATE INDEX leads_frozen ON leads (frozen_until) WHERE frozen_until IS NOT NULL;

ALTER TABLE customers ADD COLUMN claimed_at TIMESTAMP;
ALTER TABLE customers ADD COLUMN last_activity_at TIMESTAMP;
ALTER TABLE customers ADD COLUMN reclaim_at TIMESTAMP;
ALTER TABLE customers ADD COLUMN warn_at TIMESTAMP;
ALTER TABLE customers ADD COLUMN reclaim_rule_id INTEGER;
ALTER TABLE customers ADD COLUMN reclaim_why TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN frozen_until TIMESTAMP;
ALTER TABLE customers ADD COLUMN frozen_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN pool_team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL;
ALTER TABLE customers ADD COLUMN prev_owner_id INTEGER REFERENCES users (id);
ALTER TABLE customers ADD COLUMN cooldown_until TIMESTAMP;
-- 0 until the store first computes the countdown (rows written by ingest's
-- batches, or before this migration): the pool sweep computes those.
ALTER TABLE customers ADD COLUMN pool_checked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX customers_unchecked ON customers (id) WHERE pool_checked = 0;
CREATE INDEX customers_reclaim ON customers (reclaim_at, id) WHERE reclaim_at IS NOT NULL;
CREATE INDEX customers_warn ON customers (owner_id, warn_at) WHERE warn_at IS NOT NULL;
-- warn_pending is warn_at until the owner has been warned for this date:
-- the sweep reads only the warnings still to give.
ALTER TABLE customers ADD COLUMN warn_pending TIMESTAMP;
CREATE INDEX customers_warn_pending ON customers (warn_pending, id) WHERE warn_pending IS NOT NULL;
CREATE INDEX customers_frozen ON customers (frozen_until) WHERE frozen_until IS NOT NULL;
