package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// follower is a WeChat push from openid, threading by its sender.
func follower(openid, text string, at time.Time) *crm.Inbound {
	n := mailSeq.Add(1)
	return &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wxstore", ExternalID: fmt.Sprint("wx-", n),
		From:     crm.Address{Address: openid, Name: "微信用户 · " + openid[len(openid)-6:]},
		Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wxstore", Value: openid},
		Text:     text, ReceivedAt: at, SenderThread: true}
}

// testIngestFollower: a follower's messages, from two writers at once,
// make one lead and one conversation; a resolved conversation is reopened
// within the window and replaced after it, keeping the lead; an aside
// never starts one.
func testIngestFollower(t *testing.T, h *ingestHarness) {
	second := &ingestHarness{s: h.s, m: h.m, now: h.now} // another writer on the same store
	second.start(t, 0)
	const o = "oSTORE000000000000000000abc123"
	var wg sync.WaitGroup
	for i := range 20 {
		ing := []*ingestHarness{h, second}[i%2]
		wg.Go(func() {
			if _, err := ing.ing.Ingest(ctx, follower(o, fmt.Sprint("text ", i), h.now), nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	first := h.ingest(t, follower(o, "one more", h.now))
	inbox := h.s.(crm.InboxStore)
	convs, leads := followerCounts(t, h.s)
	same(t, "conversations", convs, 1)
	same(t, "leads", leads, 1)
	same(t, "messages", len(h.messages(t, first.ConversationID)), 21)
	_, err := inbox.SetStatus(ctx, crm.System, first.ConversationID, crm.ConvResolved, nil)
	must(t, err)
	aside := follower(o, "[menu link]", h.now.Add(time.Hour))
	aside.Aside, aside.Automated = true, true
	res := h.ingest(t, aside)
	same(t, "aside noted in", res.ConversationID, first.ConversationID)
	c, err := h.s.Conversation(ctx, crm.System, first.ConversationID)
	must(t, err)
	same(t, "status after an aside", c.Status, crm.ConvResolved)
	if c.LeadID == nil {
		t.Fatal("the follower's conversation has no lead")
	}
	res = h.ingest(t, follower(o, "back", h.now.Add(6*24*time.Hour)))
	same(t, "reopened", res.ConversationID, first.ConversationID)
	_, err = inbox.SetStatus(ctx, crm.System, first.ConversationID, crm.ConvResolved, nil)
	must(t, err)
	res = h.ingest(t, follower(o, "much later", h.now.Add(14*24*time.Hour)))
	if res.ConversationID == first.ConversationID || res.NewLead || res.LeadID != *c.LeadID {
		t.Errorf("past the window: %+v, want a new conversation with lead %d", res, *c.LeadID)
	}
	stranger := follower("oSTORE000000000000000000zzz999", "[location report]", h.now)
	stranger.Aside, stranger.Automated = true, true
	if res := h.ingest(t, stranger); !res.Skipped || res.MessageID != 0 {
		t.Errorf("a stranger's aside: %+v, want skipped", res)
	}
	convs, leads = followerCounts(t, h.s)
	same(t, "conversations at the end", convs, 2)
	same(t, "leads at the end", leads, 1)
}

func followerCounts(t *testing.T, s crm.Store) (convs, leads int) {
	t.Helper()
	p, err := s.(crm.InboxStore).Inbox(ctx, crm.InboxQuery{Viewer: crm.System, Channel: crm.ChannelWeChat, Limit: 100})
	must(t, err)
	l, err := s.ListLeads(ctx, crm.LeadFilter{Viewer: crm.System, Page: crm.Page{Limit: 100}})
	must(t, err)
	return len(p.Items), len(l.Items)
}

// testSenderThreadFirstWins: a sender's first thread is stored once; a
// second writer that also thought it first gets ECONFLICT.
func testSenderThreadFirstWins(t *testing.T, h *ingestHarness) {
	first := h.ingest(t, follower("oSTORE000000000000000000first1", "hi", h.now))
	if !first.NewLead {
		t.Fatalf("first message: %+v, want a new lead", first)
	}
	err := h.s.WithIngestTx(ctx, func(ctx context.Context, tx crm.IngestTx) error {
		st, err := tx.SenderThread(ctx, crm.ChannelWeChat, "wxstore", "oSTORE000000000000000000first1")
		if err != nil {
			return err
		}
		same(t, "thread", *st, crm.SenderThread{Channel: crm.ChannelWeChat, Account: "wxstore",
			Sender: "oSTORE000000000000000000first1", ConversationID: first.ConversationID, LeadID: first.LeadID})
		return tx.SaveSenderThread(ctx, st, true)
	})
	wantCode(t, err, crm.ECONFLICT)
}

// testFollowerNickname: a nickname WeChat gives later names the follower's
// lead; a name a rep gave stays.
func testFollowerNickname(t *testing.T, h *ingestHarness) {
	const o = "oSTORE000000000000000000nick01"
	res := h.ingest(t, follower(o, "hi", h.now))
	ws := h.s.(crm.WeChatStore)
	lead := func() *crm.Lead {
		l, err := h.s.Lead(ctx, crm.System, res.LeadID)
		must(t, err)
		return l
	}
	same(t, "name before", lead().Name, crm.WeChatFollowerName(o))
	must(t, ws.SaveWeChatUser(ctx, &crm.WeChatUser{AppID: "wxstore", OpenID: o, Nickname: "阿明", FetchedAt: &h.now}))
	l := lead()
	same(t, "name from the nickname", l.Name, "阿明")
	l.Name = "王女士"
	must(t, h.s.UpdateLead(ctx, crm.System, l))
	must(t, ws.SaveWeChatUser(ctx, &crm.WeChatUser{AppID: "wxstore", OpenID: o, Nickname: "阿明", FetchedAt: &h.now}))
	same(t, "a rep's name kept", lead().Name, "王女士")
}
