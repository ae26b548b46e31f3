package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/store/files"
)

// seeded is what seedInstallation made: the ids the API is asked about.
type seeded struct {
	customer, contact, lead, order, payment, product, conversation, message, mailbox, failed, attachment, task int64
}

// gbkMail is a mail written in GBK, as many Chinese mail clients still
// send it: its raw bytes are not UTF-8 and must survive every move.
var gbkMail = []byte("From: =?GBK?B?1cXI/Q==?= <zhang@kunde.example>\r\nSubject: =?GBK?B?sbm821a1?=\r\n" +
	"Content-Type: text/plain; charset=GBK\r\n\r\n\xc4\xe3\xba\xc3\xa3\xac\xc7\xeb\xb1\xa8\xbc\xdb\r\n")

// seedInstallation fills the SQLite installation in dataDir the way a
// year of use would, in one of each kind of record the move must carry.
func seedInstallation(t *testing.T, dataDir string) seeded {
	ctx := context.Background()
	// Recent, so that the servers' pool sweep and care runs find nothing
	// due: each server would act at its own moment and the answers differ.
	start := time.Now().UTC().Add(-2 * time.Hour).Truncate(time.Second)
	app := testapp.New(t, testapp.Options{Path: filepath.Join(dataDir, "rapport.db"), Start: start})
	defer app.Stop()
	db := app.DB
	blobs, err := files.New(filepath.Join(dataDir, "files"), 10<<20)
	seedMust(t, err)
	var s seeded
	team := &crm.Team{Name: "华南"}
	seedMust(t, db.CreateTeam(ctx, team))
	rep := &crm.User{Email: "li@huaqiang.example", Name: "李伟", Role: crm.RoleRep, TeamID: &team.ID, Locale: "zh-CN"}
	seedMust(t, db.CreateUser(ctx, rep))
	cust := &crm.Customer{Name: "深圳华强电子有限公司", OwnerID: &rep.ID, Region: "华南", Level: "A", Tags: []string{"重点", "vip"}}
	seedMust(t, db.CreateCustomer(ctx, cust))
	seedMust(t, db.CreateCustomer(ctx, &crm.Customer{Name: "Acme GmbH", Notes: "line one\nline \"two\" <b>&</b>"}))
	birthday := crm.Date{Year: 1985, Month: 3, Day: 9}
	k := &crm.Contact{CustomerID: &cust.ID, Name: "张三", Emails: []string{"zhang@kunde.example"},
		Phones: []string{"+8613800138000"}, Birthday: &birthday, OwnerID: &rep.ID}
	seedMust(t, db.CreateContact(ctx, k))
	lead := &crm.Lead{Name: "王五", Company: "王氏贸易", Phone: "+8613900139000", Status: crm.LeadNew, OwnerID: &rep.ID,
		Custom: map[string]string{"预算": "10万"}}
	seedMust(t, db.CreateLead(ctx, lead))
	cost := crm.Money(6000)
	p := &crm.Product{SKU: "S-1", Name: "传感器", ListPrice: 10000, Cost: &cost, Active: true}
	seedMust(t, db.CreateProduct(ctx, p))
	day := crm.Date{Year: 2026, Month: 2, Day: 27}
	o := &crm.Order{Number: "HT-2026-001", CustomerID: cust.ID, OwnerID: &rep.ID, OrderDate: &day, Status: crm.OrderActive,
		Items: []crm.LineItem{{ProductID: &p.ID, Quantity: 2.5, UnitPrice: 10000}, {Product: "安装服务", Quantity: 1, UnitPrice: 3333}}}
	seedMust(t, db.CreateOrder(ctx, o))
	pm := &crm.Payment{OrderID: o.ID, Amount: 12000, Method: "bank", PaidAt: start.Add(-time.Hour), Notes: "首付"}
	seedMust(t, db.RecordPayment(ctx, crm.System, pm))
	seedMust(t, db.CreateFAQ(ctx, &crm.FAQ{Question: "发货时间", Alternatives: []string{"多久发货"}, Answer: "48小时内", Enabled: true}))
	seedMust(t, db.CreateCarePlan(ctx, &crm.CarePlan{Name: "生日", Action: crm.CareActionTask, Trigger: crm.CareTrigger{Kind: crm.CareBirthday},
		Texts: map[string]crm.CareText{"zh-CN": {Text: "生日快乐"}}, Locale: "zh-CN", SendAt: "10:00"}))
	seedMust(t, db.SavePoolRule(ctx, &crm.PoolRule{Kind: crm.RefLead, IdleDays: 30, WarnDays: 2, ExemptOpenOrder: true}))
	seedMust(t, db.Audit(ctx, &crm.AuditEntry{ActorID: &rep.ID, Action: "customer.update", Subject: crm.Ref{Kind: crm.RefCustomer, ID: cust.ID}, Detail: "等级 B → A"}))
	task := &crm.Task{Title: "回访张三", AssigneeID: &rep.ID, Status: crm.TaskOpen, Refs: []crm.Ref{{Kind: crm.RefContact, ID: k.ID}}}
	seedMust(t, db.CreateTask(ctx, task))
	seedMust(t, db.SaveUserSettings(ctx, &crm.UserSettings{UserID: rep.ID, TimeZone: "Asia/Shanghai"}))
	mb := &crm.Mailbox{Name: "销售", Address: "sales@huaqiang.example", IMAPHost: "imap.example.com", IMAPPort: 993,
		IMAPTLS: crm.SecurityTLS, Username: "sales@huaqiang.example", Password: "imap-secret", SMTPHost: "smtp.example.com",
		SMTPPort: 465, SMTPTLS: crm.SecurityTLS, Enabled: false}
	seedMust(t, db.CreateMailbox(ctx, mb))
	failed := &crm.FailedMail{MailboxID: mb.ID, Folder: "INBOX", UIDValidity: 4000000000, UID: 7, Raw: gbkMail, Error: "refused", Attempts: 3}
	seedMust(t, db.SaveFailedMail(ctx, failed))
	seedMust(t, db.CreateWebhook(ctx, &crm.Webhook{URL: "https://erp.example.com/hook", Events: []string{"lead.created"}, Secret: "whsec"}))
	blob, err := blobs.Put(ctx, bytes.NewReader([]byte("%PDF-1.4 报价单 \x00\x01\x02")))
	seedMust(t, err)
	res, err := app.Ingester.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelEmail, Account: "1", ExternalID: "<1@kunde.example>",
		MessageRef: "<1@kunde.example>", From: crm.Address{Name: "张三", Address: "zhang@kunde.example"}, Subject: "报价",
		Text: "你好，请报价", ReceivedAt: start.Add(-30 * time.Minute), Raw: gbkMail,
		Attachments: []crm.Attachment{{SHA256: blob.SHA256, Name: "报价单.pdf", ContentType: "application/pdf", Size: blob.Size}}}, nil)
	seedMust(t, err)
	_, err = app.Ingester.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelEmail, Account: "1", ExternalID: "<2@neu.example>",
		MessageRef: "<2@neu.example>", From: crm.Address{Address: "new@neu.example"}, Subject: "Inquiry",
		Text: "Price list please", ReceivedAt: start.Add(-10 * time.Minute), Raw: []byte("Subject: Inquiry\r\n\r\nPrice list please")}, nil)
	seedMust(t, err)
	msg, err := db.InboxMessage(ctx, crm.System, res.MessageID)
	seedMust(t, err)
	s = seeded{customer: cust.ID, contact: k.ID, lead: lead.ID, order: o.ID, payment: pm.ID, product: p.ID,
		conversation: res.ConversationID, message: res.MessageID, mailbox: mb.ID, failed: failed.ID, task: task.ID}
	if len(msg.Attachments) != 1 {
		t.Fatalf("the seeded message has %d attachments, want 1", len(msg.Attachments))
	}
	s.attachment = msg.Attachments[0].ID
	return s
}

// seedMust stops the test at a failed seeding step, naming the fields a
// validation error lists.
func seedMust(t *testing.T, err error) {
	t.Helper()
	var ce *crm.Error
	if errors.As(err, &ce) {
		t.Fatalf("seed: %v %v", err, ce.Fields)
	}
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
}
