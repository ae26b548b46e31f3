package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

// TestTidySearch: the search index's pending entries are merged by
// TidySearch (not left for an ingest batch to merge), and the messages are
// still found.
func TestTidySearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openAt(t, pgtest.FreshSchema(t, pgtest.URL(t)))
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g := crm.NewIngester(crm.IngestConfig{Store: db, Matcher: matcher.New(matcher.Config{})})
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	go g.Run(run)
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	for i := range 40 {
		e := fmt.Sprintf("visitor%d@tidy.example", i)
		if _, err := g.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelWebForm, Account: "form1", ExternalID: fmt.Sprint("wf-", i),
			From: crm.Address{Address: e}, Person: crm.Person{Email: e}, Subject: "Contact us",
			Text: fmt.Sprintf("询价 quotation %d", i), ReceivedAt: at}, nil); err != nil {
			t.Fatal(err)
		}
	}
	pages, err := db.TidySearch(ctx)
	if err != nil || pages == 0 {
		t.Fatalf("first tidy merged %d pending pages (%v): want some", pages, err)
	}
	if pages, err = db.TidySearch(ctx); err != nil || pages != 0 {
		t.Fatalf("second tidy merged %d pending pages (%v): want none left", pages, err)
	}
	page, err := db.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, Search: "quotation", Limit: 100})
	if err != nil || len(page.Items) != 40 {
		t.Fatalf("search after tidying: %d conversations (%v), want 40", len(page.Items), err)
	}
}
