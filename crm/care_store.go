package crm

import (
	"context"
	"time"
)

// CareOccurrence is what one plan did for one contact on one date: the
// unique key (PlanID, ContactID, OccursOn) makes it happen once.
type CareOccurrence struct {
	ID         int64     `json:"id"`
	PlanID     int64     `json:"plan_id"`
	PlanName   string    `json:"plan_name,omitempty"`
	ContactID  int64     `json:"contact_id"`
	OccursOn   Date      `json:"occurs_on"`
	CustomerID *int64    `json:"customer_id"`
	OrderID    *int64    `json:"order_id"`
	OwnerID    *int64    `json:"owner_id"`
	State      string    `json:"state"` // CareState*
	Channel    string    `json:"channel"`
	Reason     string    `json:"reason"` // why skipped, or the rung of the channel ladder used
	MessageID  *int64    `json:"message_id"`
	TaskID     *int64    `json:"task_id"`
	FollowUpID *int64    `json:"followup_id"`
	At         time.Time `json:"at"`
	// Delivery and DeliveryError are the outbox message's state, read
	// with the occurrence: a care send that failed shows the channel's
	// reason here.
	Delivery      string `json:"delivery,omitempty"`
	DeliveryError string `json:"delivery_error,omitempty"`
}

// CareRecipient is what a care send needs to know of a contact.
type CareRecipient struct {
	Contact      *Contact
	Customer     *Customer // nil for a contact on their own
	OwnerID      *int64    // the contact's owner, else the customer's
	OptedOut     bool
	TimeZone     string          // "": the plan's default
	WeChat       []*Conversation // the contact's WeChat conversations, latest first
	Email        []*Conversation // the contact's email conversations, latest first
	Unsubscribed map[string]bool // WeChat appid → the follower left the account
}

// LeftWeChat returns a WeChat account the contact unfollowed, or "". An
// unfollow is one of the opt-outs that every channel honours: the care
// message does not go on by email instead.
func (r *CareRecipient) LeftWeChat() string {
	for acct, gone := range r.Unsubscribed {
		if gone {
			return acct
		}
	}
	return ""
}

// CareOccurrenceFilter narrows ListCareOccurrences. Zero fields do not filter.
type CareOccurrenceFilter struct {
	PlanID     *int64
	ContactID  *int64
	CustomerID *int64
	OwnerID    *int64
	// Viewer, when set, keeps the occurrences whose owner it sees (a
	// manager: their team's and unowned ones), inside the query, so that
	// a page is full.
	Viewer *Viewer
	Limit  int
}

// CareStore keeps care plans, their occurrences and contacts' care settings.
type CareStore interface {
	// WithTx runs fn in one transaction (see sqlstore).
	WithTx(ctx context.Context, fn func(ctx context.Context) error) error
	// CreateCarePlan stores p. EINVALID.
	CreateCarePlan(ctx context.Context, p *CarePlan) error
	// UpdateCarePlan saves p. ENOTFOUND.
	UpdateCarePlan(ctx context.Context, p *CarePlan) error
	// CarePlan returns one plan. ENOTFOUND.
	CarePlan(ctx context.Context, id int64) (*CarePlan, error)
	// ListCarePlans returns every plan, or the enabled ones, by id.
	ListCarePlans(ctx context.Context, enabledOnly bool) ([]*CarePlan, error)
	// CareCandidates returns the contacts q reaches, by an indexed query.
	CareCandidates(ctx context.Context, q CareQuery) ([]CareCandidate, error)
	// CareRecipient returns what a send to a contact needs. ENOTFOUND.
	CareRecipient(ctx context.Context, contactID int64) (*CareRecipient, error)
	// RecordCareOccurrence stores o unless its key exists; false then.
	RecordCareOccurrence(ctx context.Context, o *CareOccurrence) (bool, error)
	// CareOccurrenceExists reports whether the key is taken.
	CareOccurrenceExists(ctx context.Context, planID, contactID int64, on Date) (bool, error)
	// CountCareSends counts the care messages queued to a contact since.
	CountCareSends(ctx context.Context, contactID int64, since time.Time) (int, error)
	// ListCareOccurrences returns occurrences, newest first.
	ListCareOccurrences(ctx context.Context, f CareOccurrenceFilter) ([]*CareOccurrence, error)
	// SetCareOptOut records (or lifts) a contact's opt-out. ENOTFOUND.
	SetCareOptOut(ctx context.Context, contactID int64, optedOut bool, reason string) error
	// SetCareTimeZone sets the IANA zone a contact's care is timed in
	// ("" for the default). ENOTFOUND.
	SetCareTimeZone(ctx context.Context, contactID int64, zone string) error
	// CareUnsubscribeToken returns the contact's unsubscribe token, made
	// on first use.
	CareUnsubscribeToken(ctx context.Context, contactID int64) (string, error)
	// OptOutByToken opts out the contact holding token. ENOTFOUND.
	OptOutByToken(ctx context.Context, token, reason string) (int64, error)
}

// CarePreviewItem is one send a plan would make: who, what, when.
type CarePreviewItem struct {
	OccursOn    Date   `json:"occurs_on"`
	DueAt       string `json:"due_at"` // local date and time in the contact's zone
	ContactID   int64  `json:"contact_id"`
	ContactName string `json:"contact_name"`
	Channel     string `json:"channel"`
	Subject     string `json:"subject,omitempty"`
	Text        string `json:"text"`
	Skip        string `json:"skip,omitempty"` // why it would not be sent
	PlanID      int64  `json:"plan_id"`
	PlanName    string `json:"plan_name"`
	OwnerID     *int64 `json:"owner_id"`
	CustomerID  *int64 `json:"customer_id"`
}

// CareUpcomingFilter narrows the calendar of upcoming care.
type CareUpcomingFilter struct {
	Days       int // from today; default 30, at most 366
	PlanID     *int64
	CustomerID *int64
	OwnerID    *int64
	Limit      int // default and at most 1000
}

// CarePlanner is what the web layer asks of the care behaviour.
type CarePlanner interface {
	// SavePlan validates p (an unknown template variable is EINVALID
	// naming it) and stores it. ENOTFOUND for an unknown id.
	SavePlan(ctx context.Context, v Viewer, p *CarePlan) error
	// Preview lists what p would send over the next days, from now.
	Preview(ctx context.Context, p *CarePlan, days int) ([]CarePreviewItem, error)
	// Upcoming is the calendar of what the enabled plans will do, by date.
	Upcoming(ctx context.Context, f CareUpcomingFilter) ([]CarePreviewItem, error)
}
