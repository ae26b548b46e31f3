package webform_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
)

func TestHostedPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(_ *webform.Config, f *crm.Form) {
		f.Fields[0].Label = "您的姓名"
		f.Fields = append(f.Fields, crm.FormField{Name: "name_of_boat"})
	})
	tests := []struct {
		name, query, accept string
		want                []string
	}{
		{"Chinese from Accept-Language", "?utm_source=wx", "zh-CN,zh;q=0.9,en;q=0.5",
			[]string{`lang="zh-CN"`, "您的姓名", "邮箱", "提交", `type="email"`, `type="tel"`, `<textarea`,
				`name="utm_source" value="wx"`, `name="_hp"`, `action="/f/` + h.form.Key + `"`, `name="viewport"`}},
		{"English by ?lang=", "?lang=en", "zh-CN",
			[]string{`lang="en"`, "Email", "Send", "name_of_boat"}},
		{"thanks", "?ok=1&lang=zh-CN", "", []string{`id="thanks"`, "提交成功"}},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, h.url()+tt.query, nil)
		resp := h.do(req, "Accept-Language: "+tt.accept)
		body := wantStatus(t, resp, http.StatusOK)
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: page lacks %q", tt.name, w)
			}
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(body, "http://") || strings.Contains(body, "https://") {
			t.Errorf("%s: CSP %q; want an inline style by hash and no outside URL", tt.name, csp)
		}
	}
}

// sink is the email channel of the test: it accepts everything.
type sink struct{}

func (sink) Send(context.Context, *crm.Outgoing) (*crm.SendResult, error) {
	return &crm.SendResult{ExternalID: "x"}, nil
}

func TestConfirmationEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		senders map[string]crm.Sender
		queued  bool
	}{
		{"queued through the outbox", map[string]crm.Sender{crm.ChannelEmail: sink{}}, true},
		{"no email channel: logged, lead kept", map[string]crm.Sender{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var box *crm.Outbox
			h := newHarness(t, func(c *webform.Config, f *crm.Form) {
				f.Confirmation = &crm.FormConfirmation{Mailbox: "7", Subject: "收到", Text: "谢谢，我们会尽快联系您。"}
				c.Outbox = outboxFunc(func(ctx context.Context, v crm.Viewer, d crm.Draft) (*crm.Message, error) {
					return box.Queue(ctx, v, d)
				})
			})
			box = crm.NewOutbox(crm.OutboxConfig{Store: h.db, Senders: tt.senders, Now: h.clock.Now})
			ct, body := urlencoded(aSubmission("confirm.me@huaqiang.example"))
			wantStatus(t, h.post(ct, body), http.StatusOK)
			if len(h.leads()) != 1 {
				t.Fatal("want the lead stored")
			}
			msgs, err := h.db.Messages(ctx, crm.System, h.ing.all()[0].ConversationID, crm.Page{})
			if err != nil {
				t.Fatal(err)
			}
			var out *crm.Message
			for _, m := range msgs.Items {
				if m.Direction == "out" {
					out = m
				}
			}
			if !tt.queued {
				if out != nil || !strings.Contains(h.logs.String(), "form confirmation not queued") {
					t.Fatalf("out = %+v; want none and the refusal logged", out)
				}
				return
			}
			if out == nil || out.Channel != crm.ChannelEmail || out.Account != "7" || len(out.To) != 1 ||
				out.To[0].Address != "confirm.me@huaqiang.example" || out.Subject != "收到" || !out.Automated {
				t.Fatalf("outbound = %+v, want the confirmation to the submitter from mailbox 7", out)
			}
		})
	}
}

type outboxFunc func(ctx context.Context, v crm.Viewer, d crm.Draft) (*crm.Message, error)

func (f outboxFunc) Queue(ctx context.Context, v crm.Viewer, d crm.Draft) (*crm.Message, error) {
	return f(ctx, v, d)
}
