package email_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
)

// mailWant is what one golden mail must become once fetched over IMAP,
// parsed, matched and committed.
type mailWant struct {
	file, ref string
	automated string   // a part of the stored reason; "": a person wrote it
	lead      bool     // it made a new lead
	out       bool     // stored as outbound (our own mail)
	contact   string   // the address of the contact it is linked to; "": none
	numbers   []string // the order, contract and task numbers linked
	text      string   // a part of the stored text, decoded right
}

func goldenMailWants() []mailWant {
	return []mailWant{
		{file: "noreply_notice_domain", ref: "20261123091200.abc@notice.aliyun-example.com", automated: "no-reply sender"},
		{file: "notifications_sender", ref: "inv-1188@acme-cloud.example", automated: "notification sender", text: "invoice is ready"},
		{file: "donotreply_163", ref: "dnr-77@service.mail-163.example", automated: "no-reply sender", text: "请及时清理邮箱"},
		{file: "read_receipt_outlook", ref: "MDN-1@huaqiang.example", automated: "read receipt"},
		{file: "read_receipt_thunderbird", ref: "mdn-2@meyer-gmbh.example", automated: "read receipt"},
		{file: "utf8_few_bad_bytes", ref: "bad-bytes-1@foxmail-user.example", text: "您好，我们想订购",
			numbers: []string{"PO-2026-0415"}},
		{file: "gbk_bytes_labelled_utf8", ref: "gbk-as-utf8@old-mailer.example", text: "订单号 PO-2026-0415",
			numbers: []string{"PO-2026-0415"}},
		{file: "labels_gb_family", ref: "labels-gb@factory.example", lead: true, text: "七、𪚥字"},
		{file: "boundary_twice_last", ref: "boundary-twice-last@mailer-quirk.example", lead: true, text: "Please quote 500 units"},
		{file: "boundary_twice_first", ref: "boundary-twice-first@mailer-quirk.example", text: "第一个边界才是真的"},
		{file: "forward_gmail", ref: "CAF=fwd1@mail.gmail.com", contact: "peter.wong@globex.example",
			numbers: []string{"PO-2026-0415"}},
		{file: "forward_outlook_zh", ref: "HK0PR01MB1234@HK0PR01MB1234.apcprd01.prod.outlook.example",
			contact: "wang.jg@huaqiang.example", numbers: []string{"HT-2026-009"}, text: "请跟进"},
		{file: "forward_qq", ref: "tencent_ABCDEF0123@qq.example", numbers: []string{"T-1128"}},
		{file: "forward_163", ref: "5d1e.77.18c2@163.example", contact: "sun@sunrise-tech.example",
			numbers: []string{"PO-2026-0777"}},
		{file: "forward_attached", ref: "fwd-attached@rapport.test", contact: "h.becker@becker-ag.example",
			numbers: []string{"HT-2026-010"}},
		{file: "forward_outlook_html", ref: "DB9PR01MB0001@DB9PR01MB0001.eurprd01.prod.outlook.example",
			contact: "wang.jg@huaqiang.example", numbers: []string{"HT-2026-009"}, text: "please file it"},
		{file: "dsn_delayed", ref: "dsn-delay-1@mx.customer.example", automated: "delivery status report"},
		{file: "forward_notice", ref: "fwd-notice@rapport.test"}, // a forwarded notice: no lead, no contact
		{file: "own_bcc_copy", ref: "CAF=own1@mail.gmail.com", out: true, contact: "peter.wong@globex.example",
			numbers: []string{"PO-2026-0415"}},
	}
}

// TestGoldenMailOverIMAP delivers golden mails of every kind (automated
// senders, read receipts, bad bytes, charset labels, a repeated boundary,
// forwards in five clients' styles, our own Bcc copy) to an IMAP server
// and checks what each became in the store, on both engines.
func TestGoldenMailOverIMAP(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			w := newWorldOn(t, engine, matcher.Config{OwnDomains: []string{"rapport.test"}})
			seedGoldenWorld(t, w)
			wants := goldenMailWants()
			var refs []string
			for _, c := range wants {
				raw, err := os.ReadFile("testdata/" + c.file + ".eml")
				must(t, err)
				w.imap.deliver(t, "INBOX", raw)
				refs = append(refs, c.ref)
			}
			w.poller("a", w.ing)
			got := w.ing.waitFor(t, refs...)
			for _, c := range wants {
				t.Run(c.file, func(t *testing.T) { checkGoldenMail(t, w, c, got[c.ref][0]) })
			}
		})
	}
}

