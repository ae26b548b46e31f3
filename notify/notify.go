// Package notify sends notices to users (a pool warning before a reclaim)
// where they are: their own WeChat, bound to a follower of the company's
// official account, as a customer-service message inside WeChat's 48-hour
// window, else as the account's template for reminders when the admin set
// one, else by email from the reminder mailbox. Never a customer
// conversation. Each notice is an occurrence stored once (user, key);
// the sweep leases it, honours the user's quiet hours and switches, and
// records the channel it took and why.
package notify

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Store is what the notices need of the database.
type Store interface {
	crm.UserNoticeStore
	crm.UserWeChatStore
	crm.UserSettingsStore
	UserByID(ctx context.Context, id int64) (*crm.User, error)
}

// WeChat sends to a user's own WeChat (the wechat channel).
type WeChat interface {
	// NotifyUser sends m to the follower m.To[0] of account m.Account: a
	// customer-service text, or the account's template m.Template.
	NotifyUser(ctx context.Context, m *crm.Outgoing) (*crm.SendResult, error)
	// HasTemplate reports whether the account has a template for purpose.
	HasTemplate(ctx context.Context, appID, purpose string) bool
}

// Config is what a Service needs; Store is required, WeChat and Mail
// may be nil (that path is then never taken).
type Config struct {
	Store  Store
	WeChat WeChat
	Mail   crm.Sender // the email channel
	// Mailbox is the id of the mailbox notices are emailed from
	// (RAPPORT_REMINDER_MAILBOX); "": no email.
	Mailbox string
	// BaseURL makes a notice's link absolute.
	BaseURL string
	Now     func() time.Time
	Log     *slog.Logger
	// Zone and QuietStart/QuietEnd ("HH:MM") are the company's; a user's
	// own settings override them. Defaults: Asia/Shanghai, 21:00–08:00.
	Zone                 *time.Location
	QuietStart, QuietEnd string
	// Every is how often the sweep runs (default a minute).
	Every time.Duration
}

// Service sends the queued notices.
type Service struct{ cfg Config }

// New returns a Service with cfg's defaults filled in.
func New(cfg Config) *Service {
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
	if cfg.QuietStart == "" || cfg.QuietEnd == "" {
		cfg.QuietStart, cfg.QuietEnd = "21:00", "08:00"
	}
	if cfg.Every <= 0 {
		cfg.Every = time.Minute
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	return &Service{cfg: cfg}
}

// Sweep is the notices' scheduled work.
func (s *Service) Sweep() crm.Sweep {
	return crm.Sweep{Name: "user-notices", Every: s.cfg.Every, Run: s.Run}
}
