package main

import (
	"log/slog"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// newCare builds the care behaviour over the store and the outbox. It is
// stateless: the web layer's and the scheduler's instances are alike. A
// wrong setting is a usage error that stops serve.
func newCare(cfg *Config, db *sqlstore.DB, outbox *crm.Outbox, baseURL string, log *slog.Logger, mail crm.Sender) (*care.Service, error) {
	unsub := ""
	if baseURL != "" {
		unsub = strings.TrimRight(baseURL, "/") + "/care/unsubscribe"
	}
	start, end, ok := strings.Cut(cfg.CareQuietHours, "-")
	if !ok {
		return nil, usagef("RAPPORT_CARE_QUIET_HOURS: %q is not HH:MM-HH:MM", cfg.CareQuietHours)
	}
	workers := 1
	if cfg.UsesPostgres() {
		workers = 4 // measured: 122 → 292 sends/s on this machine (docs/care.md)
	}
	svc, err := care.New(care.Config{Workers: workers, Store: db, Records: db, Reminders: db, Outbox: outbox, Now: time.Now,
		Log: log.With("part", "care"), UnsubscribeURL: unsub, TimeZone: cfg.CareTimeZone,
		QuietStart: strings.TrimSpace(start), QuietEnd: strings.TrimSpace(end), Cap: cfg.CareCap,
		CapWindow: cfg.CareCapWindow, EscalateAfterDays: cfg.EscalateAfterDays,
		Satisfaction: db, Users: db, BaseURL: baseURL, ReminderMail: db, Mail: mail, ReminderMailbox: cfg.ReminderMailbox})
	if err != nil {
		return nil, usagef("care settings: %s", crm.ErrorMessage(err))
	}
	return svc, nil
}

// careSweeps are the care plans' sweep, every minute (an occurrence is due
// at its minute), and the escalation of overdue follow-ups. Each does its
// items once by its own unique keys, whatever instance runs it.
func careSweeps(d *channelDeps) []crm.Sweep {
	svc, err := newCare(d.cfg, d.db, d.outbox, d.baseURL, d.log, d.senders[crm.ChannelEmail])
	if err != nil {
		d.log.Error("care plans are off", "err", err)
		return nil
	}
	return []crm.Sweep{{Name: "care", Every: time.Minute, Run: svc.Sweep},
		{Name: "follow-up-escalation", Every: 15 * time.Minute, Run: svc.Escalate},
		{Name: "satisfaction", Every: time.Minute, Run: svc.Satisfaction},
		{Name: "reminder-mail", Every: 5 * time.Minute, Run: svc.MailReminders}}
}
