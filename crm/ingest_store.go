package crm

import (
	"context"
)

// IngestStore is the store side of Ingest.
type IngestStore interface {
	// WithIngestTx runs fn in one write transaction and commits when fn
	// returns nil. Everything fn wrote is durable when it returns nil.
	// Calls made with the ctx that fn receives belong to the transaction.
	// A failed call inside it may leave partial writes: fn must return the
	// error, and the whole batch is rolled back.
	WithIngestTx(ctx context.Context, fn func(ctx context.Context, tx IngestTx) error) error
}

// IngestTx is what Ingest reads and writes inside its transaction.
type IngestTx interface {
	MatchReader
	// MessageByExternalID finds an already ingested message by its dedupe
	// key. ENOTFOUND.
	MessageByExternalID(ctx context.Context, channel, account, externalID string) (*Message, error)
	// SentMessage finds the outbound message we sent under the channel's
	// id for it (an email's Message-ID). ENOTFOUND.
	SentMessage(ctx context.Context, channel, account, channelRef string) (*Message, error)
	// Conversation returns a conversation v may see. ENOTFOUND.
	Conversation(ctx context.Context, v Viewer, id int64) (*Conversation, error)
	// CreateConversation stores c and sets its ID.
	CreateConversation(ctx context.Context, c *Conversation) error
	// JoinConversations folds conversation from into into: its messages,
	// references, notes, labels and outbox entries move, and it is deleted.
	JoinConversations(ctx context.Context, into, from int64) error
	// UpdateConversation saves c's status, links, review flag and times.
	UpdateConversation(ctx context.Context, c *Conversation) error
	// CreateMessage stores m with its raw bytes, its links and attachments.
	// ECONFLICT when its dedupe key exists.
	CreateMessage(ctx context.Context, m *Message, raw []byte) error
	// AddReferences records thread references that lead to a conversation.
	AddReferences(ctx context.Context, channel, account string, conversationID int64, refs []string) error
	// SetReviewCandidates replaces a conversation's review candidates.
	SetReviewCandidates(ctx context.Context, conversationID int64, c []Candidate) error
	// CreateContact and CreateLead store new records (as the CRUD stores do).
	CreateContact(ctx context.Context, c *Contact) error
	CreateLead(ctx context.Context, l *Lead) error
	// NextAssignee picks the rep of a team's round robin who is under the
	// open-lead cap, and advances the round; nil when all are at the cap or
	// the team has no rule.
	NextAssignee(ctx context.Context, teamID int64) (*int64, error)
	// SaveCursor stores an adapter's position.
	SaveCursor(ctx context.Context, c Cursor) error
	SenderThreadStore
}

// IngestPrefetcher is an IngestTx that reads ahead: told a batch's messages
// before they are applied, it reads what they will look up (dedupe keys,
// thread references, sender addresses) in a few queries for the batch,
// rather than a few per message. Reads stay as they were: answers reflect
// what the batch wrote before them.
type IngestPrefetcher interface {
	Prefetch(ctx context.Context, batch []*Inbound) error
}

// AssignmentRule is a team's round robin for new leads: each enabled rep of
// the team in turn, skipping reps who hold LeadCap open leads or more.
type AssignmentRule struct {
	TeamID  int64 `json:"team_id"`
	LeadCap int   `json:"lead_cap"`
}
