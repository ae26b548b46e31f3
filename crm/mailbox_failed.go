package crm

import (
	"context"
	"time"
)

// FailedMail is a message a mailbox's poller could not store after
// repeated tries. Its raw bytes are kept with the error, so that the
// folder's newer mail can pass it and nothing is lost: it can be retried.
type FailedMail struct {
	ID          int64     `json:"id"`
	MailboxID   int64     `json:"mailbox_id"`
	Folder      string    `json:"folder"`
	UIDValidity int64     `json:"uid_validity"`
	UID         int64     `json:"uid"`
	Raw         []byte    `json:"-"`
	Size        int64     `json:"size"`
	Error       string    `json:"error"`
	Attempts    int       `json:"attempts"`
	Retry       bool      `json:"retry"` // an admin asked for another try
	FailedAt    time.Time `json:"failed_at"`
}

// FailedMailStore keeps the messages pollers set aside.
type FailedMailStore interface {
	// SaveFailedMail records f (or, for the same mailbox, folder,
	// UIDVALIDITY and UID, updates its error and attempts and clears its
	// retry request) and sets its ID; Attempts adds to the stored count.
	// EINVALID (no such mailbox).
	SaveFailedMail(ctx context.Context, f *FailedMail) error
	// FailedMails returns a mailbox's failed messages, oldest first,
	// without their raw bytes; onlyRetry keeps those asked to be retried.
	FailedMails(ctx context.Context, mailboxID int64, onlyRetry bool) ([]*FailedMail, error)
	// FailedMail returns one failed message with its raw bytes. ENOTFOUND.
	FailedMail(ctx context.Context, id int64) (*FailedMail, error)
	// RetryFailedMails asks the poller to try a mailbox's failed messages
	// again (every one when id is 0) and reports how many. ENOTFOUND (id).
	RetryFailedMails(ctx context.Context, mailboxID, id int64) (int, error)
	// DeleteFailedMail removes one, once it is stored. ENOTFOUND.
	DeleteFailedMail(ctx context.Context, id int64) error
}
