-- The pool's contract-end rule: a customer goes back to the pool this many
-- days after its last contract ended (0: off); and a cap on the records a
-- rep may hold frozen (0: no cap).
ALTER TABLE pool_rules ADD COLUMN contract_end_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pool_limits ADD COLUMN frozen_cap INTEGER NOT NULL DEFAULT 0;
-- The frozen cap counts a rep's frozen records at each freeze.
CREATE INDEX leads_owner_frozen ON leads (owner_id, frozen_until) WHERE frozen_until IS NOT NULL;
CREATE INDEX customers_owner_frozen ON customers (owner_id, frozen_until) WHERE frozen_until IS NOT NULL;
-- A rep's own list sorted by days left.
CREATE INDEX leads_owner_reclaim ON leads (owner_id, reclaim_at, id) WHERE reclaim_at IS NOT NULL;
CREATE INDEX customers_owner_reclaim ON customers (owner_id, reclaim_at, id) WHERE reclaim_at IS NOT NULL;
