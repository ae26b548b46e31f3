package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

var followUpParams = []param{{"user_id", "integer", "follow-ups made by this user"},
	{"next_before", "date-time", "follow-ups whose next step is due before this time and not yet answered by a later follow-up"},
	{"since", "date-time", "made at or after"}, {"until", "date-time", "made before"},
	{"method", "string", "made this way: " + strings.Join(followUpMethods, ", ")},
	{"team_id", "integer", "made by a member of this team"}}

// follow-ups are owned, for visibility, by the user who made them.
func (s *Server) followUps() resource[crm.FollowUp] {
	return resource[crm.FollowUp]{
		kind: "follow_up", ownerField: "user_id",
		owner: func(f *crm.FollowUp) *int64 { return &f.UserID },
		id:    func(f *crm.FollowUp) int64 { return f.ID },
		fresh: func(v crm.Viewer) *crm.FollowUp { return &crm.FollowUp{UserID: v.UserID, At: s.now()} },
		keep: func(dst, src *crm.FollowUp) {
			dst.ID, dst.CreatedAt = src.ID, src.CreatedAt
		},
		check: func(ctx context.Context, v crm.Viewer, b *jsonBody, old, f *crm.FollowUp) error {
			if err := f.Normalize(); err != nil {
				return err
			}
			if changed(b, old, "refs") {
				return s.checkRefs(ctx, v, "refs", f.Refs)
			}
			return nil
		},
		load: s.store.FollowUp,
		create: func(ctx context.Context, _ crm.Viewer, f *crm.FollowUp) error {
			return s.store.CreateFollowUp(ctx, f)
		},
		save: s.store.UpdateFollowUp,
	}
}

func (s *Server) createFollowUp(r *http.Request) (*crm.FollowUp, error) {
	return createRecord(r, s, s.followUps())
}

func (s *Server) getFollowUp(r *http.Request) (*crm.FollowUp, error) {
	return getRecord(r, s.followUps())
}

func (s *Server) updateFollowUp(r *http.Request) (*crm.FollowUp, error) {
	return updateRecord(r, s, s.followUps())
}

func (s *Server) listFollowUps(r *http.Request) (crm.List[*crm.FollowUp], error) {
	q := newQuery(r)
	f := crm.FollowUpFilter{Viewer: viewerOf(r), UserID: q.id("user_id"), Ref: q.ref(), Page: q.page(),
		NextBefore: q.time("next_before"), From: q.time("since"), To: q.time("until"), Method: q.str("method"),
		TeamID: q.id("team_id")}
	if err := q.err(); err != nil {
		return crm.List[*crm.FollowUp]{}, err
	}
	return s.store.ListFollowUps(r.Context(), f)
}
