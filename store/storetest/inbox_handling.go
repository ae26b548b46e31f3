package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func testInboxAssign(t *testing.T, h *inboxWorld) {
	c := h.conv(t, crm.ChannelEmail, crm.ConvOpen, nil, "who takes this?")
	rep, repB, mgr := viewer(h.repA1), viewer(h.repB), viewer(h.mgrA)
	for _, tc := range []struct {
		name string
		v    crm.Viewer
		a    crm.Assignment
		code string
	}{
		{"rep gives to another", rep, crm.Assignment{AssigneeID: ptr(h.repA2.ID)}, crm.EFORBIDDEN},
		{"rep takes", rep, crm.Assignment{AssigneeID: ptr(h.repA1.ID), TeamID: h.repA1.TeamID}, ""},
		{"other team's rep no longer sees it", repB, crm.Assignment{AssigneeID: ptr(h.repB.ID)}, crm.ENOTFOUND},
		{"manager outside the team", mgr, crm.Assignment{AssigneeID: ptr(h.repB.ID)}, crm.EFORBIDDEN},
		{"manager inside the team", mgr, crm.Assignment{AssigneeID: ptr(h.repA2.ID), TeamID: h.repA2.TeamID}, ""},
		{"unknown user", crm.System, crm.Assignment{AssigneeID: ptr(int64(9999))}, crm.EINVALID},
		{"admin to the pool", crm.System, crm.Assignment{}, ""},
	} {
		got, err := h.ib.Assign(ctx, tc.v, c.ID, tc.a)
		if crm.ErrorCode(err) != tc.code {
			t.Fatalf("%s: error %v, want code %q", tc.name, err, tc.code)
		}
		if tc.code == "" {
			same(t, tc.name+": assignee", got.AssigneeID, tc.a.AssigneeID)
			same(t, tc.name+": team", got.TeamID, tc.a.TeamID)
		}
	}
	trail, err := h.s.AuditOf(ctx, crm.Ref{Kind: crm.RefConversation, ID: c.ID}, 10)
	must(t, err)
	same(t, "audited assignments", len(trail), 3)
}

func testInboxStatus(t *testing.T, h *inboxWorld) {
	c := h.conv(t, crm.ChannelWeChat, crm.ConvOpen, h.repA1, "later please")
	soon := time.Now().Add(time.Hour)
	_, err := h.ib.SetStatus(ctx, viewer(h.repA1), c.ID, crm.ConvSnoozed, nil)
	wantFields(t, err, "snoozed_until")
	_, err = h.ib.SetStatus(ctx, viewer(h.repA1), c.ID, "asleep", nil)
	wantFields(t, err, "status")
	_, err = h.ib.SetStatus(ctx, viewer(h.repB), c.ID, crm.ConvResolved, nil)
	wantCode(t, err, crm.ENOTFOUND)
	got, err := h.ib.SetStatus(ctx, viewer(h.repA1), c.ID, crm.ConvSnoozed, &soon)
	must(t, err)
	same(t, "snoozed", got.Status, crm.ConvSnoozed)
	same(t, "until", *got.SnoozedUntil, stored(soon))
	counts, err := h.ib.InboxCounts(ctx, crm.InboxQuery{Viewer: viewer(h.repA1)})
	must(t, err)
	same(t, "snoozed count", counts.Statuses[crm.ConvSnoozed], 1)
	// A snooze that has run out wakes the conversation up, open.
	past := time.Now().Add(-time.Minute)
	got.SnoozedUntil = &past
	must(t, h.cw.UpdateConversation(ctx, got))
	ids := h.ids(t, crm.InboxQuery{Viewer: viewer(h.repA1), Status: crm.ConvOpen})
	same(t, "woken up", ids, []int64{c.ID})
	got, err = h.ib.SetStatus(ctx, viewer(h.repA1), c.ID, crm.ConvResolved, &soon)
	must(t, err)
	same(t, "resolved clears the snooze", got.SnoozedUntil, (*time.Time)(nil))
	// Each change is audited with its actor, newest first; refusals are not.
	trail, err := h.s.AuditOf(ctx, crm.Ref{Kind: crm.RefConversation, ID: c.ID}, 10)
	must(t, err)
	same(t, "audited status changes", len(trail), 2)
	same(t, "last change", trail[0].Action+" "+trail[0].Detail, "conversation.status resolved")
	same(t, "its actor", *trail[0].ActorID, h.repA1.ID)
	same(t, "the snooze", trail[1].Detail, "snoozed until "+stored(soon).UTC().Format(time.RFC3339))
}

