package crm

import (
	"context"
	"crypto/rand"
	"regexp"
	"strings"
	"time"
)

// UserNotice is a notice to one of us (a pool warning…), never a customer
// conversation: one per (user, Key), the occurrence it tells of, so a
// retry, a restart or a second instance sends it once. The notice sweep
// picks its channel when it sends and says why in Reason.
type UserNotice struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"user_id"`
	Key    string `json:"key"`
	Kind   string `json:"kind"` // NoticePoolWarning
	Title  string `json:"title"`
	Text   string `json:"text"`
	Link   string `json:"link,omitempty"` // a path in the app ("/leads/12")
	// State is DeliveryQueued, DeliverySent, DeliveryFailed or NoticeSkipped.
	State string `json:"state"`
	// Channel is NoticeByWeChat, NoticeByTemplate or NoticeByEmail, once sent.
	Channel string `json:"channel"`
	// Reason is why that channel, or why none (a NoticeWhy… code).
	Reason    string     `json:"reason"`
	Attempts  int        `json:"attempts"`
	NextAt    time.Time  `json:"next_at"`
	Error     string     `json:"error,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at"`
}

// Notice kinds, states and channels.
const (
	NoticePoolWarning = "pool_warning"
	NoticeSkipped     = "skipped" // nothing to send it by, or turned off
	NoticeByWeChat    = "wechat"
	NoticeByTemplate  = "wechat_template"
	NoticeByEmail     = "email"
	// NoticeTemplate is the purpose of a WeChat account's template for
	// notices to users outside the 48-hour window.
	NoticeTemplate = "reminder"
)

// Why a notice took its channel (or none): codes the pages translate.
const (
	NoticeWhyWindow     = "window"      // WeChat bound, within 48 h of the user's last message
	NoticeWhyTemplate   = "template"    // WeChat bound, outside the window, a template for reminders set
	NoticeWhyNoWeChat   = "no_wechat"   // email: no WeChat bound
	NoticeWhyWeChatOff  = "wechat_off"  // email: the user turned WeChat notices off
	NoticeWhyNoTemplate = "no_template" // email: outside the window and no template for reminders
	NoticeWhyWeChatFail = "wechat_fail" // email: WeChat refused (Error says how)
	NoticeWhyKindOff    = "kind_off"    // skipped: the user turned this kind off
	NoticeWhyNoChannel  = "no_channel"  // skipped: no WeChat, and no email (turned off, none, no mailbox)
	NoticeWhyQuiet      = "quiet"       // still queued: waits for the end of the user's quiet hours
)

// WeChatLink ties a user to their own WeChat: a follower of one of the
// company's official accounts. SeenAt is the follower's last message,
// which opens WeChat's 48-hour customer-service window.
type WeChatLink struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	AppID     string     `json:"app_id"`
	OpenID    string     `json:"open_id"`
	BoundAt   time.Time  `json:"bound_at"`
	SeenAt    time.Time  `json:"seen_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// WeChatWindow is how long after a follower's last message WeChat takes
// customer-service messages to them.
const WeChatWindow = 48 * time.Hour

// BindCodeTTL is how long a WeChat binding code may be used.
const BindCodeTTL = 15 * time.Minute

// bindAlphabet leaves out 0/O and 1/I/L, which people mistype.
const bindAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewBindCode returns a one-time binding code (8 characters, 39 bits) and
// its stored form.
func NewBindCode() (code, hash string, err error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	for i := range b {
		b[i] = bindAlphabet[int(b[i])%len(bindAlphabet)]
	}
	return string(b), HashToken(string(b)), nil
}

var bindText = regexp.MustCompile(`^(?i:bind|绑定)\s*[:：]?\s*([A-Za-z0-9]{8})$`)

// BindCodeIn is the binding code a follower sent: the text "绑定 CODE" (or
// "bind CODE"), or a parametric QR scene "bind:CODE" (WeChat prefixes a
// new follower's scene with "qrscene_"). "" when it is none.
func BindCodeIn(text, eventKey string) string {
	if k := strings.TrimPrefix(eventKey, "qrscene_"); strings.HasPrefix(k, "bind:") {
		return strings.ToUpper(strings.TrimPrefix(k, "bind:"))
	}
	if m := bindText.FindStringSubmatch(strings.TrimSpace(text)); m != nil {
		return strings.ToUpper(m[1])
	}
	return ""
}

// UserWeChatStore keeps the links between users and their WeChat.
type UserWeChatStore interface {
	// SaveBindCode stores a binding code's hash for userID until expires.
	// ENOTFOUND (no such user).
	SaveBindCode(ctx context.Context, userID int64, hash string, expires time.Time) error
	// BindWeChat uses a code: the follower (appID, openID) becomes the
	// code's user's WeChat, replacing their earlier link, audited.
	// ENOTFOUND: no such code, used or expired. ECONFLICT: the follower is
	// another user's.
	BindWeChat(ctx context.Context, hash, appID, openID string, at time.Time) (*WeChatLink, error)
	// StaffWeChat returns the active link of a follower; seen moves its
	// SeenAt to at (the follower wrote). ENOTFOUND: not one of us.
	StaffWeChat(ctx context.Context, appID, openID string, at time.Time, seen bool) (*WeChatLink, error)
	// UserWeChat returns a user's active link. ENOTFOUND: none.
	UserWeChat(ctx context.Context, userID int64) (*WeChatLink, error)
	// RevokeWeChat ends a user's link, audited as done by v. ENOTFOUND.
	RevokeWeChat(ctx context.Context, v Viewer, userID int64) error
}

// UserNoticeStore keeps the notices to users.
type UserNoticeStore interface {
	// QueueUserNotice stores n, queued; false when its (user, key) exists.
	QueueUserNotice(ctx context.Context, n *UserNotice) (bool, error)
	// DueUserNotices returns queued notices due at now, not leased.
	DueUserNotices(ctx context.Context, now time.Time, limit int) ([]*UserNotice, error)
	// LeaseUserNotice takes a notice for sending until until; false when
	// another instance has it or it is no longer queued.
	LeaseUserNotice(ctx context.Context, id int64, now, until time.Time) (bool, error)
	// FinishUserNotice records an attempt (and frees the lease). ENOTFOUND.
	FinishUserNotice(ctx context.Context, n *UserNotice) error
	// ListUserNotices returns a user's notices, newest first.
	ListUserNotices(ctx context.Context, userID int64, limit int) ([]*UserNotice, error)
}
