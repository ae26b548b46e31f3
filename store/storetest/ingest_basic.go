package storetest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func testIngestNewLead(t *testing.T, h *ingestHarness) {
	in := mail("wang.fang@qq.com", "询价：传感器 500 个", "你好，请报价。")
	res := h.ingest(t, in)
	if !res.NewConversation || !res.NewLead || res.LeadID == 0 || res.Duplicate {
		t.Fatalf("result %+v, want a new conversation and a new lead", res)
	}
	l, err := h.s.Lead(ctx, crm.System, res.LeadID)
	must(t, err)
	if l.Email != "wang.fang@qq.com" || l.Source.Channel != crm.ChannelEmail || l.OwnerID != nil {
		t.Errorf("lead %+v: want the sender's email, source email, in the pool", l)
	}
	msgs := h.messages(t, res.ConversationID)
	if len(msgs) != 1 || msgs[0].Text != in.Text || !hasLink(msgs[0].Links, crm.RefLead, l.ID) {
		t.Fatalf("messages %+v: want the one message linked to the lead", msgs)
	}
	raw, err := h.s.RawMessage(ctx, msgs[0].ID)
	must(t, err)
	same(t, "raw bytes", raw, in.Raw)
	h.mu.Lock()
	defer h.mu.Unlock()
	same(t, "events", h.events, []crm.Event{
		{Kind: crm.EventConversationNew, ConversationID: res.ConversationID},
		{Kind: crm.EventMessageNew, ConversationID: res.ConversationID, MessageID: res.MessageID, Channel: crm.ChannelEmail},
		{Kind: crm.EventLeadNew, ConversationID: res.ConversationID, LeadID: res.LeadID}})
}

// testIngestNewLeadLabelled: the tags an inbound message states (a web
// form's) label the lead it makes, in the same batch.
func testIngestNewLeadLabelled(t *testing.T, h *ingestHarness) {
	in := mail("zhao.lei@qq.com", "Contact us", "请联系我")
	in.Person.Tags = []string{"官网", "2026 展会"}
	res := h.ingest(t, in)
	l, err := h.s.Lead(ctx, crm.System, res.LeadID)
	must(t, err)
	same(t, "lead tags", l.Tags, in.Person.Tags)
	tagged, err := h.s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Tag: "2026 展会"})
	must(t, err)
	if len(tagged.Items) != 1 || tagged.Items[0].ID != l.ID {
		t.Fatalf("leads labelled 2026 展会: %+v, want #%d", tagged.Items, l.ID)
	}
}

func testIngestDuplicate(t *testing.T, h *ingestHarness) {
	in := mail("li.lei@163.com", "Hello", "first")
	first := h.ingest(t, in)
	again := h.ingest(t, in)
	if !again.Duplicate || again.MessageID != first.MessageID || again.ConversationID != first.ConversationID {
		t.Fatalf("second ingest %+v, want the first %+v marked duplicate", again, first)
	}
	if n := len(h.messages(t, first.ConversationID)); n != 1 {
		t.Fatalf("%d messages stored, want 1", n)
	}
	leads, err := h.s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System})
	must(t, err)
	if len(leads.Items) != 1 {
		t.Fatalf("%d leads, want 1", len(leads.Items))
	}
}

func testIngestConcurrentDuplicates(t *testing.T, h *ingestHarness) {
	in := mail("zhao@126.com", "三次投递", "同一封邮件")
	results := make([]*crm.IngestResult, 3)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			copyIn := *in
			res, err := h.ing.Ingest(ctx, &copyIn, nil)
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = res
		}()
	}
	wg.Wait()
	dups := 0
	for _, r := range results {
		if r == nil || r.MessageID != results[0].MessageID {
			t.Fatalf("results %+v: want one message id", results)
		}
		if r.Duplicate {
			dups++
		}
	}
	if dups != 2 || len(h.messages(t, results[0].ConversationID)) != 1 {
		t.Fatalf("%d duplicates, want 2 of 3 and one stored message", dups)
	}
}

