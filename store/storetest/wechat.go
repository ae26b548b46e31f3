package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunWeChat is the WeChat store's conformance suite: accounts, the shared
// access token and its lease, followers and media downloads.
func RunWeChat(t *testing.T, open Opener, m crm.MatchDecider) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s crm.Store, ws crm.WeChatStore)
	}{
		{"Accounts", testWeChatAccounts},
		{"TokenLease", testWeChatTokenLease},
		{"Users", testWeChatUsers},
	}
	for _, tt := range tests {
		t.Run("WeChat/"+tt.name, func(t *testing.T) {
			s := open(t)
			tt.fn(t, s, s.(crm.WeChatStore))
		})
	}
	t.Run("WeChat/Media", func(t *testing.T) { testWeChatMedia(t, open, m) })
}

func wechatAccount(appID string) *crm.WeChatAccount {
	return &crm.WeChatAccount{AppID: appID, Name: "Shop", AppSecret: "secret", Token: "tok",
		EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", Mode: crm.WeChatSafe,
		Templates: map[string]crm.WeChatTemplate{"care": {ID: "tpl1", Fields: map[string]string{"first": "text"}}}}
}

func testWeChatAccounts(t *testing.T, _ crm.Store, ws crm.WeChatStore) {
	a := wechatAccount("wx1")
	must(t, ws.CreateWeChatAccount(ctx, a))
	wantCode(t, ws.CreateWeChatAccount(ctx, wechatAccount("wx1")), crm.ECONFLICT)
	wantFields(t, ws.CreateWeChatAccount(ctx, &crm.WeChatAccount{AppID: "wx 2", Mode: "loud"}),
		"app_id", "app_secret", "token", "mode")
	got, err := ws.WeChatAccount(ctx, "wx1")
	must(t, err)
	same(t, "account", got, a)
	a.Mode, a.Templates = crm.WeChatPlain, nil
	must(t, ws.UpdateWeChatAccount(ctx, a))
	got, err = ws.WeChatAccount(ctx, "wx1")
	must(t, err)
	same(t, "mode", got.Mode, crm.WeChatPlain)
	same(t, "templates", len(got.Templates), 0)
	_, err = ws.WeChatAccount(ctx, "nope")
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, ws.UpdateWeChatAccount(ctx, wechatAccount("nope")), crm.ENOTFOUND)
	all, err := ws.WeChatAccounts(ctx)
	must(t, err)
	same(t, "accounts", len(all), 1)
}

func testWeChatTokenLease(t *testing.T, _ crm.Store, ws crm.WeChatStore) {
	must(t, ws.CreateWeChatAccount(ctx, wechatAccount("wx1")))
	now := aTime(0)
	tok, err := ws.WeChatToken(ctx, "wx1")
	must(t, err)
	same(t, "empty token", tok.Token, "")
	won, err := ws.LeaseWeChatToken(ctx, "wx1", "", "a", now, now.Add(time.Minute))
	must(t, err)
	lost, err := ws.LeaseWeChatToken(ctx, "wx1", "", "b", now, now.Add(time.Minute))
	must(t, err)
	same(t, "leases", []bool{won, lost}, []bool{true, false})
	must(t, ws.SaveWeChatToken(ctx, &crm.WeChatToken{AppID: "wx1", Token: "T1", ExpiresAt: now.Add(time.Hour)}, "a"))
	tok, err = ws.WeChatToken(ctx, "wx1")
	must(t, err)
	same(t, "token", *tok, crm.WeChatToken{AppID: "wx1", Token: "T1", ExpiresAt: stored(now.Add(time.Hour))})
	// b still holds the stale "" token: someone replaced it, so no lease.
	lost, err = ws.LeaseWeChatToken(ctx, "wx1", "", "b", now, now.Add(time.Minute))
	must(t, err)
	won, err = ws.LeaseWeChatToken(ctx, "wx1", "T1", "b", now, now.Add(time.Minute))
	must(t, err)
	same(t, "after save", []bool{lost, won}, []bool{false, true})
	// A lease that ran out (its holder died) is granted again.
	won, err = ws.LeaseWeChatToken(ctx, "wx1", "T1", "c", now.Add(2*time.Minute), now.Add(3*time.Minute))
	must(t, err)
	same(t, "expired lease taken over", won, true)
	_, err = ws.WeChatToken(ctx, "nope")
	wantCode(t, err, crm.ENOTFOUND)
}

func testWeChatUsers(t *testing.T, _ crm.Store, ws crm.WeChatStore) {
	_, err := ws.WeChatUser(ctx, "wx1", "o1")
	wantCode(t, err, crm.ENOTFOUND)
	at := stored(aTime(1))
	must(t, ws.SetWeChatSubscribed(ctx, "wx1", "o1", false, at))
	must(t, ws.SaveWeChatUser(ctx, &crm.WeChatUser{AppID: "wx1", OpenID: "o1", UnionID: "u1", Nickname: "小明", FetchedAt: &at}))
	u, err := ws.WeChatUser(ctx, "wx1", "o1")
	must(t, err)
	same(t, "user", *u, crm.WeChatUser{AppID: "wx1", OpenID: "o1", UnionID: "u1", Nickname: "小明",
		Unsubscribed: true, UnsubscribedAt: &at, FetchedAt: &at})
	must(t, ws.SetWeChatSubscribed(ctx, "wx1", "o1", true, at))
	u, err = ws.WeChatUser(ctx, "wx1", "o1")
	must(t, err)
	same(t, "resubscribed", []any{u.Unsubscribed, u.UnsubscribedAt == nil, u.UnionID}, []any{false, true, "u1"})
}

func testWeChatMedia(t *testing.T, open Opener, m crm.MatchDecider) {
	h := newIngestHarness(t, open(t), m, 0)
	ws := h.s.(crm.WeChatStore)
	res := h.ingest(t, &crm.Inbound{Channel: crm.ChannelWeChat, Account: "wx1", ExternalID: "1",
		From: crm.Address{Address: "o1"}, Identity: &crm.Identity{Kind: crm.IdentityWeChat, Key: "wx1", Value: "o1"},
		Text: "[image]", ReceivedAt: aTime(0)})
	md := &crm.WeChatMedia{AppID: "wx1", MessageID: res.MessageID, MediaID: "M1", Kind: "image"}
	must(t, ws.QueueWeChatMedia(ctx, md))
	wantCode(t, ws.QueueWeChatMedia(ctx, &crm.WeChatMedia{AppID: "wx1", MessageID: res.MessageID, MediaID: "M1",
		Kind: "image"}), crm.ECONFLICT)
	pending, err := ws.WeChatMediaByState(ctx, crm.MediaPending, 10)
	must(t, err)
	same(t, "pending", len(pending), 1)
	md.State, md.Attempts, md.Error = crm.MediaFailed, 3, "40007 invalid media_id"
	must(t, ws.FinishWeChatMedia(ctx, md))
	failed, err := ws.WeChatMediaByState(ctx, crm.MediaFailed, 10)
	must(t, err)
	same(t, "failed", []any{len(failed), failed[0].Attempts, failed[0].Error}, []any{1, 3, "40007 invalid media_id"})
}
