package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// hookType is the webhook event type of a published event kind; "" for
// kinds no webhook receives.
func hookType(kind string) string {
	return map[string]string{
		crm.EventMessageNew:      crm.HookMessageCreated,
		crm.EventConversationNew: crm.HookConversationCreated,
		crm.EventAssigned:        crm.HookConversationAssigned,
		crm.EventResolved:        crm.HookConversationResolved,
		crm.EventHandedOff:       crm.HookConversationHandedOff,
		crm.EventLeadNew:         crm.HookLeadCreated,
		crm.EventCustomerNew:     crm.HookCustomerCreated,
		crm.EventOrderNew:        crm.HookOrderCreated,
		crm.EventPaymentNew:      crm.HookPaymentReceived,
	}[kind]
}

// Body is the JSON every delivery carries: the event's id (also the
// Rapport-Delivery header), its type, when it happened, and in data the
// ids and the record(s) as an admin sees them when the event is queued.
type Body struct {
	ID        string         `json:"id"`
	Type      string         `json:"type"`
	CreatedAt time.Time      `json:"created_at"`
	Data      map[string]any `json:"data"`
}

// event reads e's records and builds its delivery body. An event about a
// conversation, a message or a lead carries the conversation too.
func (d *Dispatcher) event(ctx context.Context, typ string, e crm.Event) (crm.HookEvent, error) {
	now := d.cfg.Now().UTC()
	data := map[string]any{}
	id, err := d.fill(ctx, typ, e, data)
	if err != nil {
		return crm.HookEvent{}, err
	}
	switch {
	case typ == crm.HookConversationHandedOff && e.MessageID != 0:
		// The bot decides once per message: the message tells hand-offs apart.
		id = fmt.Sprintf("%s.m%d", id, e.MessageID)
	case typ == crm.HookConversationAssigned || typ == crm.HookConversationResolved || typ == crm.HookConversationHandedOff:
		// These happen many times to one conversation: the time tells them apart.
		id = fmt.Sprintf("%s.%d", id, now.UnixMilli())
	}
	b := Body{ID: typ + ":" + id, Type: typ, CreatedAt: now, Data: data}
	raw, err := json.Marshal(b)
	return crm.HookEvent{ID: b.ID, Type: typ, At: now, Payload: raw}, err
}

// fill puts e's ids and records into data and returns the occurrence's id.
func (d *Dispatcher) fill(ctx context.Context, typ string, e crm.Event, data map[string]any) (string, error) {
	r, v := d.cfg.Records, crm.System
	var rec any
	var err error
	id := e.RecordID
	switch typ {
	case crm.HookMessageCreated:
		id = e.MessageID
		rec, err = read(r.InboxMessage(ctx, v, e.MessageID))
		data["message"] = rec
	case crm.HookLeadCreated:
		id = e.LeadID
		rec, err = read(r.Lead(ctx, v, e.LeadID))
		data["lead"] = rec
	case crm.HookCustomerCreated:
		rec, err = read(r.Customer(ctx, v, e.RecordID))
		data["customer"] = rec
	case crm.HookOrderCreated:
		rec, err = read(r.Order(ctx, v, e.RecordID))
		data["order"] = rec
	case crm.HookPaymentReceived:
		rec, err = read(r.Payment(ctx, v, e.RecordID))
		data["payment"] = rec
	default:
		id = e.ConversationID
	}
	if err == nil && e.ConversationID != 0 {
		data["conversation_id"] = e.ConversationID
		data["conversation"], err = read(r.Conversation(ctx, v, e.ConversationID))
	}
	return fmt.Sprint(id), err
}

func read[T any](rec T, err error) (any, error) { return rec, err }
