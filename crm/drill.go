package crm

import (
	"context"
	"time"
)

// LeadOrigin names the leads behind a funnel row: created in [From, To),
// from this channel, web form, UTM campaign or WeChat QR scene (each only
// when not empty). An order list with OrderFilter.FirstOf holds the first
// sale ever (active or completed, earliest sales day, then id) of each
// customer such a lead, visible to the viewer, was converted into: the
// funnel's first orders.
type LeadOrigin struct {
	From, To                            *time.Time
	Channel, Form, UTMCampaign, QRScene string
}

// SentMessage is one message a person sent (outbound, with an author), as
// the workload report counts it: seen by its author's visibility.
type SentMessage struct {
	ID             int64     `json:"id"`
	ConversationID int64     `json:"conversation_id"`
	Channel        string    `json:"channel"`
	AuthorID       int64     `json:"author_id"`
	SentAt         time.Time `json:"sent_at"`
	Subject        string    `json:"subject"`
	Snippet        string    `json:"snippet"` // the text's first 200 characters
}

// SentFilter narrows SentMessages: sent in [From, To), by this author or
// a member of this team.
type SentFilter struct {
	Viewer           Viewer
	AuthorID, TeamID *int64
	From, To         *time.Time
	Page             Page
}

// InstalmentFilter narrows Instalments (payment plans, seen through their
// order): due on DueFrom…DueTo (inclusive), on orders this user or a
// member of this team owns, of this customer; Open: not paid in full;
// OverdueOn: not paid in full and due before that day.
type InstalmentFilter struct {
	Viewer                      Viewer
	DueFrom, DueTo, OverdueOn   *Date
	OwnerID, TeamID, CustomerID *int64
	Open                        bool
	Page                        Page
}

// InstalmentTotals sums what an InstalmentFilter selects: how many, the
// money planned and what of it is still to be paid.
type InstalmentTotals struct {
	Count       int64 `json:"count"`
	Planned     Money `json:"planned"`
	Outstanding Money `json:"outstanding"`
}

// DrillStore holds the lists behind report figures that no record list
// covers: follow-ups by period, messages sent, instalments by due day.
// Every method sees only what f.Viewer may see, as the reports count.
type DrillStore interface {
	// CountFollowUps counts what f selects, ignoring its page.
	CountFollowUps(ctx context.Context, f FollowUpFilter) (int64, error)
	// SentMessages returns a page of messages people sent, newest first.
	SentMessages(ctx context.Context, f SentFilter) (List[*SentMessage], error)
	// CountSentMessages counts what f selects, ignoring its page.
	CountSentMessages(ctx context.Context, f SentFilter) (int64, error)
	// Instalments returns a page of instalments, newest first.
	Instalments(ctx context.Context, f InstalmentFilter) (List[*PaymentPlan], error)
	// SumInstalments totals what f selects, ignoring its page.
	SumInstalments(ctx context.Context, f InstalmentFilter) (InstalmentTotals, error)
}
