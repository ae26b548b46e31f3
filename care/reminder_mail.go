package care

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// reminderMailGrace bounds how old a reminder may be when first mailed:
// the first run after an upgrade or an outage does not mail months of
// overdue tasks.
const reminderMailGrace = 48 * time.Hour

// mailBackoff spaces the retries of a reminder mail the server refused.
var mailBackoff = crm.Backoff{First: time.Minute, Max: time.Hour}

// maxMailAttempts is when a reminder mail is given up.
const maxMailAttempts = 8

// MailReminders is the reminder-mail sweep (crm.Sweep "reminder-mail"):
// each user who takes reminder emails gets, outside the quiet hours of
// their zone, one email listing what fell due since the last one; each
// reminder occurrence (what, when due) is mailed once. Then the queued
// mails are sent.
func (s *Service) MailReminders(ctx context.Context, now time.Time) error {
	if s.cfg.Mail == nil || s.cfg.ReminderMail == nil || s.cfg.Reminders == nil || s.cfg.ReminderMailbox == "" {
		return nil
	}
	users, err := s.cfg.ReminderMail.ReminderMailUsers(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, u := range users {
		if err := s.queueReminders(ctx, u, now); err != nil && crm.ErrorCode(err) != crm.ECONFLICT {
			errs = append(errs, fmt.Errorf("reminder mail for user %d: %w", u.User.ID, err))
		}
	}
	return errors.Join(append(errs, s.sendReminderMails(ctx, now))...)
}

// queueReminders queues one user's mail of the reminders due and not
// mailed yet, if any.
func (s *Service) queueReminders(ctx context.Context, u crm.ReminderMailUser, now time.Time) error {
	zone := s.zoneNamed(u.Settings.TimeZone)
	if q, _ := quiet(now.In(zone), s.quietS, s.quietE); q {
		return nil // it waits for the morning
	}
	rs, err := s.cfg.Reminders.Reminders(ctx, crm.ReminderQuery{OwnerID: u.User.ID, Before: now.Add(time.Second),
		Zone: zone, Limit: 200})
	if err != nil {
		return err
	}
	fresh := rs[:0]
	for _, r := range rs {
		if !r.DueAt.After(now) && now.Sub(r.DueAt) <= reminderMailGrace {
			fresh = append(fresh, r)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	todo, err := s.cfg.ReminderMail.UnmailedReminders(ctx, u.User.ID, fresh)
	if err != nil || len(todo) == 0 {
		return err
	}
	subject, text := reminderMailText(u.User, todo, zone, s.cfg.BaseURL)
	return s.cfg.ReminderMail.QueueReminderMail(ctx, &crm.ReminderMail{UserID: u.User.ID, To: u.User.Email,
		Subject: subject, Text: text, NextAt: now}, todo)
}

// sendReminderMails sends the queued mails through the email channel,
// from the reminder mailbox: sent, retried on the back-off, or failed
// for good with the server's reason.
func (s *Service) sendReminderMails(ctx context.Context, now time.Time) error {
	ms, err := s.cfg.ReminderMail.DueReminderMails(ctx, now, 100)
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range ms {
		_, err := s.cfg.Mail.Send(ctx, &crm.Outgoing{Channel: crm.ChannelEmail, Account: s.cfg.ReminderMailbox,
			Kind: crm.OutCare, To: []crm.Address{{Address: m.To}}, Subject: m.Subject, Text: m.Text, Attempt: m.Attempts + 1})
		m.Attempts++
		var se *crm.SendError
		switch {
		case err == nil:
			at := now
			m.State, m.SentAt, m.Error = crm.DeliverySent, &at, ""
		case errors.As(err, &se) && se.Permanent, m.Attempts >= maxMailAttempts:
			m.State, m.Error = crm.DeliveryFailed, err.Error()
		default:
			m.NextAt, m.Error = now.Add(mailBackoff.After(m.Attempts)), err.Error()
		}
		if err := s.cfg.ReminderMail.FinishReminderMail(ctx, m); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
