package wechat_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Outside the 48-hour window a rep sends one of the account's templates,
// listed from WeChat with its fields, through the outbox: the template
// message carries the template's ID and the rep's values. Text, and a
// template the account does not hold, are refused.
func TestRepSendsListedTemplateOutsideWindow(t *testing.T) {
	e := newEnv(t)
	e.api.Templates = []map[string]any{{"template_id": "TPL-ship", "title": "发货通知",
		"content": "{{first.DATA}}\n订单号：{{keyword1.DATA}}\n快递：{{keyword2.DATA}}\n{{remark.DATA}}", "example": "您的订单已发货"}}
	conv := e.converse(t, "o1")
	e.clock.Move(50 * time.Hour)

	ts, err := e.box.Templates(ctx, crm.System, conv)
	check(t, err)
	if len(ts) != 1 || ts[0].ID != "TPL-ship" || ts[0].Title != "发货通知" ||
		strings.Join(ts[0].Fields, ",") != "first,keyword1,keyword2,remark" {
		t.Fatalf("templates %+v", ts)
	}
	if len(e.api.Calls("/cgi-bin/template/get_all_private_template")) == 0 {
		t.Fatal("the templates were not asked of WeChat")
	}

	refused := []struct {
		name string
		d    crm.Draft
		want string
	}{
		{"text outside the window", crm.Draft{ConversationID: conv, Text: "在吗？"}, "48-hour window"},
		{"a template the account lacks", crm.Draft{ConversationID: conv, Template: "TPL-nope"}, "no template message"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.box.Queue(ctx, crm.System, tt.d)
			if crm.ErrorCode(err) != crm.EINVALID || !strings.Contains(crm.ErrorMessage(err), tt.want) {
				t.Fatalf("Queue = %v, want EINVALID %q", err, tt.want)
			}
		})
	}

	vals := map[string]string{"first": "您好，您的订单已发货", "keyword1": "SO-2026-0042", "keyword2": "顺丰 SF123", "remark": "谢谢"}
	m, err := e.box.Queue(ctx, crm.System, crm.Draft{ConversationID: conv, Template: "TPL-ship", TemplateValues: vals})
	check(t, err)
	if !strings.Contains(m.Text, "[TPL-ship]") || !strings.Contains(m.Text, "keyword1: SO-2026-0042") {
		t.Errorf("the thread shows the template message as %q", m.Text)
	}
	e.waitDelivery(t, conv, m.ID, crm.DeliverySent)
	calls := e.api.Calls("/cgi-bin/message/template/send")
	if len(calls) != 1 {
		t.Fatalf("%d template messages sent", len(calls))
	}
	b := calls[0].Body
	data, _ := b["data"].(map[string]any)
	for k, v := range vals {
		if f, _ := data[k].(map[string]any); f["value"] != v {
			t.Errorf("field %s = %v, want %q", k, data[k], v)
		}
	}
	if b["template_id"] != "TPL-ship" || b["touser"] != "o1" {
		t.Errorf("template message %v", b)
	}
	if len(e.api.Calls("/cgi-bin/message/custom/send")) != 0 {
		t.Error("a customer-service message went out after 48 h")
	}
}
