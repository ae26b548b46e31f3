package wechat_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestFollowerEvents: what a follower does besides writing lands in their
// conversation or nowhere; it never makes a lead or a conversation of its
// own. A menu CLICK opens WeChat's window in the follower's conversation;
// an unsubscribed follower cannot be answered; WeChat's job reports are
// logged; an old push is logged as suspicious and still stored.
func TestFollowerEvents(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			e := newEnvOn(t, engine)
			const o, stranger = "oEVENTS0000000000000000def456", "oSTRANGER00000000000000ghi789"
			conv := e.converse(t, o)
			e.clock.Move(72 * time.Hour)
			if err := e.box.CanSend(ctx, crm.System, conv); err == nil || !strings.Contains(err.Error(), "48-hour") {
				t.Fatalf("3 days later can-send says %v, want outside the window", err)
			}
			at := func() int64 { e.clock.Move(time.Second); return e.clock.Unix() }
			steps := []struct {
				name, xml string
				from      string
				stored    bool // noted on o's conversation
				status    string
				canSend   string // "": yes; else a word of the refusal
			}{
				{"menu CLICK opens the window there", event(o, "CLICK", `<EventKey>PRICES</EventKey>`, at()), o, true, crm.ConvOpen, ""},
				{"resolved by a rep", "", o, false, crm.ConvResolved, ""},
				{"photo picker: noted, not reopened", event(o, "pic_sysphoto", `<EventKey>PHOTO</EventKey><SendPicsInfo><Count>1</Count></SendPicsInfo>`, at()), o, true, crm.ConvResolved, ""},
				{"location picker", event(o, "location_select", `<EventKey>WHERE</EventKey>`, at()), o, true, crm.ConvResolved, ""},
				{"menu scan waiting for a message", event(o, "scancode_waitmsg", `<EventKey>SCAN</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>ORDER-1</ScanResult></ScanCodeInfo>`, at()), o, true, crm.ConvResolved, ""},
				{"mass send report", event(o, "MASSSENDJOBFINISH", `<MsgID>1988</MsgID><Status>send success</Status><TotalCount>100</TotalCount><SentCount>98</SentCount><ErrorCount>2</ErrorCount>`, at()), o, false, crm.ConvResolved, ""},
				{"stranger's photo picker", event(stranger, "pic_weixin", `<EventKey>P</EventKey>`, at()), stranger, false, crm.ConvResolved, ""},
				{"stranger's menu link", event(stranger, "VIEW", `<EventKey>https://x.example</EventKey>`, at()), stranger, false, crm.ConvResolved, ""},
				{"stranger's location report", event(stranger, "LOCATION", `<Latitude>23.1</Latitude><Longitude>113.3</Longitude>`, at()), stranger, false, crm.ConvResolved, ""},
				{"unsubscribe", event(o, "unsubscribe", ``, at()), o, true, crm.ConvResolved, "unsubscribed"},
			}
			n := e.count(t, conv)
			for _, st := range steps {
				if st.xml == "" {
					_, err := e.db.SetStatus(ctx, crm.System, conv, crm.ConvResolved, nil)
					check(t, err)
				} else {
					e.mustPost(t, e.srv.URL, st.xml)
				}
				if st.stored {
					n++
				}
				if got := e.count(t, conv); got != n {
					t.Fatalf("%s: %d messages in the conversation, want %d", st.name, got, n)
				}
				if convs := e.conversations(t); len(convs) != 1 || convs[0].Status != st.status {
					t.Fatalf("%s: %d conversations (want 1), status %s (want %s)", st.name, len(convs), convs[0].Status, st.status)
				}
				e.onlyLead(t)
				err := e.box.CanSend(ctx, crm.System, conv)
				if (st.canSend == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), st.canSend)) {
					t.Fatalf("%s: can-send %v, want %q", st.name, err, st.canSend)
				}
			}
			for _, want := range []string{"job report", "sent=98", "errors=2", "event of a follower without a conversation"} {
				if !strings.Contains(e.logs.String(), want) {
					t.Errorf("log lacks %q:\n%s", want, e.logs.String())
				}
			}
			// A push two days old: stored, and logged as suspicious.
			e.mustPost(t, e.srv.URL, text(o, "old-1", "an old one", e.clock.Unix()-2*86400))
			if !strings.Contains(e.logs.String(), "push timestamp far from now") {
				t.Error("an old push was not logged as suspicious")
			}
		})
	}
}

// TestKnownContactIsOneConversation: a contact known by their openid gets
// their messages in one conversation, linked to them, and no lead.
func TestKnownContactIsOneConversation(t *testing.T) {
	e := newEnv(t)
	const o = "oKNOWN00000000000000000jkl012"
	c := &crm.Contact{Name: "王经理", Identities: []crm.Identity{{Kind: crm.IdentityWeChat, Key: appID, Value: o}}}
	check(t, e.db.CreateContact(ctx, c))
	for i, s := range []string{"在吗", "我想问一下价格"} {
		e.mustPost(t, e.srv.URL, text(o, "k"+string(rune('0'+i)), s, e.clock.Unix()))
	}
	convs := e.conversations(t)
	if len(convs) != 1 || convs[0].ContactID == nil || *convs[0].ContactID != c.ID || convs[0].LeadID != nil {
		t.Fatalf("%d conversations, first %+v", len(convs), convs[0].Conversation)
	}
	if n := e.count(t, convs[0].ID); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
}

func (e *env) count(t *testing.T, conv int64) int {
	t.Helper()
	ms, err := e.db.Messages(ctx, crm.System, conv, crm.Page{Limit: 500})
	check(t, err)
	return len(ms.Items)
}
