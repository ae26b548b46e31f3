package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/bot"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/metrics"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// channelDeps is what serve hands each channel adapter.
type channelDeps struct {
	cfg      *Config
	db       *sqlstore.DB
	blobs    crm.BlobStore
	ingester *crm.Ingester
	outbox   *crm.Outbox // for reports on sent messages and automatic answers
	events   crm.Bus
	log      *slog.Logger
	now      func() time.Time
	baseURL  string
	holder   string                // this process's name in leases (claimInstance)
	bot      *bot.Bot              // its catch-up sweep runs under the scheduler
	metrics  *metrics.Metrics      // nil in commands other than serve
	senders  map[string]crm.Sender // the channels' senders, filled as they are set up
}

// channelParts is what a channel adapter gives serve back. Every field is
// optional.
type channelParts struct {
	channel string     // the crm.Channel* this adapter serves
	sender  crm.Sender // replies and care messages out
	// runners work until ctx ends: pollers, media downloads.
	runners []func(ctx context.Context) error
	// Public endpoints, mounted by the web layer.
	wechatCallback http.Handler
	formCapture    http.Handler
	menus          crm.MenuPublisher // WeChat's menu/create and menu/get
}

// channelSetups build each channel in turn; each lives in channel_<kind>.go.
var channelSetups = []func(d *channelDeps) (channelParts, error){
	emailChannel, wechatChannel, webformChannel,
}
