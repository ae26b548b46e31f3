package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// followUpWhere is what a follow-up list selects, before its page: the
// period, method and team as the workload report counts them (made at
// f.at, by f.user_id, seen by that user's visibility).
func followUpWhere(f crm.FollowUpFilter) *where {
	w := &where{}
	w.visible(f.Viewer, "f.user_id")
	w.equalID("f.user_id", f.UserID)
	w.inTeam("f.user_id", f.TeamID)
	w.equal("f.method", f.Method)
	w.aboutRef("followup_refs", "followup_id", "f.id", f.Ref)
	if f.NextBefore != nil {
		w.and("f.next_at < " + w.arg(utc(*f.NextBefore)) + " AND " + openFollowUp)
	}
	w.within("f.at", f.From, f.To)
	return w
}

// CountFollowUps counts what f selects, ignoring its page.
func (db *DB) CountFollowUps(ctx context.Context, f crm.FollowUpFilter) (int64, error) {
	return db.count(ctx, "follow-ups", "followups f", followUpWhere(f))
}
