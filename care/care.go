package care

import (
	"context"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Records is what care writes beside its own tables: the follow-up and the
// task each occurrence leaves, and the order its variables read.
type Records interface {
	CreateFollowUp(ctx context.Context, f *crm.FollowUp) error
	CreateTask(ctx context.Context, t *crm.Task) error
	Order(ctx context.Context, v crm.Viewer, id int64) (*crm.Order, error)
}

// Config configures a Service.
type Config struct {
	Store   crm.CareStore
	Records Records
	Outbox  *crm.Outbox // nil: send plans record "no outbox" and send nothing
	Now     func() time.Time
	Log     *slog.Logger
	// TimeZone is a contact's zone when they have none; default Asia/Shanghai.
	TimeZone string
	// QuietStart and QuietEnd bound the local hours in which nothing is
	// sent ("21:00", "09:00" by default): a send due then waits.
	QuietStart, QuietEnd string
	// Cap is how many care messages one contact gets in CapWindow, across
	// plans (default 2 in 7 days); an occurrence over it is skipped.
	Cap       int
	CapWindow time.Duration
	// UnsubscribeURL is the public base of the one-click unsubscribe link
	// ("https://crm.example.com/care/unsubscribe"); the token is appended.
	UnsubscribeURL string
	// Reminders finds overdue follow-ups for Escalate; nil: no escalation.
	Reminders crm.ReminderStore
	// EscalateAfterDays is how late a follow-up's next step is before the
	// owner's manager gets a task about it; default 3.
	EscalateAfterDays int
	// Workers is how many occurrences a sweep does at once; default 1.
	// Several pay on PostgreSQL (round trips overlap); on SQLite's one
	// writer they only wait for each other.
	Workers int
	// WeChatTemplate is the purpose of the accounts' template used outside
	// the 48-hour window; default "care".
	WeChatTemplate string
	// Satisfaction keeps the surveys asked when a conversation is
	// resolved; nil: none are asked.
	Satisfaction crm.SatisfactionStore
	// Users finds the manager a low score's task goes to.
	Users UserLister
	// BaseURL is the server's public address ("https://crm.example.com"):
	// survey links (BaseURL/satisfaction/TOKEN/SCORE) and the links in
	// reminder emails start with it.
	BaseURL string
	// SurveyCooldown is how long after one survey a conversation's customer
	// is not asked again; default 7 days.
	SurveyCooldown time.Duration
	// Mail sends reminder emails (the email channel's sender, from
	// ReminderMailbox); nil: reminders stay in the bell.
	Mail            crm.Sender
	ReminderMailbox string
	// ReminderMail keeps reminder emails and whom they went to.
	ReminderMail crm.ReminderMailStore
}

// UserLister lists the users (for managers and teams).
type UserLister interface {
	ListUsers(ctx context.Context) ([]*crm.User, error)
}

// Service runs care plans.
type Service struct {
	cfg            Config
	zone           *time.Location
	quietS, quietE int
	sign           *signer
}

var _ crm.CarePlanner = (*Service)(nil)

// New returns a Service. An unknown TimeZone is an error.
func New(cfg Config) (*Service, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	cfg.TimeZone = or(cfg.TimeZone, crm.DefaultCareTimeZone)
	cfg.QuietStart, cfg.QuietEnd = or(cfg.QuietStart, "21:00"), or(cfg.QuietEnd, "09:00")
	cfg.WeChatTemplate = or(cfg.WeChatTemplate, "care")
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	if cfg.EscalateAfterDays <= 0 {
		cfg.EscalateAfterDays = 3
	}
	if cfg.Cap <= 0 {
		cfg.Cap = 2
	}
	if cfg.SurveyCooldown <= 0 {
		cfg.SurveyCooldown = 7 * 24 * time.Hour
	}
	if cfg.CapWindow <= 0 {
		cfg.CapWindow = 7 * 24 * time.Hour
	}
	zone, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		return nil, crm.Errorf(crm.EINVALID, "care time zone %q: %v", cfg.TimeZone, err)
	}
	s, okS := clock(cfg.QuietStart)
	e, okE := clock(cfg.QuietEnd)
	if !okS || !okE {
		return nil, crm.Errorf(crm.EINVALID, "care quiet hours must be HH:MM")
	}
	return &Service{cfg: cfg, zone: zone, quietS: s, quietE: e, sign: &signer{}}, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// SavePlan validates p and stores it: created when p.ID is 0. Only admins
// and managers keep plans. EINVALID naming the field (and an unknown
// template variable by its name), EFORBIDDEN, ENOTFOUND.
func (s *Service) SavePlan(ctx context.Context, v crm.Viewer, p *crm.CarePlan) error {
	if v.Role != crm.RoleAdmin && v.Role != crm.RoleManager {
		return crm.Errorf(crm.EFORBIDDEN, "Only admins and managers keep care plans.")
	}
	if err := normalize(p); err != nil {
		return err
	}
	if p.ID == 0 {
		if v.UserID != 0 {
			id := v.UserID
			p.CreatedBy = &id
		}
		return s.cfg.Store.CreateCarePlan(ctx, p)
	}
	return s.cfg.Store.UpdateCarePlan(ctx, p)
}

// zoneOf is the contact's time zone, else the default.
func (s *Service) zoneOf(r *crm.CareRecipient) *time.Location { return s.zoneNamed(r.TimeZone) }

// zoneNamed is the zone of that name, else (empty, unknown) the default.
func (s *Service) zoneNamed(name string) *time.Location {
	if name != "" {
		if z, err := time.LoadLocation(name); err == nil {
			return z
		}
	}
	return s.zone
}
