package main

import (
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/metrics"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/webhook"
)

// hooks are the outgoing webhooks' two workers: the dispatcher that
// queues deliveries for committed events, and the deliverer.
type hooks struct {
	disp  *webhook.Dispatcher
	deliv *webhook.Deliverer
}

func newHooks(cfg *Config, db *sqlstore.DB, log *slog.Logger, m *metrics.Metrics) *hooks {
	log = log.With("part", "webhooks")
	h := &hooks{}
	h.deliv = webhook.NewDeliverer(webhook.Config{Store: db, Now: time.Now, Log: log,
		Client:   webhook.Guard{AllowPrivate: cfg.WebhookAllowPrivate}.Client(10 * time.Second),
		Disabled: webhook.TellAdmins(db, log), Observe: hookObserver(m)})
	h.disp = webhook.NewDispatcher(webhook.DispatchConfig{Store: db, Records: db, Now: time.Now, Log: log,
		Queued: h.deliv.Wake})
	return h
}

func (h *hooks) workers() []worker {
	return []worker{
		{"webhook-queue", h.disp.Run},
		{"webhook-deliver", h.deliv.Run},
	}
}

// webDeps gives the web layer the webhooks' store and event door.
func (h *hooks) webDeps(d web.Deps, db *sqlstore.DB) web.Deps {
	d.Webhooks, d.Hooks, d.HookQueued = db, h.disp, h.deliv.Wake
	return d
}

var _ crm.Publisher = (*webhook.Dispatcher)(nil)
