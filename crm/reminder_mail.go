package crm

import (
	"context"
	"strconv"
	"time"
)

// ReminderMail is one email telling a user what fell due: the reminders of
// one sweep, together.
type ReminderMail struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	Text      string     `json:"text"`
	State     string     `json:"state"` // DeliveryQueued, DeliverySent, DeliveryFailed
	Attempts  int        `json:"attempts"`
	NextAt    time.Time  `json:"next_at"`
	Error     string     `json:"error,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at"`
}

// UserSettings are a user's own settings: the zone their "today" is in
// ("" follows the company's) and whether reminders also come by email.
type UserSettings struct {
	UserID        int64  `json:"user_id"`
	TimeZone      string `json:"time_zone"`
	ReminderEmail bool   `json:"reminder_email"`
	// NotifyWeChat: notices come to the user's bound WeChat (when bound);
	// NotifyPool: pool warnings come outside the app at all.
	NotifyWeChat bool `json:"notify_wechat"`
	NotifyPool   bool `json:"notify_pool"`
	// QuietStart and QuietEnd ("HH:MM", in the user's zone) hold notices
	// back; both "": the company's quiet hours.
	QuietStart string `json:"quiet_start"`
	QuietEnd   string `json:"quiet_end"`
}

// Validate checks the zone is a known IANA name and the quiet hours are
// both "HH:MM" or both empty. EINVALID.
func (s *UserSettings) Validate() error {
	_, e1 := time.Parse("15:04", s.QuietStart)
	_, e2 := time.Parse("15:04", s.QuietEnd)
	if (s.QuietStart != "" || s.QuietEnd != "") && (e1 != nil || e2 != nil || s.QuietStart == s.QuietEnd) {
		return &Error{Code: EINVALID, Message: "Some fields are invalid.",
			Fields: map[string]string{"quiet_start": "quiet hours are two different times HH:MM, or none"}}
	}
	if s.TimeZone == "" {
		return nil
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		return &Error{Code: EINVALID, Message: "Unknown time zone.",
			Fields: map[string]string{"time_zone": "is not an IANA zone name (Asia/Shanghai, Europe/Berlin…)"}}
	}
	return nil
}

// UserSettingsStore keeps users' own settings.
type UserSettingsStore interface {
	// UserSettings returns a user's settings; the defaults (the company's
	// zone, reminder emails on) when none are stored.
	UserSettings(ctx context.Context, userID int64) (*UserSettings, error)
	// SaveUserSettings stores s. EINVALID, ENOTFOUND (no such user).
	SaveUserSettings(ctx context.Context, s *UserSettings) error
}

// ReminderMailStore keeps reminder emails and which reminder occurrences
// they carried, so that each occurrence is mailed once.
type ReminderMailStore interface {
	UserSettingsStore
	// WithTx runs fn in one transaction.
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	// ReminderMailUsers returns the enabled users whose reminders come by
	// email, with their settings.
	ReminderMailUsers(ctx context.Context) ([]ReminderMailUser, error)
	// UnmailedReminders returns those of rs (userID's) not mailed yet.
	UnmailedReminders(ctx context.Context, userID int64, rs []Reminder) ([]Reminder, error)
	// QueueReminderMail stores m, queued, with the keys of the reminders it
	// carries. ECONFLICT when one was mailed already (another instance).
	QueueReminderMail(ctx context.Context, m *ReminderMail, rs []Reminder) error
	// DueReminderMails returns queued mails due at now, oldest first.
	DueReminderMails(ctx context.Context, now time.Time, limit int) ([]*ReminderMail, error)
	// FinishReminderMail records an attempt: sent, failed for good, or
	// queued again for NextAt.
	FinishReminderMail(ctx context.Context, m *ReminderMail) error
	// ListReminderMails returns a user's mails, newest first.
	ListReminderMails(ctx context.Context, userID int64, limit int) ([]*ReminderMail, error)
}

// ReminderMailUser is a user who takes reminder emails.
type ReminderMailUser struct {
	User     *User
	Settings UserSettings
}

// Path is the page of the record a reminder concerns.
func (r Reminder) Path() string {
	id := strconv.FormatInt(r.Ref.ID, 10)
	switch r.Kind {
	case RemindTask:
		return "/tasks/" + id
	case RemindInstalment, RemindContractEnd:
		return "/orders/" + id
	case RemindSnooze:
		return "/inbox/" + id
	}
	return "/follow-ups/" + id
}