func testInboxLabelsNotes(t *testing.T, h *inboxWorld) {
	c := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repA1, "label me")
	got, err := h.ib.SetLabels(ctx, viewer(h.repA1), c.ID, []string{" VIP ", "退款", "VIP", ""})
	must(t, err)
	same(t, "labels", got.Labels, []string{"VIP", "退款"})
	_, err = h.ib.SetLabels(ctx, viewer(h.repB), c.ID, []string{"x"})
	wantCode(t, err, crm.ENOTFOUND)
	all, err := h.ib.Labels(ctx, viewer(h.repA1))
	must(t, err)
	same(t, "labels in use", all, []string{"VIP", "退款"})
	testLabelsVisible(t, h)
	got, err = h.ib.SetLabels(ctx, viewer(h.repA1), c.ID, []string{"退款"})
	must(t, err)
	same(t, "replaced", h.ids(t, crm.InboxQuery{Viewer: crm.System, Label: "VIP"}), []int64{})

	n := &crm.Note{ConversationID: c.ID, Text: "  客户很着急，今天回电  "}
	must(t, h.ib.AddNote(ctx, viewer(h.repA1), n))
	same(t, "note author", n.AuthorName, h.repA1.Name)
	wantCode(t, h.ib.AddNote(ctx, viewer(h.repB), &crm.Note{ConversationID: c.ID, Text: "x"}), crm.ENOTFOUND)
	wantFields(t, h.ib.AddNote(ctx, viewer(h.repA1), &crm.Note{ConversationID: c.ID, Text: " "}), "text")
	notes, err := h.ib.Notes(ctx, viewer(h.mgrA), c.ID)
	must(t, err)
	same(t, "notes", len(notes), 1)
	same(t, "note text", notes[0].Text, "客户很着急，今天回电")
	_, err = h.ib.Notes(ctx, viewer(h.repB), c.ID)
	wantCode(t, err, crm.ENOTFOUND)

	cr := &crm.CannedReply{Title: "问候", Text: "您好，感谢您的来信！", CreatedBy: ptr(h.admin.ID)}
	must(t, h.ib.CreateCannedReply(ctx, cr))
	wantFields(t, h.ib.CreateCannedReply(ctx, &crm.CannedReply{}), "title", "text")
	crs, err := h.ib.CannedReplies(ctx)
	must(t, err)
	same(t, "canned", len(crs), 1)
	same(t, "canned text", crs[0].Text, cr.Text)
	must(t, h.ib.DeleteCannedReply(ctx, cr.ID))
	wantCode(t, h.ib.DeleteCannedReply(ctx, cr.ID), crm.ENOTFOUND)
}

func testInboxAttachment(t *testing.T, h *inboxWorld) {
	c := h.conv(t, crm.ChannelEmail, crm.ConvOpen, h.repA1)
	a := crm.Attachment{SHA256: sha("pdf"), Name: "报价单.pdf", ContentType: "application/pdf", Size: 3,
		ContentID: "<odd> id@x"} // angle brackets inside are the sender's business
	m := &crm.Message{ConversationID: c.ID, Channel: c.Channel, Account: c.Account, Direction: crm.DirectionIn,
		ExternalID: "with-file", Text: "see attached", Attachments: []crm.Attachment{a}, SentAt: h.t0, CreatedAt: h.t0}
	must(t, h.cw.CreateMessage(ctx, m, nil))
	id := m.Attachments[0].ID
	got, err := h.ib.MessageAttachment(ctx, viewer(h.repA1), id)
	must(t, err)
	same(t, "attachment", got, &m.Attachments[0])
	_, err = h.ib.MessageAttachment(ctx, viewer(h.repB), id)
	wantCode(t, err, crm.ENOTFOUND)
	msg, err := h.ib.InboxMessage(ctx, viewer(h.repA1), m.ID)
	must(t, err)
	same(t, "message with its files", msg.Attachments, m.Attachments)
	_, err = h.ib.InboxMessage(ctx, viewer(h.repB), m.ID)
	wantCode(t, err, crm.ENOTFOUND)
}
