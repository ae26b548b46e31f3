package web

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/rapport-crm/rapport/crm"
)

// care360 adds the customer's last care done and next care due to a
// record page's panel. The panel is shown only for a customer v may see,
// so the care of that customer is theirs to see too.
func (s *Server) care360(ctx context.Context, p *customer360) error {
	if s.deps.Care == nil || s.deps.CareStore == nil {
		return nil
	}
	p.CareOn = true
	if p.Contact != nil {
		r, err := s.deps.CareStore.CareRecipient(ctx, p.Contact.ID)
		if err != nil {
			return err
		}
		p.OptedOut = r.OptedOut
	}
	if p.Customer == nil {
		return nil
	}
	id := p.Customer.ID
	last, err := s.deps.CareStore.ListCareOccurrences(ctx, crm.CareOccurrenceFilter{CustomerID: &id, Limit: 1})
	if err != nil {
		return err
	}
	if len(last) > 0 {
		p.LastCare = last[0]
	}
	next, err := s.deps.Care.Upcoming(ctx, crm.CareUpcomingFilter{CustomerID: &id, Days: 90, Limit: 1})
	if len(next) > 0 {
		p.NextCare = &next[0]
	}
	return err
}

// postCareOptOutPage is the contact page's "no care messages" switch.
func (s *Server) postCareOptOutPage(w http.ResponseWriter, r *http.Request) {
	if _, err := s.setCareOptOut(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	http.Redirect(w, r, "/contacts/"+chi.URLParam(r, "id"), http.StatusSeeOther)
}
