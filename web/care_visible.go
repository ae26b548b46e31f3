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
	return keepSeen(ctx, s, v, items, func(it crm.CarePreviewItem) *int64 { return it.OwnerID })
}

// keepSeen keeps the items whose owner v sees (crm.Viewer.SeesOwned).
func keepSeen[T any](ctx context.Context, s *Server, v crm.Viewer, items []T, owner func(T) *int64) ([]T, error) {
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
	out := make([]T, 0, len(items))
	for _, it := range items {
		var t int64
		if o := owner(it); o != nil {
			t = team[*o]
		}
		if v.SeesOwned(owner(it), t) {
			out = append(out, it)
		}
	}
	return out, nil
}
