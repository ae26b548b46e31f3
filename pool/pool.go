// Package pool holds the lead and customer pool's behaviour (公海): who may
// take, give back, assign and move records, under the caps, the daily claim
// limit and the ex-owner cooldown; and the sweep that warns owners and
// reclaims what the rules say, once per rule, record and period. It talks
// to the store only through crm's interfaces.
package pool

import (
	"context"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Store is what the pool needs of the database.
type Store interface {
	crm.PoolStore
	crm.PoolSweepStore
	crm.FollowUpStore
	crm.TaskStore
	crm.AuditStore
}

// Config is what a Pool needs; Store is required.
type Config struct {
	Store Store
	Now   func() time.Time
	Log   *slog.Logger
	// Zone is where a day starts for the daily claim limit (default
	// Asia/Shanghai).
	Zone *time.Location
	// Lang is the language of what the pool writes into records: the
	// reclaim's follow-up entry and the warning task ("zh-CN" or "en").
	Lang string
	// Every is how often the sweep runs (default 10 minutes).
	Every time.Duration
	// Batch is how many records one sweep step reads (default 1000: a
	// few statements and one commit per batch, whatever its size).
	Batch int
}

// Pool applies the pool's rules.
type Pool struct{ cfg Config }

// New returns a Pool with cfg's defaults filled in.
func New(cfg Config) *Pool {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Zone == nil {
		if z, err := time.LoadLocation("Asia/Shanghai"); err == nil {
			cfg.Zone = z
		} else {
			cfg.Zone = time.FixedZone("CST", 8*3600)
		}
	}
	if cfg.Every <= 0 {
		cfg.Every = 10 * time.Minute
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 1000
	}
	return &Pool{cfg: cfg}
}

// Sweep is the pool's scheduled work, for the scheduler.
func (p *Pool) Sweep() crm.Sweep {
	return crm.Sweep{Name: "pool.reclaim", Every: p.cfg.Every, Run: p.Run}
}

// dayStart is the start of now's day in the pool's zone.
func (p *Pool) dayStart(now time.Time) time.Time {
	y, m, d := now.In(p.cfg.Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, p.cfg.Zone)
}

func (p *Pool) audit(ctx context.Context, actor *int64, r crm.Ref, action, detail string) error {
	return p.cfg.Store.Audit(ctx, &crm.AuditEntry{ActorID: actor, Action: r.Kind + "." + action, Subject: r, Detail: detail})
}
