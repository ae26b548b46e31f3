package web

import (
	"net/http"
	"net/url"

	"github.com/rapport-crm/rapport/crm"
)

// The FAQ form written from an unanswered question: /bot/faqs/new?unanswered=ID
// starts with the question as the entry's question, and saving the entry
// takes the question (and its identical ones) off the list.

// unansweredOf reads ?unanswered=ID (nil: none).
func unansweredOf(r *http.Request) (*int64, error) {
	q := newQuery(r)
	id := q.id("unanswered")
	return id, q.err()
}

// faqFromUnanswered puts the question's text in a new entry's form.
func (s *Server) faqFromUnanswered(r *http.Request, vals url.Values) error {
	id, err := unansweredOf(r)
	if err != nil || id == nil {
		return err
	}
	us, err := s.unanswered()
	if err != nil {
		return err
	}
	u, err := us.UnansweredQuestion(r.Context(), *id)
	if err != nil {
		return err
	}
	vals.Set("question", u.Text)
	return nil
}

// faqFormFrom keeps the question's id in the form's address, on the form
// and on a refused one shown again.
func faqFormFrom(r *http.Request, d *settingsPage, _ url.Values, _ map[string]string) error {
	id, err := unansweredOf(r)
	if err != nil || id == nil || d.DeleteURL != "" {
		return err
	}
	d.Action += "?" + url.Values{"unanswered": {r.URL.Query().Get("unanswered")}}.Encode()
	if d.Heading == d.T("faq.new") {
		d.Heading = d.T("bot.unanswered.new_entry")
	}
	return nil
}

// createFAQPage creates the entry of the form, from the question in the
// address when there is one.
func (s *Server) createFAQPage(r *http.Request) (*crm.FAQ, error) {
	id, err := unansweredOf(r)
	if err != nil {
		return nil, err
	}
	return s.createFAQFrom(r, id)
}
