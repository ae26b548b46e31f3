package crm

import (
	"context"
	"time"
)

// Kinds of timeline entries.
const (
	TimelineMessage  = "message"  // a message in one of the record's conversations
	TimelineFollowUp = "followup" // a follow-up (跟进) about it
	TimelineTask     = "task"     // a task about it, when it was created
	TimelineOrder    = "order"    // an order or contract of the customer
	TimelinePayment  = "payment"  // a payment on one of those
	TimelineChange   = "change"   // an audited change (merge, claim, owner move…)
)

// TimelineEntry is one line of a record's chronological timeline: what
// happened, when, and the record it opens.
type TimelineEntry struct {
	Kind  string    `json:"kind"`
	ID    int64     `json:"id"` // the message's, follow-up's… own id
	At    time.Time `json:"at"`
	Title string    `json:"title"` // a subject, method, task title, order number, action
	Text  string    `json:"text"`  // the first part of a message or note, an order's title
	// Amount is an order's or a payment's, in minor units; 0 for others.
	Amount Money `json:"amount"`
	// Ref is the record the entry opens: a message's conversation, a
	// payment's order; 0 for the entry's own (a task, an order).
	Ref int64 `json:"ref"`
	// Tag says more of it: a message's direction, a follow-up's method, a
	// task's status, an order's kind, a payment's method.
	Tag string `json:"tag"`
}

// TimelineQuery asks for one page of the timeline of a customer (with
// its contacts' conversations and follow-ups), a contact or a lead.
type TimelineQuery struct {
	Viewer  Viewer
	Subject Ref    // customer, contact or lead
	Cursor  string // the previous page's Next; "" for the newest
	Limit   int    // 1…MaxPageLimit; 0: DefaultPageLimit
}

// Timeline is one page of entries, newest first.
type Timeline struct {
	Items []TimelineEntry `json:"items"`
	Next  string          `json:"next"` // the cursor of the next page; "" at the end
}

// TimelineStore reads records' timelines.
type TimelineStore interface {
	// Timeline returns a page of q.Subject's timeline, each part as v may
	// see it (messages of conversations v may open, orders by the order's
	// or the customer's owner…). The caller checks that v may see the
	// subject itself. EINVALID for another kind of subject or a malformed
	// cursor.
	Timeline(ctx context.Context, q TimelineQuery) (Timeline, error)
}

// LeadConversationStore reads a lead's conversations, for the lead page.
type LeadConversationStore interface {
	// LeadConversations returns the conversations v may see that are
	// linked to the lead, most recently active first, at most limit.
	LeadConversations(ctx context.Context, v Viewer, leadID int64, limit int) ([]*Conversation, error)
}

// LeadConversion is what a lead becomes (转为客户): an existing customer
// and contact, or new ones made from the lead when nil.
type LeadConversion struct {
	CustomerID *int64 `json:"customer_id"` // nil: a new customer named after the lead's company (or name)
	ContactID  *int64 `json:"contact_id"`  // nil: a new contact from the lead's name, phone and email
}

// LeadConverter converts leads.
type LeadConverter interface {
	// ConvertLead makes a customer and a contact of lead id (or links the
	// chosen ones), moves the lead's conversations to them, marks the
	// lead converted and remembers where it went, all at once; the new
	// records take the lead's owner. It returns the conversion with both
	// ids. ENOTFOUND when v may not see the lead or a chosen record;
	// ECONFLICT when the lead is converted already; EINVALID when the
	// chosen contact is another customer's.
	ConvertLead(ctx context.Context, v Viewer, id int64, c LeadConversion) (LeadConversion, error)
	// LeadConverted returns where a converted lead went; both nil when it
	// was not converted.
	LeadConverted(ctx context.Context, id int64) (LeadConversion, error)
}
