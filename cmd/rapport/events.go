package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/bot"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/ratelimit"
	"github.com/rapport-crm/rapport/store/postgres"
)

// newEventBus is the bus live views, webhooks and the bot hear events on:
// in this process on SQLite (one instance), through PostgreSQL's
// LISTEN/NOTIFY on PostgreSQL, where several instances share the
// database. own hears this process's events only, for work each instance
// does for what it committed itself (the bot). The last result is the
// bus's worker (nil in process).
func newEventBus(cfg *Config, log *slog.Logger) (all crm.Bus, own bot.Events, run *worker, err error) {
	if !cfg.UsesPostgres() {
		b := crm.NewBroker()
		return b, b, nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := postgres.NewBus(ctx, postgres.BusConfig{URL: cfg.DatabaseURL, Logger: log.With("part", "events")})
	if err != nil {
		return nil, nil, nil, err
	}
	return b, ownEvents{b}, &worker{"events", b.Run}, nil
}

// ownEvents is a bus's events of this process only.
type ownEvents struct{ b *postgres.Bus }

func (o ownEvents) Subscribe(buffer int) (<-chan crm.Event, func()) { return o.b.SubscribeOwn(buffer) }

// limits makes the rate limits of logins and forms: in this process on
// SQLite, counted in the database on PostgreSQL, so that a flood spread
// over several instances meets one limit.
func (d *channelDeps) limits() ratelimit.Maker {
	if !d.cfg.UsesPostgres() {
		return ratelimit.InProcess
	}
	log := d.log.With("part", "limits")
	return func(name string, perSecond float64, burst int) ratelimit.Limiter {
		return crm.NewSharedLimiter(d.db, name, perSecond, burst, log)
	}
}
