package matcher

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// againstThread checks the contact and customer the rules found against
// those of the threaded conversation, which keeps its own links. A
// colleague of the conversation's contact (same customer) writing in the
// thread is normal. Any other difference is a conflict between the thread
// (rule 1) and a weaker rule: the conversation is kept, and the contact and
// customer go to review with the conversation's records as candidates.
func (d *decision) againstThread(_ context.Context) error {
	c := d.conv
	if c == nil || !d.clashes(c) {
		return nil
	}
	var cands []crm.Candidate
	if c.ContactID != nil {
		cands = append(cands, crm.Candidate{Kind: crm.RefContact, ID: *c.ContactID, Rule: crm.RuleThread, Value: d.threadRef})
	}
	if c.CustomerID != nil {
		cands = append(cands, crm.Candidate{Kind: crm.RefCustomer, ID: *c.CustomerID, Rule: crm.RuleThread, Value: d.threadRef})
	}
	for _, l := range d.unlink(crm.RefContact, crm.RefCustomer) {
		label := d.labels[crm.Ref{Kind: l.Kind, ID: l.TargetID}]
		cands = append(cands, crm.Candidate{Kind: l.Kind, ID: l.TargetID, Rule: l.Rule, Value: l.Value, Label: label})
	}
	d.out.ContactID, d.out.CustomerID, d.out.NewContact = 0, 0, nil
	d.review(cands...)
	return nil
}

func (d *decision) clashes(c *crm.Conversation) bool {
	contact, customer := d.out.ContactID, d.out.CustomerID
	if customer != 0 && c.CustomerID != nil && *c.CustomerID != customer {
		return true
	}
	sameCustomer := customer != 0 && c.CustomerID != nil && *c.CustomerID == customer
	return contact != 0 && c.ContactID != nil && *c.ContactID != contact && !sameCustomer
}
