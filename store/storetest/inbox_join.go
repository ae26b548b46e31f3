package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// joiner is the store's JoinConversations (crm.IngestTx has it too).
type joiner interface {
	JoinConversations(ctx context.Context, into, from int64) error
	ConversationByReference(ctx context.Context, channel, account, ref string) (int64, error)
	AddReferences(ctx context.Context, channel, account string, conversationID int64, refs []string) error
}

// testInboxJoin folds one conversation into another (one thread that mail
// arriving out of order split): messages, references, notes and labels
// move, shared labels stay once, and the emptied conversation is gone.
func testInboxJoin(t *testing.T, h *inboxWorld) {
	j, ok := h.s.(joiner)
	if !ok {
		t.Skip("store cannot join conversations")
	}
	into := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repA1, "first half")
	from := h.conv(t, crm.ChannelEmail, crm.ConvOpen, nil, "second half", "and more")
	must(t, j.AddReferences(ctx, crm.ChannelEmail, "acct", from.ID, []string{"later@x.example"}))
	_, err := h.ib.SetLabels(ctx, crm.System, into.ID, []string{"VIP"})
	must(t, err)
	_, err = h.ib.SetLabels(ctx, crm.System, from.ID, []string{"VIP", "发票"})
	must(t, err)
	must(t, h.ib.AddNote(ctx, viewer(h.admin), &crm.Note{ConversationID: from.ID, Text: "看这里"}))

	must(t, j.JoinConversations(ctx, into.ID, from.ID))

	msgs, err := h.s.Messages(ctx, crm.System, into.ID, crm.Page{Limit: 10})
	must(t, err)
	same(t, "messages joined", len(msgs.Items), 3)
	ref, err := j.ConversationByReference(ctx, crm.ChannelEmail, "acct", "later@x.example")
	must(t, err)
	same(t, "reference moved", ref, into.ID)
	notes, err := h.ib.Notes(ctx, crm.System, into.ID)
	must(t, err)
	same(t, "note moved", len(notes), 1)
	same(t, "labels joined", sortedStrings(h.labelsOf(t, into.ID)), []string{"VIP", "发票"})
	_, err = h.s.Conversation(ctx, crm.System, from.ID)
	wantCode(t, err, crm.ENOTFOUND)
}

// labelsOf lists the labels a conversation is found under.
func (h *inboxWorld) labelsOf(t *testing.T, id int64) []string {
	t.Helper()
	all, err := h.ib.Labels(ctx, crm.System)
	must(t, err)
	var out []string
	for _, l := range all {
		if slices.Contains(h.ids(t, crm.InboxQuery{Viewer: crm.System, Label: l}), id) {
			out = append(out, l)
		}
	}
	return out
}

func sortedStrings(l []string) []string { slices.Sort(l); return l }
