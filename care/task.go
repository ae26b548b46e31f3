package care

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// openTask gives the owner a care task (人工关怀) due at the send time,
// recorded as a follow-up and as the occurrence, in one transaction.
func (s *Service) openTask(ctx context.Context, p *crm.CarePlan, r *crm.CareRecipient, c dueCandidate, o *crm.CareOccurrence, due time.Time) error {
	err := s.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		subject, text, _, err := s.compose(ctx, p, r, c, o.OccursOn)
		if err != nil {
			return err
		}
		if subject == "" {
			subject = p.Name + ": " + r.Contact.Name
		}
		refs := []crm.Ref{{Kind: crm.RefContact, ID: o.ContactID}}
		if o.CustomerID != nil {
			refs = append(refs, crm.Ref{Kind: crm.RefCustomer, ID: *o.CustomerID})
		}
		dueAt := due.UTC()
		t := &crm.Task{Title: subject, Details: text, DueAt: &dueAt, AssigneeID: o.OwnerID, Refs: refs,
			CreatedBy: p.CreatedBy}
		if err := s.cfg.Records.CreateTask(ctx, t); err != nil {
			return err
		}
		o.State, o.TaskID, o.Reason = crm.CareStateTask, &t.ID, "care task for the owner"
		if err := s.followUp(ctx, p, o, crm.FollowOther, "care task opened: "+subject); err != nil {
			return err
		}
		return s.record(ctx, o)
	})
	if errors.Is(err, errTaken) {
		return nil
	}
	return err
}
