package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// FindMessages returns a page of the messages f.Viewer may see, newest
// first, across conversations: by Message-ID, conversation, channel,
// direction, the conversation's contact, customer or lead, and time.
func (db *DB) FindMessages(ctx context.Context, f crm.MessageFilter) (l crm.List[*crm.Message], err error) {
	if err := f.Validate(); err != nil {
		return l, err
	}
	w := &where{}
	w.visible(f.Viewer, "v.assignee_id")
	if f.MessageRef != "" {
		// Stored bare by the email channel; a message stored with its
		// brackets (by an older import) is found too.
		w.and("m.message_ref IN (" + w.arg(f.MessageRef) + ", " + w.arg("<"+f.MessageRef+">") + ")")
	}
	w.equalID("m.conversation_id", f.ConversationID)
	w.equal("m.channel", f.Channel)
	w.equal("m.direction", f.Direction)
	w.equalID("v.contact_id", f.ContactID)
	w.equalID("v.customer_id", f.CustomerID)
	w.equalID("v.lead_id", f.LeadID)
	if f.Since != nil {
		w.and("m.sent_at >= " + w.arg(utc(*f.Since)))
	}
	if f.Until != nil {
		w.and("m.sent_at < " + w.arg(utc(*f.Until)))
	}
	if f.Page.After > 0 {
		w.and("m.id < " + w.arg(f.Page.After))
	}
	err = db.view(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanMessage, `SELECT `+messageCols+` FROM messages m
			JOIN conversations v ON v.id = m.conversation_id`+w.String()+
			` ORDER BY m.id DESC LIMIT `+itoa(f.Page.Limit+1), w.args...)
		if err != nil {
			return db.wrap(err, "find messages")
		}
		l = crm.NewList(items, f.Page.Limit, func(m *crm.Message) int64 { return m.ID })
		return db.loadParts(ctx, q, l.Items)
	})
	return l, err
}
