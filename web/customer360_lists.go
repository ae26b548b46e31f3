package web

import (
	"context"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// dueView is a payment plan still (partly) unpaid, with its order.
type dueView struct {
	Plan    *crm.PaymentPlan
	Order   *crm.Order
	Owed    crm.Money
	Overdue bool
}

func (s *Server) conversations360(ctx context.Context, v crm.Viewer, p *customer360) error {
	about, ok := s.store.(conversationsAbout)
	if !ok || (p.Contact == nil && p.Customer == nil) {
		return nil
	}
	var contactID, customerID *int64
	for _, ref := range p.refsOf(crm.RefContact, crm.RefCustomer) {
		if ref.Kind == crm.RefContact {
			contactID = &ref.ID
		} else {
			customerID = &ref.ID
		}
	}
	cs, err := about.ConversationsAbout(ctx, v, contactID, customerID, panelSize+1)
	p.Conversations = slices.DeleteFunc(cs, func(c *crm.Conversation) bool { return c.ID == p.Conversation })
	p.Conversations = p.Conversations[:min(len(p.Conversations), panelSize)]
	return err
}

// orders360 lists the customer's open orders and the plans still owed on
// them, soonest due first.
func (s *Server) orders360(ctx context.Context, v crm.Viewer, p *customer360) error {
	if p.Customer == nil {
		return nil
	}
	l, err := s.store.ListOrders(ctx, crm.OrderFilter{Viewer: v, CustomerID: &p.Customer.ID})
	if err != nil {
		return err
	}
	today := s.now().Format("2006-01-02")
	for _, o := range l.Items {
		if o.Status != crm.OrderDraft && o.Status != crm.OrderActive {
			continue
		}
		p.Orders = append(p.Orders, o)
		plans, err := s.store.PaymentPlans(ctx, v, o.ID)
		if err != nil {
			return err
		}
		for _, pl := range plans {
			if pl.Status != crm.PlanPaid {
				p.Due = append(p.Due, dueView{Plan: pl, Order: o, Owed: pl.Amount - pl.Paid,
					Overdue: pl.DueDate.String() < today})
			}
		}
	}
	slices.SortFunc(p.Due, func(a, b dueView) int { return strings.Compare(a.Plan.DueDate.String(), b.Plan.DueDate.String()) })
	return nil
}

// tasks360 lists the open tasks about the customer or the contact.
func (s *Server) tasks360(ctx context.Context, v crm.Viewer, p *customer360) error {
	for _, ref := range p.refsOf(panelRefs...) {
		l, err := s.store.ListTasks(ctx, crm.TaskFilter{Viewer: v, Ref: &ref, Status: crm.TaskOpen,
			Page: crm.Page{Limit: panelSize}})
		if err != nil {
			return err
		}
		p.Tasks = mergeByID(p.Tasks, l.Items, func(t *crm.Task) int64 { return t.ID })
	}
	p.Tasks = p.Tasks[:min(len(p.Tasks), panelSize)]
	return nil
}

// followUps360 lists the latest follow-ups on the customer or the contact.
func (s *Server) followUps360(ctx context.Context, v crm.Viewer, p *customer360) error {
	for _, ref := range p.refsOf(panelRefs...) {
		l, err := s.store.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: v, Ref: &ref, Page: crm.Page{Limit: panelSize}})
		if err != nil {
			return err
		}
		p.FollowUps = mergeByID(p.FollowUps, l.Items, func(f *crm.FollowUp) int64 { return f.ID })
	}
	slices.SortFunc(p.FollowUps, func(a, b *crm.FollowUp) int { return b.At.Compare(a.At) })
	p.FollowUps = p.FollowUps[:min(len(p.FollowUps), panelSize)]
	return nil
}

// refsOf are the panel's records of these kinds. The conversation and
// the lead count too: a follow-up logged beside a form lead's
// conversation is filed against those two only, and must show at once.
func (p *customer360) refsOf(kinds ...string) []crm.Ref {
	var out []crm.Ref
	if p.Customer != nil && slices.Contains(kinds, crm.RefCustomer) {
		out = append(out, crm.Ref{Kind: crm.RefCustomer, ID: p.Customer.ID})
	}
	if p.Contact != nil && slices.Contains(kinds, crm.RefContact) {
		out = append(out, crm.Ref{Kind: crm.RefContact, ID: p.Contact.ID})
	}
	if p.Lead != nil && slices.Contains(kinds, crm.RefLead) {
		out = append(out, crm.Ref{Kind: crm.RefLead, ID: p.Lead.ID})
	}
	if p.Conversation != 0 && slices.Contains(kinds, crm.RefConversation) {
		out = append(out, crm.Ref{Kind: crm.RefConversation, ID: p.Conversation})
	}
	return out
}

// panelRefs are the kinds the panel's tasks and follow-ups are filed against.
var panelRefs = []string{crm.RefCustomer, crm.RefContact, crm.RefLead, crm.RefConversation}

// mergeByID appends the items of more that list has not, newest id first.
func mergeByID[T any](list, more []T, id func(T) int64) []T {
	for _, m := range more {
		if !slices.ContainsFunc(list, func(x T) bool { return id(x) == id(m) }) {
			list = append(list, m)
		}
	}
	slices.SortFunc(list, func(a, b T) int { return int(id(b) - id(a)) })
	return list
}
