package crm

import (
	"context"
	"strings"
)

// ReviewItem is a conversation the matcher could not link with certainty,
// with the records its rules pointed at.
type ReviewItem struct {
	Conversation *Conversation `json:"conversation"`
	Candidates   []Candidate   `json:"candidates"`
}

// Relink says which records a reviewed conversation belongs to. A rep may
// pick a candidate (confirm) or any record they can see (re-link).
type Relink struct {
	ConversationID int64  `json:"conversation_id"`
	ContactID      *int64 `json:"contact_id"`
	CustomerID     *int64 `json:"customer_id"`
	LeadID         *int64 `json:"lead_id"`
	Note           string `json:"note"`
}

// DupQuery is a duplicate check (查重) or a public search (公共检索): any of
// its fields may be empty. Query is the search box: an email, a phone, or a
// fragment (at least two characters) of a lead's or customer's name or company.
type DupQuery struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Company string `json:"company"`
	Query   string `json:"q"`
}

// Empty reports whether q asks nothing.
func (q DupQuery) Empty() bool {
	return strings.TrimSpace(q.Name+q.Phone+q.Email+q.Company+q.Query) == ""
}

// Merge names the record that stays and the one folded into it.
type Merge struct {
	SurvivorID int64 `json:"survivor_id"`
	MergedID   int64 `json:"merged_id"`
}

// Validate checks that two different records are named.
func (m Merge) Validate() error {
	p := Problems{}
	if m.SurvivorID <= 0 {
		p.Add("survivor_id", "is required")
	}
	if m.MergedID <= 0 {
		p.Add("merged_id", "is required")
	}
	if m.SurvivorID == m.MergedID && m.SurvivorID > 0 {
		p.Add("merged_id", "must differ from the survivor")
	}
	return p.Err()
}

// ReviewStore keeps the review queue, the duplicate check and merges. Every
// change it makes is audited with the actor's id.
type ReviewStore interface {
	// ReviewQueue returns the conversations v may see that need review,
	// oldest first.
	ReviewQueue(ctx context.Context, v Viewer, p Page) (List[*ReviewItem], error)
	// ResolveReview links a conversation and its messages to the chosen
	// records and clears its review flag. ENOTFOUND (conversation or a
	// record v cannot see), EINVALID (nothing chosen).
	ResolveReview(ctx context.Context, v Viewer, r Relink) (*Conversation, error)
	// FindDuplicates returns the leads, contacts and customers (whoever
	// owns them) that match any field of q, each with the rule and value
	// that matched, its owner and whether v may open it; those v may not
	// see are masked (DupMatch). EINVALID for an empty query.
	FindDuplicates(ctx context.Context, v Viewer, q DupQuery) ([]DupMatch, error)
	// MergeContacts folds one contact into another: emails, phones,
	// identities, conversations, message links, orders signed, tasks and
	// follow-ups move to the survivor; the merged contact is deleted.
	// ENOTFOUND, EINVALID.
	MergeContacts(ctx context.Context, v Viewer, m Merge) (*Contact, error)
	// MergeCustomers folds one customer into another: contacts, orders,
	// conversations, message links, tasks, follow-ups and tags move.
	MergeCustomers(ctx context.Context, v Viewer, m Merge) (*Customer, error)
}
