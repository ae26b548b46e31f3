package matcher_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
)

// TestIngestRepeats runs the matcher inside crm.Ingester on the real
// stores: what a first message creates (a lead, a contact) is what the
// next message from the same sender finds, never a second record.
func TestIngestRepeats(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			f := seed(t, e.open(t))
			g := startIngester(t, f.db)
			for i, tt := range repeatCases() {
				t.Run(tt.name, func(t *testing.T) {
					first := ingest(t, g, tt.in(1), fmt.Sprint(i, "-1"))
					next := ingest(t, g, tt.in(2), fmt.Sprint(i, "-2"))
					tt.check(t, first, next)
				})
			}
		})
	}
}

type repeatCase struct {
	name  string
	in    func(n int) *crm.Inbound
	check func(t *testing.T, first, next *crm.IngestResult)
}

func repeatCases() []repeatCase {
	return []repeatCase{
		{"unknown sender: one lead", func(n int) *crm.Inbound {
			return email("first.timer@gmail.com", "First Timer", "hello", fmt.Sprint("message ", n))
		}, sameLead},
		{"sender at a customer's domain: one contact", func(n int) *crm.Inbound {
			return email("new.engineer@acme.example", "New Engineer", "spec", fmt.Sprint("message ", n))
		}, sameContact},
		{"WeChat follower giving a phone: one lead", func(n int) *crm.Inbound {
			return wechat("oFollower", "", "我的电话13500135000")
		}, sameLead},
		// Leads hold no channel identity: a follower known by openid only
		// is found again through the thread reference the adapter gives.
		{"WeChat follower threaded by openid: one lead", func(n int) *crm.Inbound {
			in := wechat("oQuiet", "", fmt.Sprint("在吗 ", n))
			in.MessageRef, in.References = "wechat:oQuiet", []string{"wechat:oQuiet"}
			return in
		}, sameConversation},
	}
}

func sameLead(t *testing.T, first, next *crm.IngestResult) {
	if !first.NewLead || first.LeadID == 0 || first.NeedsReview {
		t.Errorf("first: want a new lead: %+v", first)
	}
	if next.NewLead || next.LeadID != first.LeadID || next.NeedsReview {
		t.Errorf("next: want lead %d again, not a new one: %+v", first.LeadID, next)
	}
}

func sameContact(t *testing.T, first, next *crm.IngestResult) {
	if first.NewLead || first.ContactID == 0 || first.CustomerID == 0 || first.NeedsReview {
		t.Errorf("first: want a new contact of the customer: %+v", first)
	}
	if next.NewLead || next.ContactID != first.ContactID || next.CustomerID != first.CustomerID || next.NeedsReview {
		t.Errorf("next: want contact %d again: %+v", first.ContactID, next)
	}
}

func sameConversation(t *testing.T, first, next *crm.IngestResult) {
	if !first.NewLead || first.LeadID == 0 {
		t.Errorf("first: want a new lead: %+v", first)
	}
	if next.NewLead || next.NewConversation || next.ConversationID != first.ConversationID {
		t.Errorf("next: want conversation %d, no new lead: %+v", first.ConversationID, next)
	}
}

func startIngester(t *testing.T, db testStore) *crm.Ingester {
	g := crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(matcher.Config{}),
		Now: func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); g.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return g
}

func ingest(t *testing.T, g *crm.Ingester, in *crm.Inbound, id string) *crm.IngestResult {
	t.Helper()
	in.ExternalID, in.ReceivedAt = id, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r, err := g.Ingest(context.Background(), in, nil)
	must(t, err)
	return r
}

// TestIngestConcurrentSender sends several messages of one new sender at
// once: whether they share a batch or not, one lead is made and every
// message links to it.
func TestIngestConcurrentSender(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			f := seed(t, e.open(t))
			g := startIngester(t, f.db)
			const n = 6
			results := make(chan *crm.IngestResult, n)
			for i := range n {
				go func() {
					in := email("burst@gmail.com", "Burst", "hi", fmt.Sprint("message ", i))
					in.ExternalID, in.ReceivedAt = fmt.Sprint("burst-", i), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
					r, err := g.Ingest(context.Background(), in, nil)
					if err != nil {
						t.Error(err)
					}
					results <- r
				}()
			}
			leads, newLeads := map[int64]bool{}, 0
			for range n {
				if r := <-results; r != nil {
					leads[r.LeadID] = true
					if r.NewLead {
						newLeads++
					}
				}
			}
			if newLeads != 1 || len(leads) != 1 || leads[0] {
				t.Errorf("%d new leads, lead ids %v; want one lead for all", newLeads, leads)
			}
		})
	}
}
