package crm

import (
	"context"
	"time"
)

// Reminder kinds: what is due.
const (
	RemindFollowUp    = "follow_up"    // a follow-up's next step (next_at)
	RemindTask        = "task"         // an open task's due time
	RemindInstalment  = "instalment"   // an unpaid payment-plan instalment's due date
	RemindContractEnd = "contract_end" // an active contract's end date
	RemindSnooze      = "snooze"       // a snoozed conversation waking up
)

// Reminder is one thing due for its owner, with the record it concerns.
type Reminder struct {
	Kind    string    `json:"kind"`
	Ref     Ref       `json:"ref"` // the follow-up, task, order or conversation
	Title   string    `json:"title"`
	DueAt   time.Time `json:"due_at"` // dates are due at their start in the server's care zone
	OwnerID int64     `json:"owner_id"`
}

// ReminderQuery asks for one owner's reminders due before Before; dates
// (instalments, contract ends) are read as days starting in Zone.
type ReminderQuery struct {
	OwnerID int64
	Before  time.Time
	Zone    *time.Location
	// ContractDays brings a contract's end forward: it is due that many
	// days before the end date (default 30).
	ContractDays int
	Limit        int
}

// ReminderStore finds what is due, by indexed queries on each source.
type ReminderStore interface {
	// Reminders returns q's reminders, earliest due first.
	Reminders(ctx context.Context, q ReminderQuery) ([]Reminder, error)
	// OverdueFollowUps returns follow-ups whose next step was due before
	// before and that no later follow-up on the same record has answered,
	// with the manager of their maker's team (nil: none).
	OverdueFollowUps(ctx context.Context, before time.Time, limit int) ([]OverdueFollowUp, error)
	// RecordEscalation stores the unique key (follow-up, level) of an
	// escalation; false when it exists (another instance did it).
	RecordEscalation(ctx context.Context, followUpID int64, level int, taskID int64, at time.Time) (bool, error)
}

// OverdueFollowUp is a follow-up whose next step is late.
type OverdueFollowUp struct {
	FollowUp  *FollowUp
	ManagerID *int64
}
