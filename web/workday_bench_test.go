package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/web"
)

// go test ./web -run '^$' -bench CustomerPage -benchtime 200x
//
// The server time of a customer's page whose timeline holds 1,000 entries
// (600 messages in 6 conversations, 100 follow-ups, 100 tasks, 100 orders
// and 100 payments), as its owner (a rep, so every part is filtered),
// through the whole handler: fields, 360° panel, contacts, the first
// timeline page and the template.
func BenchmarkCustomerPage(b *testing.B) {
	ctx := context.Background()
	db := testapp.New(b, testapp.Options{RealTime: true}).DB
	u := &crm.User{Email: "rep@example.com", Name: "Rep", Role: crm.RoleRep}
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(db.CreateUser(ctx, u))
	tok, hash, _ := crm.NewToken("rpt_")
	must(db.CreateAPIToken(ctx, &crm.APIToken{UserID: u.ID, Name: "bench", TokenHash: hash}))
	cu := &crm.Customer{Name: "华强电子有限公司", OwnerID: &u.ID}
	must(db.CreateCustomer(ctx, cu))
	k := &crm.Contact{Name: "王芳", CustomerID: &cu.ID, OwnerID: &u.ID}
	must(db.CreateContact(ctx, k))
	now := time.Now().UTC().Truncate(time.Second)
	for c := range 6 {
		conv := &crm.Conversation{Channel: crm.ChannelEmail, Account: "1", Subject: "询价", Status: crm.ConvOpen,
			ContactID: &k.ID, CustomerID: &cu.ID, AssigneeID: &u.ID, LastMessageAt: now, CreatedAt: now}
		must(db.CreateConversation(ctx, conv))
		for i := range 100 {
			at := now.Add(-time.Duration(c*100+i) * time.Minute)
			must(db.CreateMessage(ctx, &crm.Message{ConversationID: conv.ID, Channel: conv.Channel, Account: conv.Account,
				Direction: crm.DirectionIn, ExternalID: fmt.Sprintf("<b%d-%d@x>", c, i), Subject: "询价",
				Text: strings.Repeat("您好，请报价三台激光打印机。 ", 10), SentAt: at, CreatedAt: at}, nil))
		}
	}
	for i := range 100 {
		at := now.Add(-time.Duration(i) * time.Hour)
		must(db.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: at, UserID: u.ID, Result: "报价",
			Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: cu.ID}}}))
		must(db.CreateTask(ctx, &crm.Task{Title: fmt.Sprintf("回访 %d", i), AssigneeID: &u.ID,
			Refs: []crm.Ref{{Kind: crm.RefContact, ID: k.ID}}}))
		o := &crm.Order{Number: fmt.Sprintf("SO-%d", i), CustomerID: cu.ID, Amount: 100000, Currency: "CNY",
			Status: crm.OrderCompleted, OwnerID: &u.ID}
		must(db.CreateOrder(ctx, o))
		must(db.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, Amount: 100000, Method: crm.MethodBank, PaidAt: at}))
	}
	s := web.New(web.Config{}, web.Deps{Store: db})
	var ds []time.Duration
	for b.Loop() {
		req := httptest.NewRequest("GET", fmt.Sprintf("/customers/%d", cu.ID), nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		start := time.Now()
		s.ServeHTTP(rec, req)
		ds = append(ds, time.Since(start))
		if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), `class="tl tl-`) != 30 || !strings.Contains(rec.Body.String(), `rel="next"`) {
			b.Fatalf("status %d", rec.Code)
		}
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
}
