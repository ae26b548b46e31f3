package pool

import (
	"context"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Run is the sweep: it computes the countdowns never computed, warns the
// owners whose warning date has come, and reclaims what is due, each item
// once (the unique key of its pool event). A batch is read and written in
// one transaction, a few statements for the whole batch; the rules and
// limits are read once per sweep. Called by the scheduler; tests call it
// with a moved clock.
func (p *Pool) Run(ctx context.Context, now time.Time) error {
	for {
		n, err := p.cfg.Store.RefreshUnchecked(ctx, p.cfg.Batch)
		if err != nil {
			return err
		}
		if n < p.cfg.Batch {
			break
		}
	}
	rules, err := p.cfg.Store.PoolRules(ctx)
	if err != nil {
		return err
	}
	s := &sweep{p: p, now: now, rules: map[int64]crm.PoolRule{}, limits: map[int64]crm.PoolLimits{}}
	for _, r := range rules {
		s.rules[r.ID] = r
	}
	if err := p.drain(ctx, s.warnings); err != nil {
		return err
	}
	return p.drain(ctx, s.reclaims)
}

// sweep is one run's state: the rules and limits it read once.
type sweep struct {
	p      *Pool
	now    time.Time
	rules  map[int64]crm.PoolRule
	limits map[int64]crm.PoolLimits // by team id, 0 for no team
}

// drain runs step, a batch per transaction, until a batch is short or
// does nothing more: an item it could not do is not fetched forever.
func (p *Pool) drain(ctx context.Context, step func(context.Context) (read, done int, err error)) error {
	for {
		var read, done int
		err := p.cfg.Store.WithTx(ctx, func(ctx context.Context) (err error) {
			read, done, err = step(ctx)
			return err
		})
		if err != nil {
			return err
		}
		if read < p.cfg.Batch || done == 0 {
			return ctx.Err()
		}
	}
}

// warnings gives the owners of a batch of records whose warning date has
// come a task due on the reclaim date: the reminder of what is about to
// be reclaimed.
func (s *sweep) warnings(ctx context.Context) (int, int, error) {
	p := s.p
	due, err := p.cfg.Store.DueWarnings(ctx, s.now, p.cfg.Batch)
	if err != nil {
		return 0, 0, err
	}
	items := make([]crm.PoolWarning, 0, len(due))
	for _, d := range due {
		if rule, ok := s.rules[d.RuleID]; ok { // else deleted since: the store recomputes it
			items = append(items, crm.PoolWarning{Due: d, Title: p.text("warn_title", p.dateText(d.At), d.Name),
				Details: p.text("warn_body", d.RuleID, p.why(d.Why, rule))})
		}
	}
	done := batch(ctx, s, items, p.cfg.Store.WarnBatch, func(it crm.PoolWarning) crm.PoolDue { return it.Due })
	return len(due), done, nil
}

// reclaims takes a batch of due records back to their pools, each once
// for its rule and period, starting the ex-owners' cooldowns and writing
// a follow-up entry and an audit entry saying which rule and dates.
func (s *sweep) reclaims(ctx context.Context) (int, int, error) {
	p := s.p
	due, err := p.cfg.Store.DueReclaims(ctx, s.now, p.cfg.Batch)
	if err != nil {
		return 0, 0, err
	}
	items := make([]crm.PoolReclaim, 0, len(due))
	for _, d := range due {
		rule, ok := s.rules[d.RuleID]
		if !ok {
			continue
		}
		limits, err := s.limitsOf(ctx, d.OwnerTeamID)
		if err != nil {
			return 0, 0, err
		}
		note := p.text("reclaimed", d.RuleID, p.why(d.Why, rule), p.dateText(d.At))
		it := crm.PoolReclaim{Due: d, Cooldown: cooldown(limits, s.now), Note: note, Result: p.text("result"),
			Audit: fmt.Sprintf("%s (owner user %d)", note, d.OwnerID)}
		if rule.ToTeamPool {
			it.PoolTeam = d.OwnerTeamID
		}
		items = append(items, it)
	}
	done := batch(ctx, s, items, p.cfg.Store.ReclaimBatch, func(it crm.PoolReclaim) crm.PoolDue { return it.Due })
	return len(due), done, nil
}

// batch writes items with write and says how many it did. When the
// batch fails it does each item alone (under its own savepoint), so that
// one bad record is logged and spares the rest.
func batch[T any](ctx context.Context, s *sweep, items []T,
	write func(context.Context, []T, time.Time) ([]crm.PoolDue, error), due func(T) crm.PoolDue) int {
	done, err := write(ctx, items, s.now)
	if err == nil {
		return len(done)
	}
	s.p.cfg.Log.Warn("pool: sweep batch failed, doing it item by item", "err", err)
	n := 0
	for i := range items {
		d, err := write(ctx, items[i:i+1], s.now)
		if err != nil {
			s.p.cfg.Log.Error("pool: sweep item", "kind", due(items[i]).Ref.Kind, "id", due(items[i]).Ref.ID, "err", err)
		}
		n += len(d)
	}
	return n
}

// limitsOf is the limits of a team's pool, read once per sweep.
func (s *sweep) limitsOf(ctx context.Context, team *int64) (crm.PoolLimits, error) {
	key := int64(0)
	if team != nil {
		key = *team
	}
	if l, ok := s.limits[key]; ok {
		return l, nil
	}
	l, err := s.p.cfg.Store.PoolLimits(ctx, team)
	if err == nil {
		s.limits[key] = l
	}
	return l, err
}

func (p *Pool) dateText(t time.Time) string { return t.In(p.cfg.Zone).Format("2006-01-02") }
