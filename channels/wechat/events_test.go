package wechat_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

func TestMessageTypesAndEvents(t *testing.T) {
	e := newEnv(t)
	at := e.clock.Unix()
	tests := []struct {
		name, xml, text string
		automated       bool
		campaign        string
	}{
		{"text", text("u1", "101", "你好", at), "你好", false, ""},
		{"voice with recognition", push("voice_recognized", pushVars{From: "u2", ID: "102", At: at}), "语音内容", false, ""},
		{"video", push("video", pushVars{From: "u3", ID: "103", At: at}), "[video]", false, ""},
		{"shortvideo", push("shortvideo", pushVars{From: "u4", ID: "104", At: at}), "[shortvideo]", false, ""},
		{"location", push("location", pushVars{From: "u5", ID: "105", At: at}), "[location] 广州 (23.134521, 113.358803)", false, ""},
		{"link", push("link", pushVars{From: "u6", ID: "106", At: at}), "标题\n描述\nhttps://x.example/a", false, ""},
		{"subscribe with scene", push("subscribe_scene", pushVars{From: "u7", At: at}), "[subscribed] scene expo2026", false, "expo2026"},
		{"SCAN", push("scan", pushVars{From: "u8", At: at}), "[scanned] scene expo2026", false, "expo2026"},
		{"CLICK", push("click", pushVars{From: "u9", At: at}), "[menu] MENU_PRICES", false, ""},
		{"VIEW", push("view", pushVars{From: "u10", At: at}), "[menu link] https://x.example", true, ""},
		{"LOCATION", push("location_report", pushVars{From: "u11", At: at}), "[location report] (23.100000, 113.300000)", true, ""},
		{"unsubscribe", push("unsubscribe", pushVars{From: "u7", At: at + 1}), "[unsubscribed]", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if status, body := e.post(t, tt.xml); status != 200 || body != "success" {
				t.Fatalf("push: %d %q", status, body)
			}
			openID := between(tt.xml, "<FromUserName><![CDATA[", "]]>")
			in, res := e.ing.last(openID)
			if in == nil || in.Text != tt.text || in.Automated != tt.automated || in.Source.Campaign != tt.campaign {
				t.Fatalf("ingested %+v", in)
			}
			if in.Identity == nil || *in.Identity != (crm.Identity{Kind: crm.IdentityWeChat, Key: appID, Value: openID}) {
				t.Errorf("identity %+v", in.Identity)
			}
			if tt.campaign != "" && res.NewLead {
				l, err := e.db.Lead(ctx, crm.System, res.LeadID)
				check(t, err)
				if l.Source.Campaign != tt.campaign {
					t.Errorf("lead source %+v", l.Source)
				}
			}
		})
	}
	u, err := e.db.WeChatUser(ctx, appID, "u7")
	check(t, err)
	if !u.Unsubscribed {
		t.Error("unsubscribe not recorded")
	}
}

func TestTemplateJobReport(t *testing.T) {
	e := newEnv(t)
	conv := e.converse(t, "o1")
	for _, status := range []string{"success", "failed:user block"} {
		m, err := e.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Kind: crm.OutCare, Template: "care",
			Text: "生日快乐", TemplateValues: map[string]string{"name": "王"}})
		check(t, err)
		e.waitDelivery(t, conv, m.ID, crm.DeliverySent)
		ids := e.api.TemplateMsgIDs()
		report := push("template_job_finish", pushVars{From: "o1", ID: fmt.Sprint(ids[len(ids)-1]), Status: status, At: e.clock.Unix() + 1})
		if status, _ := e.post(t, report); status != 200 {
			t.Fatalf("report: %d", status)
		}
		want := crm.DeliveryDelivered
		if status != "success" {
			want = crm.DeliveryFailed
		}
		got := e.waitDelivery(t, conv, m.ID, want)
		if want == crm.DeliveryFailed && !strings.Contains(got.DeliveryError, "user block") {
			t.Errorf("reason %q", got.DeliveryError)
		}
	}
	calls := e.api.Calls("/cgi-bin/message/template/send")
	data, _ := calls[0].Body["data"].(map[string]any)
	if calls[0].Body["template_id"] != "TPL-care" || fmt.Sprint(data["first"]) != "map[value:生日快乐]" ||
		fmt.Sprint(data["keyword1"]) != "map[value:王]" {
		t.Errorf("template call %+v", calls[0].Body)
	}
}

// converse ingests a text from openID now and returns its conversation.
func (e *env) converse(t *testing.T, openID string) int64 {
	t.Helper()
	if status, _ := e.post(t, text(openID, fmt.Sprint(e.clock.UnixNano()), "hello", e.clock.Unix())); status != http.StatusOK {
		t.Fatal("push refused")
	}
	_, res := e.ing.last(openID)
	// A first push sends the user-info fetch to RunUsers, which takes
	// the shared token in the background: wait for it, or a test that
	// then moves the clock past the token's life races it for a new
	// token, and its call may go out with the one just replaced.
	eventually(t, "user info of "+openID, func() bool {
		u, err := e.db.WeChatUser(ctx, appID, openID)
		return err == nil && u.FetchedAt != nil
	})
	return res.ConversationID
}

// waitDelivery waits for the outbox to bring message id to state.
func (e *env) waitDelivery(t *testing.T, conv, id int64, state string) *crm.Message {
	t.Helper()
	var found *crm.Message
	eventually(t, "delivery "+state, func() bool {
		l, err := e.db.Messages(ctx, crm.System, conv, crm.Page{})
		check(t, err)
		for _, m := range l.Items {
			if m.ID == id && m.Delivery == state {
				found = m
			}
		}
		return found != nil
	})
	return found
}

func between(s, a, b string) string {
	i := strings.Index(s, a) + len(a)
	return s[i : i+strings.Index(s[i:], b)]
}
