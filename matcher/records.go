package matcher

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// records links the orders, contracts and tasks the message quotes. A
// quoted number is a fact about the message, so its link stands whoever
// the sender is; the orders' customers are kept for the customer step.
func (d *decision) records(ctx context.Context) error {
	for _, n := range d.f.orders {
		o, err := d.r.OrderByNumber(ctx, crm.System, n)
		if crm.IsNotFound(err) {
			continue
		} else if err != nil {
			return err
		}
		d.link(crm.RefOrder, o.ID, crm.RuleOrder, n, o.Number)
		d.orderCustomers = appendCustomer(d.orderCustomers, o.CustomerID, n)
	}
	for _, n := range d.f.tasks {
		t, err := d.r.TaskByNumber(ctx, n)
		if crm.IsNotFound(err) {
			continue
		} else if err != nil {
			return err
		}
		d.link(crm.RefTask, t.ID, crm.RuleTask, n, t.Title)
	}
	return nil
}

// orderCustomer is a customer an order names, with the order's number.
type orderCustomer struct {
	id     int64
	number string
}

func appendCustomer(list []orderCustomer, id int64, number string) []orderCustomer {
	for _, c := range list {
		if c.id == id {
			return list
		}
	}
	return append(list, orderCustomer{id: id, number: number})
}

// customer fills the customer when no contact named one: from the quoted
// orders when they agree on one, else from the sender's corporate domain.
// The domain is looked up even when orders named the customer, since a
// sender at that same customer's domain becomes its new contact.
func (d *decision) customer(ctx context.Context) error {
	if d.out.CustomerID != 0 || d.out.NeedsReview {
		return nil
	}
	if len(d.orderCustomers) == 1 {
		c := d.orderCustomers[0]
		d.setCustomer(c.id, crm.RuleOrder, c.number, "")
	}
	if d.f.domain == "" {
		return nil
	}
	cs, err := d.r.CustomersByDomain(ctx, d.f.domain)
	if err != nil {
		return err
	}
	ev := customerEvidence(crm.RuleDomain, d.f.domain, cs)
	switch {
	case len(cs) > 1 && d.out.CustomerID == 0:
		d.review(candidatesOf([]evidence{ev})...)
	case len(cs) == 1 && d.out.CustomerID == 0:
		d.setCustomer(cs[0].ID, crm.RuleDomain, d.f.domain, cs[0].Name)
		d.cust = cs[0]
		d.newContact(cs[0])
	case len(cs) == 1 && d.out.CustomerID == cs[0].ID:
		d.cust = cs[0]
		d.newContact(cs[0])
	}
	return nil
}

func customerEvidence(rule, value string, cs []*crm.Customer) evidence {
	e := evidence{kind: crm.RefCustomer, rule: rule, value: value}
	for _, c := range cs {
		e.hits = append(e.hits, hit{id: c.ID, label: c.Name, ownerID: c.OwnerID})
	}
	return e
}
