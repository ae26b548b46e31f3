package wechat_test

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestMediaDownloadedAndAttached(t *testing.T) {
	e := newEnv(t)
	e.api.Media["MEDIA1"] = []byte("\xff\xd8 a picture")
	if status, _ := e.post(t, push("image", pushVars{From: "o1", ID: "201", At: e.clock.Unix(), Media: "MEDIA1"})); status != 200 {
		t.Fatal("push refused")
	}
	_, res := e.ing.last("o1")
	var got []*crm.Attachment
	eventually(t, "attachment", func() bool {
		var err error
		got, err = e.db.AttachmentsOf(ctx, crm.Ref{Kind: crm.RefMessage, ID: res.MessageID})
		check(t, err)
		return len(got) == 1
	})
	if got[0].Size != int64(len(e.api.Media["MEDIA1"])) || got[0].ContentType != "image/jpeg" {
		t.Errorf("attachment %+v", got[0])
	}
	// An unknown media id fails after its tries, visibly.
	if status, _ := e.post(t, push("voice", pushVars{From: "o1", ID: "202", At: e.clock.Unix(), Media: "GONE"})); status != 200 {
		t.Fatal("push refused")
	}
	eventually(t, "failed download recorded", func() bool {
		ms, err := e.db.WeChatMediaByState(ctx, crm.MediaFailed, 10)
		check(t, err)
		return len(ms) == 1 && ms[0].MediaID == "GONE" && ms[0].Error != ""
	})
}

func TestUserInfoFetchedAfterFirstMessage(t *testing.T) {
	e := newEnv(t)
	e.api.Users["o1"] = map[string]any{"subscribe": 1, "openid": "o1", "nickname": "小王", "unionid": "UNION-1"}
	if status, _ := e.post(t, text("o1", "301", "first", e.clock.Unix())); status != 200 {
		t.Fatal("push refused")
	}
	if in, _ := e.ing.last("o1"); in.UnionID != "" {
		t.Errorf("first message has a unionid already: %q", in.UnionID)
	}
	eventually(t, "user info", func() bool {
		u, err := e.db.WeChatUser(ctx, appID, "o1")
		return err == nil && u.UnionID == "UNION-1"
	})
	if status, _ := e.post(t, text("o1", "302", "second", e.clock.Unix())); status != 200 {
		t.Fatal("push refused")
	}
	if in, _ := e.ing.last("o1"); in.UnionID != "UNION-1" || in.From.Name != "小王" {
		t.Errorf("second message: unionid %q, name %q", in.UnionID, in.From.Name)
	}
	if n := len(e.api.Calls("/cgi-bin/user/info")); n != 1 {
		t.Errorf("%d user info calls, want 1", n)
	}
	// The lead made before the nickname came takes it.
	e.ing.mu.Lock()
	first := e.ing.res[0]
	e.ing.mu.Unlock()
	l, err := e.db.Lead(ctx, crm.System, first.LeadID)
	check(t, err)
	if l.Name != "小王" {
		t.Errorf("the follower's lead is named %q, want the nickname", l.Name)
	}
}
