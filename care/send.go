package care

import (
	"context"
	"errors"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// errTaken rolls back an occurrence another instance has already done.
var errTaken = errors.New("care: occurrence already done")

// send queues the plan's message through the contact's channel, records
// the follow-up and the occurrence, in one transaction: the occurrence's
// unique key makes a second instance's attempt roll back whole.
func (s *Service) send(ctx context.Context, p *crm.CarePlan, r *crm.CareRecipient, c dueCandidate, o *crm.CareOccurrence) error {
	err := s.cfg.Store.WithTx(ctx, func(ctx context.Context) error {
		subject, text, vals, err := s.compose(ctx, p, r, c, o.OccursOn)
		if err != nil {
			return err
		}
		m, rung, err := s.queue(ctx, r, p.Locale, subject, text, vals)
		switch {
		case crm.ErrorCode(err) == crm.EINVALID || crm.ErrorCode(err) == crm.ERATELIMITED:
			o.State, o.Reason = crm.CareStateSkipped, "no channel can carry it: "+crm.ErrorMessage(err)
		case err != nil:
			return err
		default:
			o.State, o.Channel, o.Reason, o.MessageID = crm.CareStateQueued, m.Channel, rung, &m.ID
			method := crm.FollowEmail
			if m.Channel == crm.ChannelWeChat {
				method = crm.FollowWeChat
			}
			if err := s.followUp(ctx, p, o, method, rung+": "+text); err != nil {
				return err
			}
		}
		return s.record(ctx, o)
	})
	if errors.Is(err, errTaken) {
		return nil
	}
	return err
}

func (s *Service) record(ctx context.Context, o *crm.CareOccurrence) error {
	ok, err := s.cfg.Store.RecordCareOccurrence(ctx, o)
	if err == nil && !ok {
		return errTaken
	}
	return err
}

// compose renders the plan's text in its language for one occurrence.
func (s *Service) compose(ctx context.Context, p *crm.CarePlan, r *crm.CareRecipient, c dueCandidate, on crm.Date) (string, string, map[string]string, error) {
	var order *crm.Order
	if c.OrderID != nil {
		o, err := s.cfg.Records.Order(ctx, crm.System, *c.OrderID)
		if err != nil {
			return "", "", nil, err
		}
		order = o
	}
	vals := valuesFor(p, r, order, c.event, on)
	t := p.Texts[p.Locale]
	return render(t.Subject, vals), render(t.Text, vals), vals, nil
}

// followUp records the care on the customer (and the contact) as a
// follow-up by the owner, naming the plan and the occurrence.
func (s *Service) followUp(ctx context.Context, p *crm.CarePlan, o *crm.CareOccurrence, method, details string) error {
	user := o.OwnerID
	if user == nil {
		user = p.CreatedBy
	}
	if user == nil {
		return nil // no one to record it for; the occurrence itself remains
	}
	refs := []crm.Ref{{Kind: crm.RefContact, ID: o.ContactID}}
	if o.CustomerID != nil {
		refs = append(refs, crm.Ref{Kind: crm.RefCustomer, ID: *o.CustomerID})
	}
	f := &crm.FollowUp{Method: method, At: o.At, UserID: *user, Refs: refs, Details: details,
		Result: "care plan “" + p.Name + "” (#" + itoa(p.ID) + "), occurrence " + o.OccursOn.String()}
	if err := s.cfg.Records.CreateFollowUp(ctx, f); err != nil {
		return err
	}
	o.FollowUpID = &f.ID
	return nil
}

func unsubscribeFooter(locale, url string) string {
	if locale == "en" {
		return "\n\n--\nTo receive no more of these messages: " + url
	}
	return "\n\n--\n不想再收到此类消息？点击退订：" + url
}

func joinURL(base, token string) string { return strings.TrimRight(base, "/") + "/" + token }
