package matcher

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// lead runs when no rule linked anything: the duplicate check (查重)
// against existing leads and customers, then a new lead. Senders at our own
// domains never become leads.
func (d *decision) lead(ctx context.Context) error {
	if !d.unmatched() || d.f.own {
		return nil
	}
	if found, err := d.followerLead(ctx); found || err != nil {
		return err
	}
	v, err := d.leadByPerson(ctx)
	if err != nil || v.ambiguous() {
		d.review(v.candidates...)
		return err
	}
	if v.found() {
		d.out.LeadID = v.hit.id
		d.link(crm.RefLead, v.hit.id, crm.RuleDupLead, v.ev.value, v.hit.label)
	}
	if err := d.byCompany(ctx); err != nil || d.out.NeedsReview {
		return err
	}
	if d.out.LeadID == 0 && d.out.CustomerID == 0 && !d.in.Automated {
		d.out.NewLead = d.newLead()
	}
	return nil
}

// unmatched reports whether no rule found anything: no link but a thread
// whose conversation has no records yet (a prospect answering our first
// mail), and nothing to review.
func (d *decision) unmatched() bool {
	if d.out.NeedsReview || d.out.NewContact != nil {
		return false
	}
	for _, l := range d.out.Links {
		if l.Kind != crm.RefConversation {
			return false
		}
	}
	if d.out.ConversationID == 0 {
		return true
	}
	c := d.conv
	return c != nil && c.ContactID == nil && c.CustomerID == nil && c.LeadID == nil
}

// leadByPerson looks for a lead with the sender's address or stated phone,
// and only when those find none, with a phone number from the text.
func (d *decision) leadByPerson(ctx context.Context) (verdict, error) {
	var evs []evidence
	for _, e := range d.f.emails {
		ls, err := d.r.LeadsByEmail(ctx, e)
		if err != nil {
			return verdict{}, err
		}
		evs = append(evs, leadEvidence(e, ls))
	}
	phones := [][]string{{d.f.stated}, d.f.phones}
	if d.f.stated == "" {
		phones = phones[1:]
	}
	v := resolve(evs)
	for _, tier := range phones {
		if v.found() || v.ambiguous() {
			break
		}
		for _, p := range tier {
			ls, err := d.r.LeadsByPhone(ctx, p)
			if err != nil {
				return verdict{}, err
			}
			evs = append(evs, leadEvidence(p, ls))
		}
		v = resolve(evs)
	}
	return v, nil
}

// byCompany matches the stated company's key: a customer of that name is
// linked (even beside a lead found by address, as a fact); without a lead
// or customer, an existing lead of that company is the duplicate.
func (d *decision) byCompany(ctx context.Context) error {
	key := d.f.company
	if key == "" {
		return nil
	}
	cs, err := d.r.CustomersByNameKey(ctx, key)
	if err != nil {
		return err
	}
	ev := customerEvidence(crm.RuleCompany, key, cs)
	if v := resolve([]evidence{ev}); v.found() {
		d.setCustomer(v.hit.id, crm.RuleCompany, key, v.hit.label)
		return nil
	} else if v.ambiguous() && d.out.LeadID == 0 {
		d.review(v.candidates...)
		return nil
	}
	if d.out.LeadID != 0 {
		return nil
	}
	ls, err := d.r.LeadsByCompanyKey(ctx, key)
	if err != nil {
		return err
	}
	v := resolve([]evidence{leadEvidence(key, ls)})
	if v.found() {
		d.out.LeadID = v.hit.id
		d.link(crm.RefLead, v.hit.id, crm.RuleDupLead, key, v.hit.label)
	}
	d.review(v.candidates...)
	return nil
}

func leadEvidence(value string, ls []*crm.Lead) evidence {
	e := evidence{kind: crm.RefLead, rule: crm.RuleDupLead, value: value}
	for _, l := range ls {
		e.hits = append(e.hits, hit{id: l.ID, label: firstOf(l.Name, l.Company, l.Email, l.Phone), ownerID: l.OwnerID})
	}
	return e
}
