package web

import (
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// named names record id of a kind (a picker's "customers", a field's
// "customer_id" or a ref's "customer") as the viewer knows it; "" when the
// kind has no name to show.
func (c *cells) named(kind, id string) string {
	if id == "" {
		return ""
	}
	switch kind {
	case "customers", "customer_id", crm.RefCustomer:
		return c.customer(id)
	case "contacts", "contact_id", "customer_signer_id", crm.RefContact:
		return c.contact(id)
	case "leads", "lead_id", crm.RefLead:
		return c.lead(id)
	case "orders", "order_id", crm.RefOrder:
		return c.order(id)
	case "tasks", crm.RefTask:
		return lookupName(c, crm.RefTask, id, c.s.store.Task, func(t *crm.Task) string { return t.Title })
	case "conversations", crm.RefConversation:
		return lookupName(c, crm.RefConversation, id, c.s.store.Conversation, func(cv *crm.Conversation) string {
			return firstOf(cv.Subject, "#"+id)
		})
	case "users":
		return c.user(id)
	}
	return ""
}

// contact names a contact the viewer may see, else shows its number.
func (c *cells) contact(s string) string {
	return lookupName(c, crm.RefContact, s, c.s.store.Contact, func(k *crm.Contact) string { return k.Name })
}

// lead names a lead by its person, company, email or phone.
func (c *cells) lead(s string) string {
	return lookupName(c, crm.RefLead, s, c.s.store.Lead, func(l *crm.Lead) string {
		return firstOf(l.Name, l.Company, l.Email, l.Phone)
	})
}

// plan names instalment planID of order orderID: "SO-1 · 2"; "#id" when
// it is not that order's or hidden.
func (c *cells) plan(orderID, planID string) string {
	if planID == "" {
		return ""
	}
	oid, err1 := strconv.ParseInt(orderID, 10, 64)
	pid, err2 := strconv.ParseInt(planID, 10, 64)
	if err1 != nil || err2 != nil {
		return "#" + planID
	}
	o, err := c.s.store.Order(c.ctx, c.v, oid)
	if err != nil {
		return "#" + planID
	}
	plans, _ := c.s.store.PaymentPlans(c.ctx, c.v, oid)
	for _, pl := range plans {
		if pl.ID == pid {
			return planItem(o, pl).Label
		}
	}
	return "#" + planID
}
