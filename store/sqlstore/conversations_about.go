package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// ConversationsAbout returns the conversations v may see that are linked to
// the contact or the customer (either may be nil), the most recently
// active first, at most limit of them: the 360° panel's "other
// conversations".
func (db *DB) ConversationsAbout(ctx context.Context, v crm.Viewer, contactID, customerID *int64, limit int) (cs []*crm.Conversation, err error) {
	if contactID == nil && customerID == nil {
		return []*crm.Conversation{}, nil
	}
	w := &where{}
	switch {
	case contactID != nil && customerID != nil:
		w.and("(v.contact_id = " + w.arg(*contactID) + " OR v.customer_id = " + w.arg(*customerID) + ")")
	default:
		w.equalID("v.contact_id", contactID)
		w.equalID("v.customer_id", customerID)
	}
	w.visible(v, "v.assignee_id")
	err = db.view(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, scanConversation, `SELECT `+conversationCols+` FROM conversations v`+
			w.String()+` ORDER BY v.last_message_at DESC, v.id DESC LIMIT `+itoa(limit), w.args...)
		return db.wrap(err, "conversations about")
	})
	return cs, err
}
