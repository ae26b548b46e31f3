package matcher

import (
	"github.com/rapport-crm/rapport/crm"
)

// facts is what one inbound message says that the rules can look up. It
// is computed once, without touching the store.
type facts struct {
	emails  []string // the sender's addresses, normalized: From, then Person.Email
	stated  string   // the phone the sender typed into a form, E.164
	phones  []string // phone numbers in the subject and text, E.164, minus stated
	orders  []string // order and contract numbers as written
	tasks   []string // task numbers as written
	domain  string   // the sender's corporate mail domain; "" for free mail or ours
	own     bool     // the sender writes from one of our own domains
	company string   // crm.CompanyKey of the stated company
}

// facts extracts the lookup values of in.
func (m *Matcher) facts(in *crm.Inbound) *facts {
	f := &facts{company: crm.CompanyKey(in.Person.Company)}
	for _, a := range []string{in.From.Address, in.Person.Email} {
		if e, ok := crm.NormalizeEmail(a); ok && !contains(f.emails, e) {
			f.emails = append(f.emails, e)
		}
	}
	if len(f.emails) > 0 {
		f.domain = m.corporateDomain(f.emails[0])
		f.own = m.isOwn(crm.EmailDomain(f.emails[0]))
	}
	f.stated, _ = crm.NormalizePhone(in.Person.Phone, m.region)
	text := scanText(in.Subject, in.Text, m.maxScan)
	var orderSpans, taskSpans [][2]int
	f.orders, orderSpans = findNumbers(m.orders, text, m.maxLook)
	f.tasks, taskSpans = findNumbers(m.tasks, text, m.maxLook)
	for _, p := range m.findPhones(blank(text, append(orderSpans, taskSpans...)), m.maxLook+1) {
		if p != f.stated && len(f.phones) < m.maxLook {
			f.phones = append(f.phones, p)
		}
	}
	return f
}
