package web

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// visibleCare keeps the care items whose contact v may see: the planner
// reads every contact (a plan runs for the whole company), so a manager's
// calendar or preview would otherwise show another team's contacts' names
// and texts. A rep's calendar is already their own; an admin sees all.
func (s *Server) visibleCare(ctx context.Context, v crm.Viewer, items []crm.CarePreviewItem) ([]crm.CarePreviewItem, error) {
	if v.SeesAll() || len(items) == 0 {
		return items, nil
	}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	team := map[int64]int64{}
	for _, u := range users {
		if u.TeamID != nil {
			team[u.ID] = *u.TeamID
		}
	}
	out := make([]crm.CarePreviewItem, 0, len(items))
	for _, it := range items {
		var t int64
		if it.OwnerID != nil {
			t = team[*it.OwnerID]
		}
		if v.SeesOwned(it.OwnerID, t) {
			out = append(out, it)
		}
	}
	return out, nil
}
