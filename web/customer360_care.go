package web

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// care360 adds the customer's last care done and next care due to a
// record page's panel. The panel is shown only for a customer v may see,
// so the care of that customer is theirs to see too.
func (s *Server) care360(ctx context.Context, p *customer360) error {
	if s.deps.Care == nil || s.deps.CareStore == nil || p.Customer == nil {
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
