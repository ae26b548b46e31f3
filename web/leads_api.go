package web

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/rapport-crm/rapport/crm"
)

var leadParams = []param{
	{"status", "string", "new, contacted, qualified, converted or lost"},
	{"channel", "string", "where leads came from: wechat, email, webform, manual…"},
	{"tag", "string", "leads with this label"},
}

func (s *Server) leads() resource[crm.Lead] {
	return resource[crm.Lead]{
		kind: crm.RefLead, ownerField: "owner_id",
		owner: func(l *crm.Lead) *int64 { return l.OwnerID },
		id:    func(l *crm.Lead) int64 { return l.ID },
		fresh: func(v crm.Viewer) *crm.Lead { return &crm.Lead{OwnerID: self(v)} },
		keep: func(dst, src *crm.Lead) {
			dst.ID, dst.CreatedAt, dst.UpdatedAt = src.ID, src.CreatedAt, src.UpdatedAt
			dst.LastFollowUpAt, dst.ClaimedAt = src.LastFollowUpAt, src.ClaimedAt
		},
		check: checkLead,
		load:  s.store.Lead,
		create: func(ctx context.Context, _ crm.Viewer, l *crm.Lead) error {
			return s.store.CreateLead(ctx, l)
		},
		save: s.store.UpdateLead,
	}
}

// checkLead normalizes l. A custom map sent in the body replaces the old
// one rather than merging into it, so that fields can be removed.
func checkLead(_ context.Context, _ crm.Viewer, b *jsonBody, _, l *crm.Lead) error {
	if raw, ok := b.keys["custom"]; ok {
		l.Custom = nil
		if err := json.Unmarshal(raw, &l.Custom); err != nil {
			return invalid("custom", "must be an object of strings")
		}
	}
	return l.Normalize(crm.DefaultRegion)
}

func (s *Server) createLead(r *http.Request) (*crm.Lead, error) {
	return createRecord(r, s, s.leads())
}

func (s *Server) getLead(r *http.Request) (*crm.Lead, error) {
	return getRecord(r, s.leads())
}

func (s *Server) updateLead(r *http.Request) (*crm.Lead, error) {
	return updateRecord(r, s, s.leads())
}

func (s *Server) listLeads(r *http.Request) (crm.List[*crm.Lead], error) {
	q := newQuery(r)
	f := crm.LeadFilter{
		Viewer: viewerOf(r), Query: q.str("q"), Status: q.str("status"), Channel: q.str("channel"),
		Tag: q.str("tag"), OwnerID: q.id("owner_id"), InPool: q.boolean("pool"), Page: q.page(),
		PoolFilter: s.poolFilter(q.str("sort"), q.str("countdown"), q.id("pool_team_id")),
	}
	if err := q.err(); err != nil {
		return crm.List[*crm.Lead]{}, err
	}
	return s.store.ListLeads(r.Context(), f)
}

// claimLead takes a pool lead for the logged-in user, under the pool's
// rules (cap, daily limit, cooldown), audited by the pool.
func (s *Server) claimLead(r *http.Request) (*crm.Lead, error) {
	return poolAction(r, crm.RefLead, s.store.Lead, claimAct, s)
}
