package care_test

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"

	_ "modernc.org/sqlite" // the raw seeding connection
)

// BenchmarkBirthdayCandidates finds one day's birthdays among 10k, 100k
// and 1M contacts (birthdays spread evenly over the year, so a day holds
// n/365 of them) by the indexed query the care sweep runs, with its
// "not done yet" check. The contacts are inserted by one SQL statement per
// step (the store's CreateContact would take minutes for a million).
func BenchmarkBirthdayCandidates(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			db, url := e.open(b, "")
			have := 0
			for _, n := range []int{10_000, 100_000, 1_000_000} {
				seedContacts(b, e.name, url, have, n)
				have = n
				b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
					day := crm.Date{Year: 2027, Month: 6, Day: 15}
					q := crm.CareQuery{Trigger: crm.CareBirthday, Date: day, PlanID: 1, OccursOn: &day}
					rows := 0
					for b.Loop() {
						cs, err := db.CareCandidates(ctx, q)
						if err != nil {
							b.Fatal(err)
						}
						rows = len(cs)
					}
					b.ReportMetric(float64(rows), "contacts/op")
				})
			}
		})
	}
}

// seedContacts adds contacts from+1..to, the i-th born on day i%365 of 1980.
func seedContacts(b *testing.B, engine, url string, from, to int) {
	b.Helper()
	if engine == "postgres" {
		pgtest.Exec(b, url, fmt.Sprintf(`INSERT INTO contacts (name, birthday, created_at, updated_at)
			SELECT 'c' || i, DATE '1980-01-01' + (i %% 365), now(), now() FROM generate_series(%d, %d) i`, from+1, to))
		pgtest.Exec(b, url, `ANALYZE contacts`)
		return
	}
	raw, err := sql.Open("sqlite", url)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	_, err = raw.Exec(fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO contacts (name, birthday, created_at, updated_at)
		SELECT 'c' || i, date('1980-01-01', '+' || (i %% 365) || ' days'), '2026-01-01 00:00:00+00:00',
		'2026-01-01 00:00:00+00:00' FROM n`, from+1, to))
	if err == nil {
		_, err = raw.Exec(`ANALYZE`)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSweepQueues times one sweep that does 500 occurrences of a
// yearly-date plan: each one's recipient read, its email queued in the
// outbox, its follow-up and its unique key, in one transaction each.
func BenchmarkSweepQueues(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			const n = 500
			for b.Loop() {
				b.StopTimer()
				workers := 1
				if e.name == "postgres" {
					workers = 4 // as serve runs it
				}
				w := newWorld(b, e, care.Config{Cap: 10, Workers: workers})
				now := local(2027, 10, 1, 12)
				w.clock.Set(now)
				for range n {
					k := w.contact(b, "客户", "")
					w.conv(b, k, crm.ChannelEmail, "1", now.Add(-time.Hour))
				}
				w.plan(b, crm.CarePlan{Name: "国庆", Trigger: crm.CareTrigger{Kind: crm.CareYearlyDate, Month: 10, Day: 1}})
				b.StartTimer()
				if err := w.care.Sweep(ctx, now); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "sends/s")
		})
	}
}
