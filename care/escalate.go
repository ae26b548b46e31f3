package care

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Escalate gives the manager of the maker's team a task for each
// follow-up whose next step is EscalateAfterDays late and unanswered,
// once per follow-up (its unique key is written with the task). It is a
// scheduler sweep like Sweep.
func (s *Service) Escalate(ctx context.Context, now time.Time) error {
	if s.cfg.Reminders == nil {
		return nil
	}
	late := now.Add(-time.Duration(s.cfg.EscalateAfterDays) * 24 * time.Hour)
	ods, err := s.cfg.Reminders.OverdueFollowUps(ctx, late, 500)
	if err != nil {
		return err
	}
	var errs []error
	for _, od := range ods {
		if od.ManagerID == nil {
			continue // no manager to escalate to; the rep's own reminder stays
		}
		if err := s.escalate(ctx, od, now); err != nil && !errors.Is(err, errTaken) {
			errs = append(errs, fmt.Errorf("follow-up %d: %w", od.FollowUp.ID, err))
		}
	}
	return errors.Join(errs...)
}

func (s *Service) escalate(ctx context.Context, od crm.OverdueFollowUp, now time.Time) error {
	f := od.FollowUp
	return s.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		due := now.UTC()
		t := &crm.Task{Title: fmt.Sprintf("Overdue follow-up 逾期跟进: %s", or(f.NextStep, f.Result)),
			Details: fmt.Sprintf("Follow-up #%d by user #%d: next step due %s, %d days late.",
				f.ID, f.UserID, f.NextAt.Format(time.DateOnly), int(now.Sub(*f.NextAt).Hours()/24)),
			DueAt: &due, AssigneeID: od.ManagerID, Refs: f.Refs, CreatedBy: &f.UserID}
		if err := s.cfg.Records.CreateTask(ctx, t); err != nil {
			return err
		}
		ok, err := s.cfg.Reminders.RecordEscalation(ctx, f.ID, 1, t.ID, now)
		if err == nil && !ok {
			return errTaken
		}
		return err
	})
}
