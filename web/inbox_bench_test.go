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

// go test ./web -run '^$' -bench ConversationPage
//
// The server time of a conversation page with 500 messages (every third an
// HTML mail, sanitized on each view), through the whole handler: session
// check, reads, the customer panel and the template.
func BenchmarkConversationPage(b *testing.B) {
	ctx := context.Background()
	db := testapp.New(b, testapp.Options{RealTime: true}).DB
	u := &crm.User{Email: "rep@example.com", Name: "Rep", Role: crm.RoleRep}
	if err := db.CreateUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	tok, hash, _ := crm.NewToken("rpt_")
	if err := db.CreateAPIToken(ctx, &crm.APIToken{UserID: u.ID, Name: "bench", TokenHash: hash}); err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	c := &crm.Conversation{Channel: crm.ChannelEmail, Account: "sales@rapport.example", Subject: "询价", Status: crm.ConvOpen,
		LastMessageAt: now, LastInboundAt: &now, CreatedAt: now}
	if err := db.CreateConversation(ctx, c); err != nil {
		b.Fatal(err)
	}
	for i := range 500 {
		m := &crm.Message{ConversationID: c.ID, Channel: c.Channel, Account: c.Account, Direction: crm.DirectionIn,
			ExternalID: fmt.Sprintf("<b%d@x>", i), From: crm.Address{Name: "王经理", Address: "wang@kunde.example"},
			Subject: "询价", Text: strings.Repeat("您好，请报价三台激光打印机。 ", 10), SentAt: now, CreatedAt: now,
			Links: []crm.Link{{Kind: crm.RefLead, TargetID: 1, Rule: "email", Value: "wang@kunde.example"}}}
		if i%3 == 0 {
			m.HTML = `<div><p>您好，<b>请报价</b></p><table><tr><td>打印机</td><td>3</td></tr></table>` +
				`<img src="https://tracker.example/p.gif"><a href="https://kunde.example">kunde</a></div>`
		}
		if err := db.CreateMessage(ctx, m, nil); err != nil {
			b.Fatal(err)
		}
	}
	s := web.New(web.Config{}, web.Deps{Store: db})
	var ds []time.Duration
	for b.Loop() {
		req := httptest.NewRequest("GET", fmt.Sprintf("/inbox/%d", c.ID), nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		start := time.Now()
		s.ServeHTTP(rec, req)
		ds = append(ds, time.Since(start))
		if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), `data-item="m`) != 500 {
			b.Fatalf("status %d", rec.Code)
		}
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
}
