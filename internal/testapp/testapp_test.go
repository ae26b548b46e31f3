package testapp_test

import (
	"context"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
)

func mail(id string) *crm.Inbound {
	return &crm.Inbound{Channel: crm.ChannelEmail, Account: "1", ExternalID: id, MessageRef: id,
		From: crm.Address{Address: "li@kunde.example"}, Subject: "报价", Text: "请报价",
		ReceivedAt: testapp.Start, Raw: []byte("Subject: x\r\n\r\nx")}
}

// The copied template is fully migrated, ingest works, and a restart on
// the same file keeps what was stored.
func TestAppIngestsAndSurvivesARestart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	app := testapp.New(t, testapp.Options{})
	if pending, err := app.DB.Migrate(ctx); err != nil || len(pending) != 0 {
		t.Fatalf("migrations applied on a fresh app: %v, %v; want none (the template is migrated)", pending, err)
	}
	res, err := app.Ingester.Ingest(ctx, mail("<1@kunde.example>"), nil)
	if err != nil || res.Duplicate || res.ConversationID == 0 {
		t.Fatalf("first ingest: %+v, %v", res, err)
	}
	app.Stop()
	again := testapp.New(t, testapp.Options{Path: app.Path})
	res, err = again.Ingester.Ingest(ctx, mail("<1@kunde.example>"), nil)
	if err != nil || !res.Duplicate {
		t.Fatalf("the same message after a restart: %+v, %v; want a duplicate", res, err)
	}
}

// Each app has its own database and its own clock.
func TestAppsAreIndependent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	one := testapp.New(t, testapp.Options{})
	two := testapp.New(t, testapp.Options{Start: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if one.Path == two.Path {
		t.Fatal("two apps share a database file")
	}
	one.Clock.Add(time.Hour)
	for _, tc := range []struct {
		name string
		app  *testapp.App
		now  time.Time
	}{{"moved", one, testapp.Start.Add(time.Hour)}, {"own start", two, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		if got := tc.app.Now(); !got.Equal(tc.now) {
			t.Errorf("%s: Now %v, want %v", tc.name, got, tc.now)
		}
	}
	if _, err := one.Ingester.Ingest(ctx, mail("<only-in-one@kunde.example>"), nil); err != nil {
		t.Fatal(err)
	}
	res, err := two.Ingester.Ingest(ctx, mail("<only-in-one@kunde.example>"), nil)
	if err != nil || res.Duplicate {
		t.Fatalf("the other app's message: %+v, %v; want new here", res, err)
	}
}
