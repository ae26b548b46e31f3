package care

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Preview lists what p would do over the next days from now: each
// occurrence's contact, local due time, channel and rendered text, or why
// it would be skipped. It writes nothing, so a plan can be previewed
// before it is switched on. EINVALID for a plan that would not save.
func (s *Service) Preview(ctx context.Context, p *crm.CarePlan, days int) ([]crm.CarePreviewItem, error) {
	if err := normalize(p); err != nil {
		return nil, err
	}
	return s.ahead(ctx, []*crm.CarePlan{p}, crm.CareUpcomingFilter{Days: days})
}

// Upcoming is the calendar of care: what the enabled plans will do over
// the next days, for a plan, a customer or an owner.
func (s *Service) Upcoming(ctx context.Context, f crm.CareUpcomingFilter) ([]crm.CarePreviewItem, error) {
	plans, err := s.cfg.Store.ListCarePlans(ctx, true)
	if err != nil {
		return nil, err
	}
	var ps []*crm.CarePlan
	for _, p := range plans {
		if f.PlanID == nil || *f.PlanID == p.ID {
			ps = append(ps, p)
		}
	}
	return s.ahead(ctx, ps, f)
}

// ahead walks the days from today, plan by plan, date first.
func (s *Service) ahead(ctx context.Context, plans []*crm.CarePlan, f crm.CareUpcomingFilter) ([]crm.CarePreviewItem, error) {
	days := min(max(f.Days, 1), 366)
	if f.Days == 0 {
		days = 30
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	today := dateOf(s.cfg.Now().In(s.zone))
	out := []crm.CarePreviewItem{}
	for on := today; on != addDays(today, days); on = addDays(on, 1) {
		for _, p := range plans {
			cs, err := s.dueFor(ctx, p, on, f.CustomerID)
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				if f.OwnerID != nil && (c.OwnerID == nil || *c.OwnerID != *f.OwnerID) {
					continue
				}
				it, err := s.previewOne(ctx, p, c, on)
				if err != nil {
					return nil, err
				}
				if out = append(out, it); len(out) >= limit {
					return out, nil
				}
			}
		}
	}
	return out, nil
}

func (s *Service) previewOne(ctx context.Context, p *crm.CarePlan, c dueCandidate, on crm.Date) (crm.CarePreviewItem, error) {
	r, err := s.cfg.Store.CareRecipient(ctx, c.ContactID)
	if err != nil {
		return crm.CarePreviewItem{}, err
	}
	subject, text, _, err := s.compose(ctx, p, r, c, on)
	if err != nil {
		return crm.CarePreviewItem{}, err
	}
	at, _ := clock(p.SendAt)
	due := timeOf(on, s.zoneOf(r)).Add(time.Duration(at) * time.Minute)
	if q, until := quiet(due, s.quietS, s.quietE); q && p.Action == crm.CareActionSend {
		due = until
	}
	it := crm.CarePreviewItem{OccursOn: on, DueAt: due.Format("2006-01-02 15:04 MST"), ContactID: c.ContactID,
		ContactName: c.ContactName, Subject: subject, Text: text, Channel: previewChannel(p, r),
		PlanID: p.ID, PlanName: p.Name, OwnerID: c.OwnerID, CustomerID: c.CustomerID}
	if it.OwnerID == nil {
		it.OwnerID = r.OwnerID
	}
	if r.OptedOut {
		it.Skip = "the contact opted out of care messages"
	} else if r.LeftWeChat() != "" && p.Action == crm.CareActionSend {
		it.Skip = leftReason(r)
	} else if it.Channel == "" {
		it.Skip = "the contact has no WeChat or email conversation"
	}
	return it, nil
}

// previewChannel guesses the rung the send would take; the real send asks
// the channel at the time (the 48-hour window may have closed by then).
func previewChannel(p *crm.CarePlan, r *crm.CareRecipient) string {
	switch {
	case p.Action == crm.CareActionTask:
		return "task"
	case len(r.WeChat) > 0 && !r.Unsubscribed[r.WeChat[0].Account]:
		return crm.ChannelWeChat
	case len(r.Email) > 0:
		return crm.ChannelEmail
	}
	return ""
}
