package matcher

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// contact finds the sender's contact: first from what identifies the
// sender (channel identity, unionid, address, the phone they typed), and
// only when none of that names anyone, from phone numbers in the text.
func (d *decision) contact(ctx context.Context) error {
	evs, err := d.senderEvidence(ctx)
	if err != nil {
		return err
	}
	v := resolve(evs)
	if !v.found() && !v.ambiguous() {
		if evs, err = d.phoneEvidence(ctx, d.f.phones); err != nil {
			return err
		}
		v = resolve(evs)
	}
	switch {
	case v.found():
		d.out.ContactID, d.contactOwner = v.hit.id, v.hit.ownerID
		d.link(crm.RefContact, v.hit.id, v.ev.rule, v.ev.value, v.hit.label)
		if v.hit.customerID != 0 {
			d.senderCustomer = v.hit.customerID
			d.setCustomer(v.hit.customerID, v.ev.rule, v.ev.value, "")
		}
	case v.ambiguous():
		d.review(v.candidates...)
		if id := commonCustomer(evs); id != 0 {
			d.setCustomer(id, v.candidates[0].Rule, v.candidates[0].Value, "")
		}
	}
	return nil
}

// senderEvidence looks up what identifies the sender, strongest first.
func (d *decision) senderEvidence(ctx context.Context) ([]evidence, error) {
	var evs []evidence
	ids := d.identities()
	for _, id := range ids {
		c, err := d.r.ContactByIdentity(ctx, crm.System, id)
		if err != nil && !crm.IsNotFound(err) {
			return nil, err
		}
		rule := crm.RuleIdentity
		if id.Kind == crm.IdentityUnionID {
			rule = crm.RuleUnionID
		}
		evs = append(evs, contactEvidence(rule, id.Value, one(c)))
	}
	for _, e := range d.f.emails {
		cs, err := d.r.ContactsByEmail(ctx, crm.System, e)
		if err != nil {
			return nil, err
		}
		evs = append(evs, contactEvidence(crm.RuleEmail, e, cs))
	}
	if d.f.stated == "" {
		return evs, nil
	}
	phone, err := d.phoneEvidence(ctx, []string{d.f.stated})
	return append(evs, phone...), err
}

// identities are the sender's channel identities: appid+openid, unionid.
func (d *decision) identities() []crm.Identity {
	var ids []crm.Identity
	if id := d.in.Identity; id != nil && id.Value != "" {
		ids = append(ids, *id)
	}
	if d.in.UnionID != "" {
		ids = append(ids, crm.Identity{Kind: crm.IdentityUnionID, Value: d.in.UnionID})
	}
	return ids
}

func (d *decision) phoneEvidence(ctx context.Context, phones []string) ([]evidence, error) {
	evs := make([]evidence, 0, len(phones))
	for _, p := range phones {
		cs, err := d.r.ContactsByPhone(ctx, crm.System, p)
		if err != nil {
			return nil, err
		}
		evs = append(evs, contactEvidence(crm.RulePhone, p, cs))
	}
	return evs, nil
}

func one(c *crm.Contact) []*crm.Contact {
	if c == nil {
		return nil
	}
	return []*crm.Contact{c}
}

func contactEvidence(rule, value string, cs []*crm.Contact) evidence {
	e := evidence{kind: crm.RefContact, rule: rule, value: value}
	for _, c := range cs {
		h := hit{id: c.ID, label: c.Name, ownerID: c.OwnerID}
		if c.CustomerID != nil {
			h.customerID = *c.CustomerID
		}
		e.hits = append(e.hits, h)
	}
	return e
}
