package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.LeadConversationStore = (*DB)(nil)

// LeadConversations returns the lead's conversations v may see, the most
// recently active first.
func (db *DB) LeadConversations(ctx context.Context, v crm.Viewer, leadID int64, limit int) (cs []*crm.Conversation, err error) {
	w := &where{}
	w.equalID("v.lead_id", &leadID)
	w.visible(v, "v.assignee_id")
	err = db.view(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, scanConversation, `SELECT `+conversationCols+` FROM conversations v`+
			w.String()+` ORDER BY v.last_message_at DESC, v.id DESC LIMIT `+itoa(limit), w.args...)
		return db.wrap(err, "lead conversations")
	})
	return cs, err
}
