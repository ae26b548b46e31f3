// Package wechat is the WeChat official account (公众号) channel: the
// callback WeChat pushes messages and events to, the runners that fetch
// user info and media after the reply, and a crm.Sender for customer-service
// and template messages.
//
// It uses github.com/silenceper/wechat/v2 only for its message crypto
// (package util: signature and AES), which is pure. The SDK's server and API
// clients are left out on purpose: importing its root package sets the
// global logrus to Debug and logs decrypted messages, its lazy getters race,
// its server reads unbounded bodies and answers safe-mode pushes with an
// encrypted empty envelope, it reaches the API through process-wide hooks
// only, and its errors carry WeChat's errcode only in their text. Our own
// small client keeps a base URL per account and the errcode as a number.
package wechat

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Store is what the channel keeps and reads.
type Store interface {
	crm.WeChatStore
	// Conversation returns a conversation (for the 48-hour window). ENOTFOUND.
	Conversation(ctx context.Context, v crm.Viewer, id int64) (*crm.Conversation, error)
}

// Config configures a Channel.
type Config struct {
	Store      Store
	Ingester   crm.MessageIngester
	Deliveries crm.DeliveryReporter // template job reports; nil: only logged
	// Staff links followers to users (their own WeChat, for notices);
	// nil: no binding, every follower is a customer.
	Staff      crm.UserWeChatStore
	Blobs      crm.BlobStore
	HTTPClient *http.Client // for WeChat's API; default: 10 s timeout
	Now        func() time.Time
	Logger     *slog.Logger
	// MaxBody bounds a push's body (WeChat's are a few KB). Default 64 KB.
	MaxBody int64
	// Instance names this process in the token lease. Default: random.
	Instance string
	// MediaAttempts bounds the tries of one media download. Default 4.
	MediaAttempts int
	// MediaBackoff is the wait before try n+1. Default: 2 s doubling, at
	// most a minute.
	MediaBackoff func(n int) time.Duration
}

// Channel is one server's WeChat channel, for every configured account.
type Channel struct {
	cfg      Config
	accounts *accountCache
	users    *userQueue
	media    chan struct{} // wakes the media runner
}

// New returns a Channel; serve its callback, run RunUsers and RunMedia.
func New(cfg Config) *Channel {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 64 << 10
	}
	if cfg.Instance == "" {
		cfg.Instance = rand.Text()
	}
	if cfg.MediaAttempts <= 0 {
		cfg.MediaAttempts = 4
	}
	if cfg.MediaBackoff == nil {
		cfg.MediaBackoff = crm.Backoff{First: 2 * time.Second, Max: time.Minute}.After
	}
	return &Channel{cfg: cfg, accounts: newAccountCache(cfg.Store),
		users: newUserQueue(), media: make(chan struct{}, 1)}
}

var (
	_ crm.Sender      = (*Channel)(nil)
	_ crm.SendChecker = (*Channel)(nil)
	_ http.Handler    = (*Channel)(nil)
)
