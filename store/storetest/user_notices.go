package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunUserNotices checks users' WeChat links (a one-time code, one
// follower per user and one user per follower, revoked with an audit
// entry) and the notices' queue: each (user, key) once, leased by one
// caller at a time, and the notice settings kept.
func RunUserNotices(t *testing.T, open Opener) {
	t.Run("WeChatLinks", func(t *testing.T) { testWeChatLinks(t, open(t)) })
	t.Run("Queue", func(t *testing.T) { testUserNoticeQueue(t, open(t)) })
}

type userNoticeStore interface {
	crm.UserWeChatStore
	crm.UserNoticeStore
	crm.UserSettingsStore
}

func noticeStore(t *testing.T, s crm.Store) userNoticeStore {
	t.Helper()
	ns, ok := s.(userNoticeStore)
	if !ok {
		t.Fatal("the store does not keep user notices")
	}
	return ns
}

func testWeChatLinks(t *testing.T, s crm.Store) {
	w, ns := newWorld(t, s), noticeStore(t, s)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	code := func(u *crm.User, expires time.Time) string {
		c, hash, err := crm.NewBindCode()
		must(t, err)
		must(t, ns.SaveBindCode(ctx, u.ID, hash, expires))
		return crm.HashToken(c)
	}
	a1 := code(w.repA1, at.Add(time.Minute))
	l, err := ns.BindWeChat(ctx, a1, "wxA", "o-1", at)
	must(t, err)
	if l.UserID != w.repA1.ID || !l.SeenAt.Equal(at) {
		t.Fatalf("link %+v", l)
	}
	_, err = ns.BindWeChat(ctx, a1, "wxA", "o-2", at)
	wantCode(t, err, crm.ENOTFOUND) // spent
	_, err = ns.BindWeChat(ctx, code(w.repA2, at), "wxA", "o-2", at)
	wantCode(t, err, crm.ENOTFOUND) // expired
	_, err = ns.BindWeChat(ctx, code(w.repA2, at.Add(time.Hour)), "wxA", "o-1", at)
	wantCode(t, err, crm.ECONFLICT) // repA1's follower
	wantCode(t, ns.SaveBindCode(ctx, 9999, "x", at), crm.ENOTFOUND)

	seen, err := ns.StaffWeChat(ctx, "wxA", "o-1", at.Add(time.Hour), true)
	must(t, err)
	if !seen.SeenAt.Equal(at.Add(time.Hour)) {
		t.Errorf("seen at %v", seen.SeenAt)
	}
	if old, err := ns.StaffWeChat(ctx, "wxA", "o-1", at, true); err != nil || !old.SeenAt.Equal(at.Add(time.Hour)) {
		t.Errorf("an older push moved the window back: %+v %v", old, err)
	}
	// A new code moves repA1 to another follower; the old one is free.
	_, err = ns.BindWeChat(ctx, code(w.repA1, at.Add(time.Hour)), "wxA", "o-3", at)
	must(t, err)
	_, err = ns.StaffWeChat(ctx, "wxA", "o-1", at, false)
	wantCode(t, err, crm.ENOTFOUND)
	must(t, ns.RevokeWeChat(ctx, w.repA1.Viewer(), w.repA1.ID))
	_, err = ns.UserWeChat(ctx, w.repA1.ID)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, ns.RevokeWeChat(ctx, w.repA1.Viewer(), w.repA1.ID), crm.ENOTFOUND)
	audit, err := s.AuditOf(ctx, crm.Ref{Kind: crm.RefUser, ID: w.repA1.ID}, 10)
	must(t, err)
	if len(audit) != 3 || audit[0].Action != "user.wechat_revoke" {
		t.Errorf("audit %+v", audit)
	}
}

func testUserNoticeQueue(t *testing.T, s crm.Store) {
	w, ns := newWorld(t, s), noticeStore(t, s)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	n := &crm.UserNotice{UserID: w.repA1.ID, Key: "pool.warn:lead:1:2:3", Kind: crm.NoticePoolWarning, Title: "t",
		Text: "x", Link: "/leads/1", NextAt: at}
	fresh, err := ns.QueueUserNotice(ctx, n)
	must(t, err)
	again, err := ns.QueueUserNotice(ctx, &crm.UserNotice{UserID: w.repA1.ID, Key: n.Key, Kind: n.Kind, NextAt: at})
	must(t, err)
	if !fresh || again {
		t.Fatalf("queued: %v, again: %v", fresh, again)
	}
	due, err := ns.DueUserNotices(ctx, at, 10)
	must(t, err)
	if len(due) != 1 || due[0].ID != n.ID || due[0].Link != "/leads/1" {
		t.Fatalf("due %+v", due)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range 4 {
		wg.Go(func() {
			ok, err := ns.LeaseUserNotice(ctx, n.ID, at, at.Add(time.Minute))
			must(t, err)
			mu.Lock()
			won += map[bool]int{true: 1}[ok]
			mu.Unlock()
		})
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d callers leased the notice", won)
	}
	if due, _ := ns.DueUserNotices(ctx, at, 10); len(due) != 0 {
		t.Fatalf("a leased notice is due: %+v", due)
	}
	sent := at.Add(time.Second)
	n.State, n.Channel, n.Reason, n.Attempts, n.SentAt = crm.DeliverySent, crm.NoticeByEmail, crm.NoticeWhyNoWeChat, 1, &sent
	must(t, ns.FinishUserNotice(ctx, n))
	list, err := ns.ListUserNotices(ctx, w.repA1.ID, 10)
	must(t, err)
	if len(list) != 1 || list[0].State != crm.DeliverySent || list[0].Reason != crm.NoticeWhyNoWeChat {
		t.Fatalf("list %+v", list)
	}
	if ok, _ := ns.LeaseUserNotice(ctx, n.ID, at.Add(time.Hour), at.Add(2*time.Hour)); ok {
		t.Fatal("a sent notice was leased")
	}
	must(t, ns.SaveUserSettings(ctx, &crm.UserSettings{UserID: w.repA1.ID, NotifyPool: true, QuietStart: "22:00",
		QuietEnd: "07:00"}))
	st, err := ns.UserSettings(ctx, w.repA1.ID)
	must(t, err)
	same(t, "notice settings", *st, crm.UserSettings{UserID: w.repA1.ID, NotifyPool: true, QuietStart: "22:00", QuietEnd: "07:00"})
	wantFields(t, ns.SaveUserSettings(ctx, &crm.UserSettings{UserID: w.repA1.ID, QuietStart: "22:00"}), "quiet_start")
}
