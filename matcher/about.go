package matcher

import (
	"cmp"

	"github.com/rapport-crm/rapport/crm"
)

// about returns the message as the rules read it, which is not always as
// it was sent:
//   - our own mail (the channel says so, or a colleague at one of our
//     domains writes to someone outside) is about its first outside
//     recipient, and it makes no lead or contact: it is marked automated in
//     the copy the rules read (the stored message keeps its own flag);
//   - a colleague forwarding a customer's mail is about the forwarded mail:
//     its original sender, its subject, and its text after the
//     colleague's note.
//
// fromUs reports the first case: the message is stored as outbound.
func (m *Matcher) about(in *crm.Inbound) (eff *crm.Inbound, fromUs bool) {
	e, ok := crm.NormalizeEmail(in.From.Address)
	own := ok && m.isOwn(crm.EmailDomain(e))
	if in.FromUs || own && m.outside(in) != nil {
		c := *in
		c.From, c.Person, c.Automated = crm.Address{}, crm.Person{}, true
		if to := m.outside(in); to != nil {
			c.From = *to
		}
		return &c, true
	}
	if !own {
		return in, false
	}
	for _, f := range in.Forwards {
		if fe, ok := crm.NormalizeEmail(f.From.Address); ok && !m.isOwn(crm.EmailDomain(fe)) {
			c := *in
			c.From, c.Person = f.From, crm.Person{}
			c.Automated = in.Automated || f.Automated // a forwarded notice makes no lead
			c.Subject = cmp.Or(f.Subject, in.Subject)
			c.Text = stripQuoted(in.Text) + "\n" + f.Text
			return &c, false
		}
	}
	return in, false
}

// outside returns the first To, else Cc, address not at one of our
// domains, or nil.
func (m *Matcher) outside(in *crm.Inbound) *crm.Address {
	for _, list := range [][]crm.Address{in.To, in.Cc} {
		for i := range list {
			if e, ok := crm.NormalizeEmail(list[i].Address); ok && !m.isOwn(crm.EmailDomain(e)) {
				return &list[i]
			}
		}
	}
	return nil
}
