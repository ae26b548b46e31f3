package crm

import (
	"context"
	"log/slog"
	"regexp"
	"time"
)

// WeChat message modes, as set on the official account's server page.
const (
	WeChatPlain      = "plain"      // 明文模式
	WeChatCompatible = "compatible" // 兼容模式: plain and encrypted side by side
	WeChatSafe       = "safe"       // 安全模式: encrypted only
)

// WeChatAccount is an official account (公众号) whose pushes arrive at
// /wechat/{AppID}. AppSecret, Token and EncodingAESKey never leave the
// server: they are not marshalled to JSON and LogValue hides them.
type WeChatAccount struct {
	AppID          string                    `json:"app_id"`
	Name           string                    `json:"name"`
	AppSecret      string                    `json:"-"`
	Token          string                    `json:"-"`
	EncodingAESKey string                    `json:"-"`
	Mode           string                    `json:"mode"`
	Templates      map[string]WeChatTemplate `json:"templates"` // by purpose: "care"…
	// APIBase is the WeChat API's base URL; empty: https://api.weixin.qq.com.
	// Tests and proxies point it elsewhere.
	APIBase   string    `json:"api_base,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// WeChatTemplate is a template message an account may send for a purpose
// outside the 48-hour window. Fields maps each template field to the key
// of Outgoing.TemplateValues that fills it ("text" falls back to the
// message text); no Fields passes the values through by name.
type WeChatTemplate struct {
	ID     string            `json:"id"`
	Fields map[string]string `json:"fields,omitempty"`
	URL    string            `json:"url,omitempty"`
	// Subscribe sends a subscription notice (订阅通知, subscribe/bizsend),
	// the successor of template messages, instead of a template message;
	// URL is then the notice's page.
	Subscribe bool `json:"subscribe,omitempty"`
}

var appIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Normalize validates a; a mode defaults to safe.
func (a *WeChatAccount) Normalize() error {
	if a.Mode == "" {
		a.Mode = WeChatSafe
	}
	p := Problems{}
	if !appIDPattern.MatchString(a.AppID) {
		p.Add("app_id", "must be 1 to 64 letters, digits, _ or -")
	}
	p.Require("app_secret", a.AppSecret)
	p.Require("token", a.Token)
	p.MaxLen("name", a.Name, 200)
	p.OneOf("mode", a.Mode, WeChatPlain, WeChatCompatible, WeChatSafe)
	if a.Mode != WeChatPlain && len(a.EncodingAESKey) != 43 {
		p.Add("encoding_aes_key", "must have 43 characters in compatible and safe mode")
	}
	for purpose, t := range a.Templates {
		if purpose == "" || t.ID == "" {
			p.Add("templates", "each template needs a purpose and an id")
		}
	}
	return p.Err()
}

// WeChatToken is an account's access token, shared by every instance.
type WeChatToken struct {
	AppID     string
	Token     string
	ExpiresAt time.Time
}

// WeChatUser is what Rapport knows of one follower of one account.
type WeChatUser struct {
	AppID          string     `json:"app_id"`
	OpenID         string     `json:"open_id"`
	UnionID        string     `json:"union_id,omitempty"`
	Nickname       string     `json:"nickname,omitempty"`
	Unsubscribed   bool       `json:"unsubscribed"`
	UnsubscribedAt *time.Time `json:"unsubscribed_at,omitempty"`
	FetchedAt      *time.Time `json:"fetched_at,omitempty"` // user info last read from WeChat
}

// WeChatMedia is a user's image, voice or video to download into the blob
// store before WeChat's media id expires (3 days).
type WeChatMedia struct {
	ID           int64     `json:"id"`
	AppID        string    `json:"app_id"`
	MessageID    int64     `json:"message_id"`
	MediaID      string    `json:"media_id"`
	Kind         string    `json:"kind"`  // image, voice, video, shortvideo
	State        string    `json:"state"` // pending, done, failed
	Attempts     int       `json:"attempts"`
	Error        string    `json:"error,omitempty"`
	AttachmentID *int64    `json:"attachment_id,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
}

// WeChat media download states.
const (
	MediaPending = "pending"
	MediaDone    = "done"
	MediaFailed  = "failed"
)

// WeChatStore keeps WeChat official accounts, their shared access tokens,
// their followers and the media waiting to be downloaded.
type WeChatStore interface {
	// CreateWeChatAccount stores a. EINVALID, ECONFLICT (the AppID exists).
	CreateWeChatAccount(ctx context.Context, a *WeChatAccount) error
	// UpdateWeChatAccount saves a. ENOTFOUND, EINVALID.
	UpdateWeChatAccount(ctx context.Context, a *WeChatAccount) error
	// WeChatAccount returns one account. ENOTFOUND.
	WeChatAccount(ctx context.Context, appID string) (*WeChatAccount, error)
	// WeChatAccounts returns every account, by AppID.
	WeChatAccounts(ctx context.Context) ([]*WeChatAccount, error)

	// WeChatToken returns the account's current access token (empty when
	// none was fetched yet). ENOTFOUND.
	WeChatToken(ctx context.Context, appID string) (*WeChatToken, error)
	// LeaseWeChatToken grants holder the right to fetch a new token until
	// until, when the stored token is still stale (nobody replaced it) and
	// no other lease runs at now. It reports whether the lease was granted.
	LeaseWeChatToken(ctx context.Context, appID, stale, holder string, now, until time.Time) (bool, error)
	// SaveWeChatToken stores a fetched token and ends holder's lease.
	SaveWeChatToken(ctx context.Context, t *WeChatToken, holder string) error

	// WeChatUser returns what is known of a follower. ENOTFOUND.
	WeChatUser(ctx context.Context, appID, openID string) (*WeChatUser, error)
	// SaveWeChatUser stores user info read from WeChat (unionid, nickname),
	// keeping the subscription state. A nickname also names the follower's
	// lead, unless a rep renamed it from WeChatFollowerName.
	SaveWeChatUser(ctx context.Context, u *WeChatUser) error
	// SetWeChatSubscribed records a subscribe (true) or unsubscribe event.
	SetWeChatSubscribed(ctx context.Context, appID, openID string, subscribed bool, at time.Time) error

	// QueueWeChatMedia stores a pending download and sets m.ID.
	QueueWeChatMedia(ctx context.Context, m *WeChatMedia) error
	// FinishWeChatMedia records a download's attempts and outcome.
	FinishWeChatMedia(ctx context.Context, m *WeChatMedia) error
	// AttachWeChatMedia stores a downloaded media's attachment (its blob
	// written first), ties it to the media's message and marks it done.
	AttachWeChatMedia(ctx context.Context, m *WeChatMedia, a *Attachment) error
	// WeChatMediaByState returns up to limit downloads in state, oldest first.
	WeChatMediaByState(ctx context.Context, state string, limit int) ([]*WeChatMedia, error)
}

// LogValue keeps the secrets out of logs: only the AppID and mode show.
func (a WeChatAccount) LogValue() slog.Value {
	return slog.GroupValue(slog.String("app_id", a.AppID), slog.String("mode", a.Mode))
}
