package webform

import (
	"net/http"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Control inputs: the snippet and the hosted page fill them; they are never
// kept as the lead's fields. Any input whose name starts with _ is one.
const (
	honeypotField = "_hp"       // hidden; a person leaves it empty
	pageURLField  = "_page_url" // the page the form was on (location.href)
	referrerField = "_referrer" // where the visitor came from (document.referrer)
	langField     = "_lang"     // the hosted page's language, for its errors
)

// Bounds on what one submission keeps.
const (
	maxValueLen   = 5000
	maxMessageLen = 20000
	maxNameLen    = 200
)

// mapped is a submission read through its form's field mapping.
type mapped struct {
	person  crm.Person
	message string
	inputOf map[string]string // lead field → the input that filled it, for errors
}

// mapValues sorts a submission's inputs into lead fields and custom fields
// and checks them; problems are named by input, as the page shows them.
func (h *Handler) mapValues(f *crm.Form, vals map[string]string) (*mapped, error) {
	m := &mapped{inputOf: map[string]string{}}
	for name, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "utm_") {
			continue
		}
		m.set(f.LeadField(name), name, v)
	}
	m.person.Tags = f.Tags // the new lead's labels
	return m, h.check(f, vals, m)
}

func (m *mapped) set(field, input, v string) {
	if field != "" {
		m.inputOf[field] = input
	}
	switch field {
	case crm.FieldName:
		m.person.Name = clip(v, maxNameLen)
	case crm.FieldPhone:
		m.person.Phone = v
	case crm.FieldEmail:
		m.person.Email = v
	case crm.FieldCompany:
		m.person.Company = clip(v, maxNameLen)
	case crm.FieldTitle:
		m.person.Title = clip(v, maxNameLen)
	case crm.FieldMessage:
		m.message = clip(v, maxMessageLen)
	default:
		m.custom(clip(input, 100), clip(v, maxValueLen))
	}
}

func (m *mapped) custom(k, v string) {
	if m.person.Custom == nil {
		m.person.Custom = map[string]string{}
	}
	m.person.Custom[k] = v
}

// check validates required inputs, the email and the phone (normalizing
// both), and that the submission says anything at all.
func (h *Handler) check(f *crm.Form, vals map[string]string, m *mapped) error {
	p := crm.Problems{}
	for _, fd := range f.Inputs() {
		if fd.Required && strings.TrimSpace(vals[fd.Name]) == "" {
			p.Add(fd.Name, "is required")
		}
	}
	if e := m.person.Email; e != "" {
		if n, ok := crm.NormalizeEmail(e); ok {
			m.person.Email = n
		} else {
			p.Add(m.inputOf[crm.FieldEmail], "is not a valid email address")
		}
	}
	if ph := m.person.Phone; ph != "" {
		if n, ok := crm.NormalizePhone(ph, h.cfg.Region); ok {
			m.person.Phone = n
		} else {
			p.Add(m.inputOf[crm.FieldPhone], "is not a valid phone number")
		}
	}
	pp := m.person
	if len(p) == 0 && pp.Name == "" && pp.Email == "" && pp.Phone == "" && pp.Company == "" && m.message == "" {
		p.Add("form", "is empty: fill in at least a name, a way to reach you or a message")
	}
	return p.Err()
}

// inbound builds the message Ingest stores.
func (h *Handler) inbound(r *http.Request, f *crm.Form, vals map[string]string, m *mapped, now time.Time) *crm.Inbound {
	src := h.source(r, f, vals)
	in := &crm.Inbound{Channel: crm.ChannelWebForm, Account: f.Key,
		ExternalID: externalID(f.Key, vals, now, h.cfg.DedupeWindow),
		From:       crm.Address{Name: m.person.Name, Address: m.person.Email},
		Subject:    f.Name, Text: m.message, Person: m.person, Source: src, ReceivedAt: now}
	in.Raw = rawRecord(vals, src)
	if f.TeamID != nil {
		in.LeadTeamID = *f.TeamID // assigned in the ingest transaction with the lead
	}
	return in
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
