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
	found := m.scan(scanText(in.Subject, in.Text, m.maxScan))
	f.orders, f.tasks = found.orders, found.tasks
	for _, p := range found.phones {
		if p != f.stated && len(f.phones) < m.maxLook {
			f.phones = append(f.phones, p)
		}
	}
	return f
}

// numbers is what a text yields: order, task and phone numbers.
type numbers struct {
	orders, tasks, phones []string
}

// scan finds the numbers in text, island by island (see islands).
func (m *Matcher) scan(text string) numbers {
	var n numbers
	for _, w := range islands(text) {
		part := text[w[0]:w[1]]
		var spans [][2]int
		n.orders, spans = appendNumbers(n.orders, m.orders, part, m.maxLook, spans)
		n.tasks, spans = appendNumbers(n.tasks, m.tasks, part, m.maxLook, spans)
		n.phones = m.appendPhones(n.phones, blank(part, spans), m.maxLook+1)
	}
	return n
}
