package crm

import "context"

// ConversationStore reads conversations and messages, and keeps the
// settings of ingest: adapter cursors and lead assignment rules.
type ConversationStore interface {
	// Conversation returns a conversation v may see. ENOTFOUND.
	Conversation(ctx context.Context, v Viewer, id int64) (*Conversation, error)
	// FoldedInto returns the conversation a folded one (a split thread
	// joined again) was folded into, following later folds. ENOTFOUND for
	// an id never folded.
	FoldedInto(ctx context.Context, id int64) (int64, error)
	// Messages returns a page of a conversation's messages, oldest first,
	// with their links. ENOTFOUND for a conversation v cannot see.
	Messages(ctx context.Context, v Viewer, conversationID int64, p Page) (List[*Message], error)
	// FindMessages returns a page of the messages f.Viewer may see (those
	// of conversations it may see), newest first, with their links. EINVALID.
	FindMessages(ctx context.Context, f MessageFilter) (List[*Message], error)
	// RawMessage returns the bytes a message arrived as. ENOTFOUND.
	RawMessage(ctx context.Context, messageID int64) ([]byte, error)
	// Cursor returns an adapter's saved position. ENOTFOUND before the first.
	Cursor(ctx context.Context, channel, account, name string) (Cursor, error)
	// SetAssignmentRule sets a team's lead round robin. EINVALID.
	SetAssignmentRule(ctx context.Context, r AssignmentRule) error
}
