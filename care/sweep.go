package care

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Sweep does, once each, the occurrences of every enabled plan that are due
// at now and still within their plan's grace window. It is the scheduler's
// work (crm.Sweep "care"); tests call it with a moved clock. A failed plan
// does not stop the others; their errors are joined.
func (s *Service) Sweep(ctx context.Context, now time.Time) error {
	plans, err := s.cfg.Store.ListCarePlans(ctx, true)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range plans {
		if err := s.sweepPlan(ctx, p, now); err != nil {
			errs = append(errs, fmt.Errorf("care plan %d: %w", p.ID, err))
		}
	}
	return errors.Join(errs...)
}

// sweepPlan looks at each date from the oldest the grace window allows to
// tomorrow (contacts in zones ahead of the default one are a day ahead),
// skipping, without a query, the dates not due in any zone yet or past
// their grace in every zone.
func (s *Service) sweepPlan(ctx context.Context, p *crm.CarePlan, now time.Time) error {
	today := dateOf(now.In(s.zone))
	at, _ := clock(p.SendAt)
	for on := addDays(today, -p.GraceDays-1); on != addDays(today, 2); on = addDays(on, 1) {
		if now.Before(timeOf(on, earliestZone).Add(time.Duration(at)*time.Minute)) ||
			!now.Before(timeOf(addDays(on, p.GraceDays+1), latestZone)) {
			continue
		}
		cs, err := s.dueFor(ctx, p, on, nil)
		if err != nil {
			return err
		}
		if err := s.occurAll(ctx, p, cs, on, now); err != nil {
			return err
		}
	}
	return nil
}

// occurAll does one date's occurrences, a few at a time: each is its own
// transaction and a contact appears once per plan and date, so they do
// not depend on each other (round trips, not the database, bound a sweep).
func (s *Service) occurAll(ctx context.Context, p *crm.CarePlan, cs []dueCandidate, on crm.Date, now time.Time) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, s.cfg.Workers)
	)
	for _, c := range cs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := s.occur(ctx, p, c, on, now); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("contact %d: %w", c.ContactID, err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// The zones where a day starts first and ends last.
var earliestZone, latestZone = time.FixedZone("UTC+14", 14*3600), time.FixedZone("UTC-12", -12*3600)

// dueCandidate is a contact an occurrence reaches, with its event's date.
type dueCandidate struct {
	crm.CareCandidate
	event crm.Date
}

// dueFor is due for one customer's contacts (nil: everyone's).
func (s *Service) dueFor(ctx context.Context, p *crm.CarePlan, on crm.Date, customerID *int64) ([]dueCandidate, error) {
	var out []dueCandidate
	for _, q := range eventQueries(p.Trigger, on) {
		q.Audience, q.TimeZone, q.PlanID, q.OccursOn, q.CustomerID = p.Audience, s.zone, p.ID, &on, customerID
		cs, err := s.cfg.Store.CareCandidates(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("care candidates of %s: %w", on, err)
		}
		for _, c := range cs {
			out = append(out, dueCandidate{c, q.Date})
		}
	}
	return out, nil
}

// occur does one occurrence if it is due now in the contact's zone: not
// before its send time, not after its grace window, not in quiet hours.
// Those are decided from the candidate row alone, so that a sweep before
// the day's send time reads nothing more of anyone.
func (s *Service) occur(ctx context.Context, p *crm.CarePlan, c dueCandidate, on crm.Date, now time.Time) error {
	zone := s.zoneNamed(c.TimeZone)
	at, _ := clock(p.SendAt)
	due := timeOf(on, zone).Add(time.Duration(at) * time.Minute)
	if now.Before(due) || !now.Before(timeOf(addDays(on, p.GraceDays+1), zone)) {
		return nil // not yet, or missed for good
	}
	if q, _ := quiet(now.In(zone), s.quietS, s.quietE); q && p.Action == crm.CareActionSend {
		return nil // the send waits for the end of the quiet hours
	}
	r, err := s.cfg.Store.CareRecipient(ctx, c.ContactID)
	if err != nil {
		return err
	}
	o := &crm.CareOccurrence{PlanID: p.ID, ContactID: c.ContactID, OccursOn: on, CustomerID: c.CustomerID,
		OrderID: c.OrderID, OwnerID: c.OwnerID, At: now}
	if r.OwnerID != nil && o.OwnerID == nil {
		o.OwnerID = r.OwnerID
	}
	switch {
	case r.OptedOut:
		return s.skip(ctx, o, "the contact opted out of care messages")
	case p.Action == crm.CareActionTask:
		return s.openTask(ctx, p, r, c, o, due)
	case r.LeftWeChat() != "":
		return s.skip(ctx, o, leftReason(r))
	}
	n, err := s.cfg.Store.CountCareSends(ctx, c.ContactID, now.Add(-s.cfg.CapWindow))
	if err != nil {
		return err
	}
	if n >= s.cfg.Cap {
		return s.skip(ctx, o, fmt.Sprintf("frequency cap: %d care messages in the last %s", n, s.cfg.CapWindow))
	}
	return s.send(ctx, p, r, c, o)
}

func (s *Service) skip(ctx context.Context, o *crm.CareOccurrence, reason string) error {
	o.State, o.Reason = crm.CareStateSkipped, reason
	_, err := s.cfg.Store.RecordCareOccurrence(ctx, o)
	return err
}

// leftReason says why a contact who unfollowed gets no care message.
func leftReason(r *crm.CareRecipient) string {
	return "the contact unfollowed WeChat account " + r.LeftWeChat() + ": an unfollow stops care messages on every channel"
}