// seedGoldenWorld holds the customers, contacts, orders and the task the
// golden mails name.
func seedGoldenWorld(t *testing.T, w *world) {
	ctx := context.Background()
	customer := func(name, domain string, contacts ...crm.Contact) int64 {
		c := &crm.Customer{Name: name, Domain: domain}
		must(t, w.db.CreateCustomer(ctx, c))
		for _, ct := range contacts {
			ct.CustomerID = &c.ID
			must(t, w.db.CreateContact(ctx, &ct))
		}
		return c.ID
	}
	globex := customer("Globex Ltd", "globex.example", crm.Contact{Name: "Peter Wong", Emails: []string{"peter.wong@globex.example"}})
	hq := customer("华强电子", "huaqiang.example", crm.Contact{Name: "王建国", Emails: []string{"wang.jg@huaqiang.example"}})
	sunrise := customer("旭日科技", "sunrise-tech.example")
	becker := customer("Becker AG", "becker-ag.example")
	for _, o := range []crm.Order{{Number: "PO-2026-0415", CustomerID: globex, Title: "devices"},
		{Kind: crm.OrderKindContract, Number: "HT-2026-009", CustomerID: hq, Title: "合同"},
		{Number: "PO-2026-0777", CustomerID: sunrise, Title: "询价"},
		{Kind: crm.OrderKindContract, Number: "HT-2026-010", CustomerID: becker, Title: "contract"}} {
		must(t, w.db.CreateOrder(ctx, &o))
	}
	must(t, w.db.CreateTask(ctx, &crm.Task{Number: "T-1128", Title: "寄样品"}))
}

func checkGoldenMail(t *testing.T, w *world, c mailWant, res *crm.IngestResult) {
	ctx := context.Background()
	msg := storedMessage(t, w, res)
	if got := msg.AutomatedReason; msg.Automated != (c.automated != "") || !strings.Contains(got, c.automated) {
		t.Errorf("automated = %v (%q), want reason with %q", msg.Automated, got, c.automated)
	}
	if res.NewLead != c.lead {
		t.Errorf("new lead = %v, want %v (links %+v)", res.NewLead, c.lead, res.Links)
	}
	if out := msg.Direction == crm.DirectionOut; out != c.out {
		t.Errorf("direction = %s, want outbound %v", msg.Direction, c.out)
	}
	contact := ""
	if res.ContactID != 0 {
		ct, err := w.db.Contact(ctx, crm.System, res.ContactID)
		must(t, err)
		contact = ct.Emails[0]
	}
	if contact != c.contact {
		t.Errorf("contact = %q, want %q (links %+v)", contact, c.contact, res.Links)
	}
	if got := linkedNumbers(t, w, res.Links); !slices.Equal(got, c.numbers) {
		t.Errorf("numbers linked = %v, want %v", got, c.numbers)
	}
	if !strings.Contains(msg.Text+msg.HTML, c.text) || strings.Contains(msg.Subject, "=?") {
		t.Errorf("stored subject %q, text %q; want text with %q", msg.Subject, msg.Text, c.text)
	}
}

func storedMessage(t *testing.T, w *world, res *crm.IngestResult) *crm.Message {
	t.Helper()
	l, err := w.db.Messages(context.Background(), crm.System, res.ConversationID, crm.Page{Limit: 200})
	must(t, err)
	for _, m := range l.Items {
		if m.ID == res.MessageID {
			return m
		}
	}
	t.Fatalf("message %d not in conversation %d", res.MessageID, res.ConversationID)
	return nil
}

// linkedNumbers are the numbers of the orders, contracts and tasks linked.
func linkedNumbers(t *testing.T, w *world, links []crm.Link) []string {
	var out []string
	for _, l := range links {
		switch l.Kind {
		case crm.RefOrder, crm.RefTask:
			out = append(out, l.Value)
		}
	}
	slices.Sort(out)
	return out
}
