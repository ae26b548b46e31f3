package web

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// panel360 is the customer beside a conversation: who wrote, their
// company, other conversations, open orders, open tasks and recent
// follow-ups, each only as far as the user may see it.
//
// TODO(records): include the records pages' own "customer 360" partial
// once it lands, and keep this as the data it is fed.
type panel360 struct {
	Contact   *crm.Contact
	Customer  *crm.Customer
	Others    []*crm.Conversation
	Orders    []*crm.Order
	Tasks     []*crm.Task
	FollowUps []*crm.FollowUp
	Ref       crm.Ref // what follow-ups and tasks made here are about
}

const panelLimit = 5

func (s *Server) panel(ctx context.Context, ib crm.InboxStore, v crm.Viewer, c *crm.Conversation) (*panel360, error) {
	p := &panel360{}
	var err error
	if c.ContactID != nil {
		if p.Contact, err = s.store.Contact(ctx, v, *c.ContactID); ignoreNotFound(err) != nil {
			return nil, err
		}
	}
	if c.CustomerID != nil {
		if p.Customer, err = s.store.Customer(ctx, v, *c.CustomerID); ignoreNotFound(err) != nil {
			return nil, err
		}
	}
	switch {
	case p.Customer != nil:
		p.Ref = crm.Ref{Kind: crm.RefCustomer, ID: p.Customer.ID}
	case p.Contact != nil:
		p.Ref = crm.Ref{Kind: crm.RefContact, ID: p.Contact.ID}
	case c.LeadID != nil:
		p.Ref = crm.Ref{Kind: crm.RefLead, ID: *c.LeadID}
	default:
		return p, nil
	}
	return p, s.fillPanel(ctx, ib, v, c, p)
}

func (s *Server) fillPanel(ctx context.Context, ib crm.InboxStore, v crm.Viewer, c *crm.Conversation, p *panel360) error {
	convs, err := ib.ConversationsOf(ctx, v, p.Ref, panelLimit+1)
	if err != nil {
		return err
	}
	for _, o := range convs {
		if o.ID != c.ID && len(p.Others) < panelLimit {
			p.Others = append(p.Others, o)
		}
	}
	if p.Customer != nil {
		orders, err := s.store.ListOrders(ctx, crm.OrderFilter{Viewer: v, CustomerID: &p.Customer.ID,
			Status: crm.OrderActive, Page: crm.Page{Limit: panelLimit}})
		if err != nil {
			return err
		}
		p.Orders = orders.Items
	}
	tasks, err := s.store.ListTasks(ctx, crm.TaskFilter{Viewer: v, Ref: &p.Ref, Status: crm.TaskOpen,
		Page: crm.Page{Limit: panelLimit}})
	if err != nil {
		return err
	}
	p.Tasks = tasks.Items
	fus, err := s.store.ListFollowUps(ctx, crm.FollowUpFilter{Viewer: v, Ref: &p.Ref, Page: crm.Page{Limit: panelLimit}})
	if err != nil {
		return err
	}
	p.FollowUps = fus.Items
	return nil
}

func ignoreNotFound(err error) error {
	if crm.ErrorCode(err) == crm.ENOTFOUND {
		return nil
	}
	return err
}