func testIngestThreadReopen(t *testing.T, h *ingestHarness) {
	first := h.ingest(t, mail("chen@gmail.com", "Order question", "hi"))
	c, err := h.s.Conversation(ctx, crm.System, first.ConversationID)
	must(t, err)
	c.Status = crm.ConvResolved
	must(t, h.s.WithIngestTx(ctx, func(ctx context.Context, tx crm.IngestTx) error { return tx.UpdateConversation(ctx, c) }))

	reply := mail("chen@gmail.com", "Re: Order question", "one more thing")
	msgs := h.messages(t, first.ConversationID)
	reply.References = []string{"<m-unknown@elsewhere>", msgs[0].ExternalID}
	res := h.ingest(t, reply)
	if res.ConversationID != first.ConversationID || res.NewConversation || res.NewLead {
		t.Fatalf("reply %+v: want it threaded into conversation %d without a new lead", res, first.ConversationID)
	}
	c, err = h.s.Conversation(ctx, crm.System, first.ConversationID)
	must(t, err)
	if c.Status != crm.ConvOpen || len(h.messages(t, c.ID)) != 2 {
		t.Fatalf("conversation %+v: want it reopened with 2 messages", c)
	}
}

func testIngestKnownContact(t *testing.T, h *ingestHarness) {
	cust := &crm.Customer{Name: "深圳市华强电子有限公司", OwnerID: ptr(h.w.repA1.ID)}
	must(t, h.s.CreateCustomer(ctx, cust))
	ct := &crm.Contact{Name: "李伟", CustomerID: &cust.ID, Emails: []string{"li.wei@huaqiang.example"}}
	must(t, h.s.CreateContact(ctx, ct))
	res := h.ingest(t, mail("Li.Wei@HuaQiang.example", "报价单", "请查收"))
	if res.ContactID != ct.ID || res.CustomerID != cust.ID || res.NewLead {
		t.Fatalf("result %+v: want contact %d of customer %d and no lead", res, ct.ID, cust.ID)
	}
	if !hasLink(res.Links, crm.RefContact, ct.ID) {
		t.Fatalf("links %+v: want the contact with its rule", res.Links)
	}
	c, err := h.s.Conversation(ctx, crm.System, res.ConversationID)
	must(t, err)
	same(t, "assignee (the customer's owner: the contact has none)", c.AssigneeID, cust.OwnerID)
}

func testIngestAutomated(t *testing.T, h *ingestHarness) {
	in := mail("noreply@newsletter.example", "本周特惠", "unsubscribe")
	in.Automated = true
	res := h.ingest(t, in)
	if res.NewLead || res.LeadID != 0 {
		t.Fatalf("result %+v: automated mail must not make a lead", res)
	}
	msgs := h.messages(t, res.ConversationID)
	if len(msgs) != 1 || !msgs[0].Automated {
		t.Fatalf("messages %+v: want it stored, marked automated", msgs)
	}
}

// testIngestAttachments: attachment metadata, Content-IDs included, comes
// back with the message, whether it was written alone or in a batch (whose
// attachment ties are one multi-row insert).
func testIngestAttachments(t *testing.T, h *ingestHarness) {
	withFiles := func(in *crm.Inbound, cid string) *crm.Inbound {
		in.Attachments = []crm.Attachment{
			{SHA256: strings.Repeat("ab", 32), Name: "报价单.pdf", ContentType: "application/pdf", Size: 2048},
			{SHA256: strings.Repeat("cd", 32), Name: "image001.png", ContentType: "image/png", Size: 512, ContentID: cid},
		}
		return in
	}
	one := withFiles(mail("buyer@163.com", "图纸", "见附件"), "image001.png@01DA2B3C.4D5E6F70")
	res := h.ingest(t, one)
	ins := []*crm.Inbound{withFiles(mail("b1@163.com", "1", "a"), "part1.ABC@example.com"),
		withFiles(mail("b2@163.com", "2", "b"), "Part1.abc@example.com")}
	batch, errs := h.batch(t, ins, make([]*crm.Cursor, len(ins)))
	for i, err := range errs {
		must(t, err)
		h.wantAttachments(t, batch[i].ConversationID, ins[i].Attachments)
	}
	h.wantAttachments(t, res.ConversationID, one.Attachments)
}

// wantAttachments checks the one message of a conversation has want's
// attachments (the ids aside).
func (h *ingestHarness) wantAttachments(t *testing.T, convID int64, want []crm.Attachment) {
	t.Helper()
	msgs := h.messages(t, convID)
	if len(msgs) != 1 || len(msgs[0].Attachments) != len(want) {
		t.Fatalf("messages %+v: want one with %d attachments", msgs, len(want))
	}
	for i, a := range msgs[0].Attachments {
		w := want[i]
		if a.ID == 0 || a.SHA256 != w.SHA256 || a.Name != w.Name || a.Size != w.Size || a.ContentID != w.ContentID {
			t.Errorf("attachment %d = %+v, want %+v", i, a, w)
		}
	}
}
