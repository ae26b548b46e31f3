package crm

import (
	"context"
	"time"
)

// AuditEntry records who changed what, for the changes that must be
// traceable: merges, re-links, ownership moves, logins.
type AuditEntry struct {
	ID      int64     `json:"id"`
	ActorID *int64    `json:"actor_id"` // nil: Rapport itself
	Action  string    `json:"action"`   // e.g. "customer.update", "lead.claim"
	Subject Ref       `json:"subject"`
	Detail  string    `json:"detail"` // a short human-readable note, never a secret
	At      time.Time `json:"at"`
}

// AuditStore keeps the audit trail.
type AuditStore interface {
	// Audit appends an entry and sets its ID and At.
	Audit(ctx context.Context, e *AuditEntry) error
	// AuditOf returns the entries about a record, newest first.
	AuditOf(ctx context.Context, r Ref, limit int) ([]*AuditEntry, error)
}

// Store is everything a Rapport database keeps. Both store packages
// implement it; each consumer asks only for the parts it needs.
type Store interface {
	UserStore
	CustomerStore
	ContactStore
	LeadStore
	OrderStore
	PaymentStore
	TaskStore
	FollowUpStore
	AttachmentStore
	AuditStore
	ConversationStore
	IngestStore
	ReviewStore
	OutboxStore
	LeaseStore
	PoolStore
	RevisitStore
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}
