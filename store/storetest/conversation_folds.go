package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// foldStore joins conversations and says where a folded one went.
type foldStore interface {
	CreateConversation(ctx context.Context, c *crm.Conversation) error
	JoinConversations(ctx context.Context, into, from int64) error
}

// RunConversationFolds checks that a folded conversation's id leads to the
// one that stayed, through later folds too, and that an id never folded
// leads nowhere.
func RunConversationFolds(t *testing.T, open Opener) {
	s := open(t)
	fs, ok := s.(foldStore)
	if !ok {
		t.Fatalf("%T cannot join conversations", s)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	conv := func(subject string) int64 {
		c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "sales@example.com", Subject: subject,
			Status: crm.ConvOpen, LastMessageAt: at, CreatedAt: at}
		must(t, fs.CreateConversation(ctx, c))
		return c.ID
	}
	a, b, c := conv("报价 (part 1)"), conv("报价 (part 2)"), conv("报价 (part 3)")
	must(t, fs.JoinConversations(ctx, b, a))
	if got, err := s.FoldedInto(ctx, a); err != nil || got != b {
		t.Fatalf("FoldedInto(%d) = %d, %v; want %d", a, got, err, b)
	}
	must(t, fs.JoinConversations(ctx, c, b))
	for _, from := range []int64{a, b} {
		if got, err := s.FoldedInto(ctx, from); err != nil || got != c {
			t.Errorf("after the second fold, FoldedInto(%d) = %d, %v; want %d", from, got, err, c)
		}
	}
	admin := crm.Viewer{Role: crm.RoleAdmin}
	if _, err := s.Conversation(ctx, admin, a); !crm.IsNotFound(err) {
		t.Errorf("the folded conversation itself: %v, want not found", err)
	}
	if _, err := s.FoldedInto(ctx, c); !crm.IsNotFound(err) {
		t.Errorf("FoldedInto of a conversation never folded: %v, want not found", err)
	}
}
