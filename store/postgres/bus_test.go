package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

// startBus starts a bus on url until the test ends.
func startBus(t *testing.T, url string) *postgres.Bus {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b, err := postgres.NewBus(ctx, postgres.BusConfig{URL: url, ReconnectDelay: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("bus: %v", err)
		}
	})
	return b
}

// next waits a few seconds for an event of kind.
func next(t *testing.T, ch <-chan crm.Event, kind string) crm.Event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-ch:
			if e.Kind == kind {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s event within 5 s", kind)
			return crm.Event{}
		}
	}
}

// waitListening waits until the bus's listener is connected, so that a
// NOTIFY sent now is heard.
func waitListening(t *testing.T, base string, b *postgres.Bus) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if n := listeners(t, base, b.Channel()); n > 0 {
			return
		}
	}
	t.Fatal("the listener never connected")
}

func listeners(t *testing.T, base, channel string) int {
	t.Helper()
	var n int
	queryRow(t, base, &n, `SELECT count(*) FROM pg_stat_activity
		WHERE application_name LIKE 'rapport-events-%' AND lower(query) LIKE '%listen%'||$1||'%'`, channel)
	return n
}

// queryRow scans one value of a query run on the server at u.
func queryRow(t *testing.T, u string, dst any, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if err := c.QueryRow(ctx, sql, args...).Scan(dst); err != nil {
		t.Fatal(err)
	}
}

// Events published on one instance reach the other's subscribers, their
// own subscribers get them once (not again through NOTIFY), another schema
// hears nothing, and a burst larger than one NOTIFY arrives whole.
func TestBusCarriesEventsBetweenInstances(t *testing.T) {
	t.Parallel()
	base := pgtest.URL(t)
	url := pgtest.FreshSchema(t, base)
	one, two := startBus(t, url), startBus(t, url)
	other := startBus(t, pgtest.FreshSchema(t, base))
	waitListening(t, base, one)
	waitListening(t, base, two)
	ch1, stop1 := one.Subscribe(4096)
	defer stop1()
	ch2, stop2 := two.Subscribe(4096)
	defer stop2()
	chx, stopx := other.Subscribe(16)
	defer stopx()

	one.Publish(crm.Event{Kind: crm.EventMessageNew, ConversationID: 7, MessageID: 9})
	if e := next(t, ch2, crm.EventMessageNew); e.ConversationID != 7 || e.MessageID != 9 {
		t.Errorf("the other instance got %+v", e)
	}
	if e := next(t, ch1, crm.EventMessageNew); e.MessageID != 9 {
		t.Errorf("the publishing instance got %+v", e)
	}
	const n = 1000 // about 60 bytes each: several NOTIFYs
	for i := range n {
		two.Publish(crm.Event{Kind: "burst", ConversationID: int64(i + 1)})
	}
	var got []int64
	for range n {
		got = append(got, next(t, ch1, "burst").ConversationID)
	}
	if !slices.IsSorted(got) || got[0] != 1 || got[n-1] != n {
		t.Errorf("the burst arrived out of order or incomplete: first %d, last %d", got[0], got[n-1])
	}
	time.Sleep(200 * time.Millisecond) // anything more would have come by now
	for len(ch1) > 0 {
		if e := <-ch1; e.Kind == crm.EventMessageNew {
			t.Errorf("the publisher got its own event twice: %+v", e)
		}
	}
	select {
	case e := <-chx:
		t.Errorf("another schema heard %+v", e)
	default:
	}
}

// A listener whose connection is killed connects again, tells its
// subscribers to resync, and hears later events.
func TestBusResyncsAfterTheListenerDrops(t *testing.T) {
	t.Parallel()
	base := pgtest.URL(t)
	url := pgtest.FreshSchema(t, base)
	one, two := startBus(t, url), startBus(t, url)
	waitListening(t, base, one)
	waitListening(t, base, two)
	ch, stop := two.Subscribe(64)
	defer stop()
	var killed int
	queryRow(t, base, &killed, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name LIKE 'rapport-events-%' AND lower(query) LIKE '%listen%'||$1||'%'
		AND pid <> pg_backend_pid()`, two.Channel())
	if killed == 0 {
		t.Fatal("no listener to kill")
	}
	next(t, ch, crm.EventResync)
	waitListening(t, base, two)
	for i := 0; ; i++ {
		one.Publish(crm.Event{Kind: "after", ConversationID: 1})
		select {
		case <-ch:
			return
		case <-time.After(time.Second):
		}
		if i == 5 {
			t.Fatal("events did not flow after the reconnect")
		}
	}
}

// TestPackKeepsPayloadsUnderTheLimit: NOTIFY refuses 8000 bytes.
func TestPackKeepsPayloadsUnderTheLimit(t *testing.T) {
	var es []crm.Event
	for i := range 500 {
		es = append(es, crm.Event{Kind: fmt.Sprintf("kind.%d", i), ConversationID: 1 << 40, MessageID: 1 << 41, State: strings.Repeat("x", 20)})
	}
	for _, p := range postgres.Pack("0123456789abcdef", es) {
		if len(p) >= 8000 {
			t.Errorf("payload of %d bytes", len(p))
		}
	}
}

// BenchmarkBusFanOut measures how long an event takes from Publish on one
// instance to a subscriber of another, one at a time; p50 and p99 are
// reported.
func BenchmarkBusFanOut(b *testing.B) {
	base := pgtest.URL(b)
	url := pgtest.FreshSchema(b, base)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var buses []*postgres.Bus
	for range 2 {
		bus, err := postgres.NewBus(ctx, postgres.BusConfig{URL: url})
		if err != nil {
			b.Fatal(err)
		}
		go bus.Run(ctx)
		buses = append(buses, bus)
	}
	ch, stop := buses[1].Subscribe(16)
	defer stop()
	time.Sleep(500 * time.Millisecond) // both listening
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		buses[0].Publish(crm.Event{Kind: crm.EventMessageNew, MessageID: int64(i + 1)})
		for e := range ch {
			if e.MessageID == int64(i+1) {
				break
			}
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
