package notify

import (
	"context"
	"errors"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// lease is how long an instance holds a notice it is sending: a crash
// leaves it to the next sweep after that.
const lease = 5 * time.Minute

// backoff spaces the retries of a notice a channel could not take now.
var backoff = crm.Backoff{First: time.Minute, Max: time.Hour}

// maxAttempts is when a notice is given up.
const maxAttempts = 8

// Run sends the notices due at now, each leased first so that of two
// instances one sends it.
func (s *Service) Run(ctx context.Context, now time.Time) error {
	ns, err := s.cfg.Store.DueUserNotices(ctx, now, 100)
	if err != nil {
		return err
	}
	var errs []error
	for _, n := range ns {
		ok, err := s.cfg.Store.LeaseUserNotice(ctx, n.ID, now, now.Add(lease))
		if err != nil || !ok {
			errs = append(errs, err)
			continue
		}
		if err := s.send(ctx, n, now); err != nil {
			errs = append(errs, err) // the lease runs out; the next sweep tries again
			continue
		}
		errs = append(errs, s.cfg.Store.FinishUserNotice(ctx, n))
	}
	return errors.Join(errs...)
}

// send tries n's channels in order and sets its outcome; an error is the
// database's, not a channel's.
func (s *Service) send(ctx context.Context, n *crm.UserNotice, now time.Time) error {
	u, err := s.cfg.Store.UserByID(ctx, n.UserID)
	if err != nil && !crm.IsNotFound(err) {
		return err
	}
	if u == nil || u.Disabled {
		s.finish(n, crm.NoticeSkipped, "", crm.NoticeWhyNoChannel, nil, now)
		return nil
	}
	st, err := s.cfg.Store.UserSettings(ctx, n.UserID)
	if err != nil {
		return err
	}
	if n.Kind == crm.NoticePoolWarning && !st.NotifyPool {
		s.finish(n, crm.NoticeSkipped, "", crm.NoticeWhyKindOff, nil, now)
		return nil
	}
	if q, until := s.quiet(st, now); q {
		n.State, n.NextAt, n.Reason = crm.DeliveryQueued, until, crm.NoticeWhyQuiet
		return nil
	}
	link, err := s.cfg.Store.UserWeChat(ctx, n.UserID)
	if crm.IsNotFound(err) {
		link, err = nil, nil
	}
	if err != nil {
		return err
	}
	if done := s.byWeChat(ctx, n, st, link, now); !done {
		s.byEmail(ctx, n, u, st, now)
	}
	return nil
}

// byWeChat sends n to the user's WeChat when bound and allowed: a
// customer-service message inside the window, else the template for
// reminders. It reports whether n is settled (sent, or to retry); when
// not, n.Reason says why email is next.
func (s *Service) byWeChat(ctx context.Context, n *crm.UserNotice, st *crm.UserSettings, l *crm.WeChatLink, now time.Time) bool {
	switch {
	case l == nil || s.cfg.WeChat == nil:
		n.Reason = crm.NoticeWhyNoWeChat
		return false
	case !st.NotifyWeChat:
		n.Reason = crm.NoticeWhyWeChatOff
		return false
	}
	m := &crm.Outgoing{Channel: crm.ChannelWeChat, Account: l.AppID, To: []crm.Address{{Address: l.OpenID}},
		Text: s.text(n), Attempt: n.Attempts + 1}
	n.Reason = crm.NoticeWhyNoTemplate
	if now.Sub(l.SeenAt) < crm.WeChatWindow {
		if done := s.try(ctx, n, s.cfg.WeChat.NotifyUser, m, crm.NoticeByWeChat, crm.NoticeWhyWindow, now); done {
			return true
		}
		n.Reason = crm.NoticeWhyWeChatFail
	}
	if !s.cfg.WeChat.HasTemplate(ctx, l.AppID, crm.NoticeTemplate) {
		return false
	}
	m.Template = crm.NoticeTemplate
	m.TemplateValues = map[string]string{"title": n.Title, "text": n.Text, "link": s.link(n)}
	if s.try(ctx, n, s.cfg.WeChat.NotifyUser, m, crm.NoticeByTemplate, crm.NoticeWhyTemplate, now) {
		return true
	}
	n.Reason = crm.NoticeWhyWeChatFail
	return false
}

// byEmail sends n from the reminder mailbox, or skips it when the user
// takes no email.
func (s *Service) byEmail(ctx context.Context, n *crm.UserNotice, u *crm.User, st *crm.UserSettings, now time.Time) {
	if s.cfg.Mail == nil || s.cfg.Mailbox == "" || u.Email == "" || !st.ReminderEmail {
		s.finish(n, crm.NoticeSkipped, "", crm.NoticeWhyNoChannel, nil, now)
		return
	}
	m := &crm.Outgoing{Channel: crm.ChannelEmail, Account: s.cfg.Mailbox, Kind: crm.OutCare,
		To: []crm.Address{{Address: u.Email, Name: u.Name}}, Subject: n.Title, Text: s.text(n), Attempt: n.Attempts + 1}
	why := n.Reason
	if !s.try(ctx, n, s.cfg.Mail.Send, m, crm.NoticeByEmail, why, now) {
		s.finish(n, crm.DeliveryFailed, crm.NoticeByEmail, why, errors.New(n.Error), now)
	}
}

// try sends m by send: true when n is settled (sent, or a temporary
// failure to retry after the back-off); false on a permanent refusal
// (noted in n.Error), so that the next channel is tried.
func (s *Service) try(ctx context.Context, n *crm.UserNotice, send func(context.Context, *crm.Outgoing) (*crm.SendResult, error),
	m *crm.Outgoing, channel, why string, now time.Time) bool {
	_, err := send(ctx, m)
	var se *crm.SendError
	switch {
	case err == nil:
		s.finish(n, crm.DeliverySent, channel, why, nil, now)
		return true
	case errors.As(err, &se) && se.Permanent:
		s.cfg.Log.Info("notify: channel refused", "notice", n.ID, "channel", channel, "err", err)
		n.Error = err.Error()
		return false
	}
	n.Attempts++
	if n.Attempts >= maxAttempts {
		n.State, n.Channel, n.Error = crm.DeliveryFailed, channel, err.Error()
		return true
	}
	n.State, n.NextAt, n.Error = crm.DeliveryQueued, now.Add(backoff.After(n.Attempts)), err.Error()
	return true
}

// finish sets n's outcome.
func (s *Service) finish(n *crm.UserNotice, state, channel, why string, err error, now time.Time) {
	n.State, n.Channel, n.Reason, n.NextAt = state, channel, why, now
	if state == crm.DeliverySent {
		at := now
		n.SentAt, n.Attempts, n.Error = &at, n.Attempts+1, ""
	}
	if err != nil {
		n.Error = err.Error()
	}
}

func (s *Service) text(n *crm.UserNotice) string {
	if l := s.link(n); l != "" {
		return n.Title + "\n" + n.Text + "\n" + l
	}
	return n.Title + "\n" + n.Text
}

func (s *Service) link(n *crm.UserNotice) string {
	if n.Link == "" || s.cfg.BaseURL == "" {
		return n.Link
	}
	return s.cfg.BaseURL + n.Link
}
