package care

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// surveyGrace is how long after a resolution the sweep still asks: after
// a day of downtime a question about yesterday's conversation would
// surprise more than help.
const surveyGrace = 24 * time.Hour

// Satisfaction is the satisfaction sweep (crm.Sweep "satisfaction"): it
// asks about each new resolution once, then gives each low score's task
// to the manager. Errors of one conversation do not stop the others.
func (s *Service) Satisfaction(ctx context.Context, now time.Time) error {
	if s.cfg.Satisfaction == nil {
		return nil
	}
	due, err := s.cfg.Satisfaction.DueSurveys(ctx, now.Add(-surveyGrace), 200)
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range due {
		if err := s.ask(ctx, d, now); err != nil && !errors.Is(err, errTaken) {
			errs = append(errs, fmt.Errorf("survey of conversation %d: %w", d.Conversation.ID, err))
		}
	}
	return errors.Join(append(errs, s.FollowLowScores(ctx, now))...)
}

// ask records the resolution's survey and queues its question, in one
// transaction; or records why it was not asked.
func (s *Service) ask(ctx context.Context, d crm.SurveyDue, now time.Time) error {
	c := d.Conversation
	set, err := s.cfg.Satisfaction.SatisfactionSettings(ctx, c.Channel, c.Account)
	if err != nil {
		return err
	}
	sv := &crm.Survey{ConversationID: c.ID, ResolvedAt: d.ResolvedAt, Channel: c.Channel, Account: c.Account,
		ContactID: c.ContactID, CustomerID: c.CustomerID, RepID: c.AssigneeID, TeamID: c.TeamID,
		State: crm.SurveyAsked, AskedAt: now, LowScore: set.LowScore}
	sv.ExpiresAt = now.Add(time.Duration(set.ReplyHours) * time.Hour)
	if c.Channel == crm.ChannelEmail {
		sv.ExpiresAt = now.AddDate(0, 0, set.LinkDays)
	}
	if sv.TeamID == nil && sv.RepID != nil {
		sv.TeamID = s.teamOf(ctx, *sv.RepID)
	}
	if why, err := s.whyNotAsk(ctx, set, d, now); err != nil || why != "" {
		if err != nil {
			return err
		}
		sv.State, sv.Reason = crm.SurveySkipped, why
		_, err = s.cfg.Satisfaction.RecordSurvey(ctx, sv)
		return err
	}
	err = s.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		if ok, err := s.cfg.Satisfaction.RecordSurvey(ctx, sv); err != nil || !ok {
			return cmpErr(err, errTaken)
		}
		m, err := s.queueQuestion(ctx, set, sv)
		switch crm.ErrorCode(err) {
		case "":
			return s.cfg.Satisfaction.SetSurveyMessage(ctx, sv.ID, m.ID)
		case crm.EINVALID, crm.ERATELIMITED:
			return errSkip{crm.ErrorMessage(err)}
		}
		return err
	})
	var skip errSkip
	if errors.As(err, &skip) {
		sv.State, sv.Reason = crm.SurveySkipped, "the channel cannot carry it: "+skip.why
		_, err = s.cfg.Satisfaction.RecordSurvey(ctx, sv)
	}
	return err
}

// errSkip rolls back a survey whose question the channel refused, so that
// it is recorded skipped with the reason instead.
type errSkip struct{ why string }

func (e errSkip) Error() string { return "survey skipped: " + e.why }

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// whyNotAsk is the reason not to ask about a resolution, or "".
func (s *Service) whyNotAsk(ctx context.Context, set *crm.SatisfactionSettings, d crm.SurveyDue, now time.Time) (string, error) {
	c := d.Conversation
	switch {
	case !set.Enabled:
		return "satisfaction surveys are off for this account", nil
	case c.Channel != crm.ChannelWeChat && c.Channel != crm.ChannelEmail:
		return "surveys are asked on WeChat and by email only", nil
	case d.Inbound == 0:
		return "the customer never wrote in this conversation", nil
	}
	last, err := s.cfg.Satisfaction.LastSurveyAsked(ctx, c.ID)
	if err != nil {
		return "", err
	}
	if !last.IsZero() && now.Sub(last) < s.cfg.SurveyCooldown {
		return "asked in this conversation on " + last.Format(time.DateOnly) + " already", nil
	}
	if c.ContactID != nil {
		r, err := s.cfg.Store.CareRecipient(ctx, *c.ContactID)
		if err != nil && !crm.IsNotFound(err) {
			return "", err
		}
		if r != nil && r.OptedOut {
			return "the contact opted out of care messages", nil
		}
	}
	return "", nil
}

// teamOf is the rep's team, when the conversation names none.
func (s *Service) teamOf(ctx context.Context, userID int64) *int64 {
	if s.cfg.Users == nil {
		return nil
	}
	us, err := s.cfg.Users.ListUsers(ctx)
	if err != nil {
		return nil
	}
	for _, u := range us {
		if u.ID == userID {
			return u.TeamID
		}
	}
	return nil
}
