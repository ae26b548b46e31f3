package main

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/bot"
	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
	"github.com/rapport-crm/rapport/internal/metrics"
	"github.com/rapport-crm/rapport/internal/ratelimit"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/pool"
	"github.com/rapport-crm/rapport/store/sqlstore"
	"github.com/rapport-crm/rapport/web"
)

// pipeline is what serve runs besides HTTP: the one ingest door, the
// outbox, the channels, and the events that tie them to live views.
type pipeline struct {
	events   crm.Bus
	metrics  *metrics.Metrics
	hooks    *hooks
	ingester *crm.Ingester
	outbox   *crm.Outbox
	parts    []channelParts
	workers  []worker
	care     *care.Service
	owners   *pool.Pool
	importer *importer.Service
	limits   ratelimit.Maker
}

func newPipeline(cfg *Config, db *sqlstore.DB, blobs crm.BlobStore, baseURL, holder string, log *slog.Logger) (*pipeline, error) {
	p := &pipeline{}
	if cfg.Metrics {
		p.metrics = newMetrics(db) // off: /metrics answers 404 and nothing is counted
	}
	events, own, busWorker, err := newEventBus(cfg, log)
	if err != nil {
		return nil, err
	}
	p.events = events
	if busWorker != nil {
		p.workers = append(p.workers, *busWorker)
	}
	p.hooks = newHooks(cfg, db, log, p.metrics)
	m := matcher.New(matcher.Config{PhoneRegion: cfg.PhoneRegion, OwnDomains: splitList(cfg.OwnDomains),
		ReopenWithin: cfg.ReopenWithin})
	p.ingester = crm.NewIngester(crm.IngestConfig{Store: db, Matcher: m,
		Events: crm.Publishers{p.events, p.hooks.disp, eventCounter{p.metrics}},
		Now:    time.Now, Logger: log.With("part", "ingest"), LeadTeamID: cfg.LeadTeamID, Observe: p.metrics.IngestBatch,
		Surveys: db})
	senders := map[string]crm.Sender{}
	p.outbox = crm.NewOutbox(crm.OutboxConfig{Store: db, Senders: senders, Events: p.events,
		Now: time.Now, Logger: log.With("part", "outbox")})
	b := bot.New(bot.Config{Store: db, Outbox: p.outbox, Events: own, Now: time.Now,
		Log: log.With("part", "bot"), OwnDomains: splitList(cfg.OwnDomains), HandedOff: p.hooks.disp})
	p.workers = append(p.workers, worker{"ingest", p.ingester.Run}, worker{"outbox", p.outbox.Run}, worker{"bot", b.Run})
	p.workers = append(p.workers, p.hooks.workers()...)
	if cfg.UsesPostgres() {
		p.workers = append(p.workers, searchTidier(db, log.With("part", "search")))
	}
	d := &channelDeps{cfg: cfg, db: db, blobs: blobs, ingester: p.ingester, outbox: p.outbox,
		events: p.events, log: log, now: time.Now, baseURL: baseURL, holder: holder, bot: b, metrics: p.metrics,
		senders: senders}
	p.limits = d.limits()
	for _, setup := range channelSetups {
		part, err := setup(d)
		if err != nil {
			return nil, err
		}
		if part.sender != nil {
			senders[part.channel] = part.sender
		}
		for i, run := range part.runners {
			p.workers = append(p.workers, worker{fmt.Sprintf("%s-%d", part.channel, i), run})
		}
		p.parts = append(p.parts, part)
	}
	if p.care, err = newCare(cfg, db, p.outbox, baseURL, log, senders[crm.ChannelEmail]); err != nil {
		return nil, err
	}
	p.owners = newPool(d)
	p.workers = append(p.workers, schedulerWorker(d, p.owners.Sweep()))
	var imports worker
	p.importer, imports = newImporter(cfg, db, blobs, holder, log)
	p.workers = append(p.workers, imports)
	return p, nil
}

// webDeps adds the pipeline's parts to the web layer's dependencies.
func (p *pipeline) webDeps(d web.Deps, db *sqlstore.DB) web.Deps {
	d.Events, d.Outbox, d.Pool = p.events, p.outbox, p.owners
	d.Mailboxes, d.WeChat, d.Forms, d.Inbox, d.Bot = db, db, db, db, db
	d.Care, d.CareStore, d.Reminders = p.care, db, db
	d.Importer = p.importer
	d.UserSettings, d.Satisfaction, d.Surveys = db, db, p.care
	d.Staff, d.Notices = db, db
	d = p.hooks.webDeps(d, db)
	d.Metrics = p.metrics
	d.Limits = p.limits
	for _, part := range p.parts {
		if part.wechatCallback != nil {
			d.WeChatCallback = part.wechatCallback
		}
		if part.formCapture != nil {
			d.FormCapture = part.formCapture
		}
		if part.menus != nil {
			d.Menus = part.menus
		}
	}
	return d
}

// splitList splits a comma-separated setting, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
