package storetest

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// ReportScale is the report benchmark's size as a share of the issue's
// data set (1M messages, 100k customers, 200k orders, 1M follow-ups):
// RAPPORT_REPORT_SCALE, 0.1 by default.
func ReportScale() float64 {
	if f, err := strconv.ParseFloat(os.Getenv("RAPPORT_REPORT_SCALE"), 64); err == nil && f > 0 {
		return f
	}
	return 0.1
}

// ReportSeed is the SQL that fills an empty, migrated database with the
// report benchmark's data set at scale, spread over the year before today:
// users 1 (admin), 2 and 3 (managers of teams 1 and 2), 4…13 (reps);
// customers, products, orders with two lines each, a payment plan per
// order and payments for two in three, follow-ups, conversations with five
// messages each, bot decisions, leads with conversions, and tasks.
func ReportSeed(dialect string, scale float64, today time.Time) []string {
	n := func(full int) string { return strconv.Itoa(max(100, int(float64(full)*scale))) }
	base := today.UTC().Format(time.DateOnly)
	ts := func(days, secs string) string {
		if dialect == "postgres" {
			return "(TIMESTAMPTZ '" + base + " 12:00:00+00' - (" + days + ") * interval '1 day' + (" + secs + ") * interval '1 second')"
		}
		return "(strftime('%Y-%m-%d %H:%M:%S', '" + base + " 12:00:00', (-(" + days + ")) || ' days', '+' || (" + secs + ") || ' seconds') || '+00:00')"
	}
	date := func(days string) string {
		if dialect == "postgres" {
			return "(DATE '" + base + "' - (" + days + ")::int)"
		}
		return "date('" + base + "', (-(" + days + ")) || ' days')"
	}
	seq := "CREATE TABLE bench_seq AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " + n(1_000_000) + ") SELECT i FROM s"
	if dialect == "postgres" {
		seq = "CREATE TABLE bench_seq AS SELECT generate_series(1, " + n(1_000_000) + ") AS i"
	}
	nc, no, nconv := n(100_000), n(200_000), n(200_000)
	now := ts("0", "0")
	r := strings.NewReplacer("{NC}", nc, "{NO}", no, "{NCONV}", nconv, "{NOW}", now)
	stmts := []string{seq,
		`INSERT INTO teams (id, name, created_at) VALUES (1, 'T1', {NOW}), (2, 'T2', {NOW})`,
		`INSERT INTO users (id, email, name, role, team_id, created_at) SELECT i, 'u' || i || '@bench.example', 'user ' || i,
			CASE WHEN i = 1 THEN 'admin' WHEN i < 4 THEN 'manager' ELSE 'rep' END,
			CASE WHEN i = 1 THEN NULL WHEN i < 4 THEN i - 1 ELSE i % 2 + 1 END, {NOW} FROM bench_seq WHERE i <= 13`,
		`INSERT INTO customers (id, name, kind, status, owner_id, region, level, created_at, updated_at)
			SELECT i, '客户' || i, CASE WHEN i % 100 = 0 THEN 'dealer' ELSE 'customer' END, 'deal', 4 + i % 10,
			'R' || (i % 8), CASE i % 3 WHEN 0 THEN 'A' WHEN 1 THEN 'B' ELSE 'C' END, ` + ts("i % 365", "i % 86400") + `, {NOW}
			FROM bench_seq WHERE i <= {NC}`,
		`INSERT INTO products (id, sku, name, category, unit, list_price, cost, active, created_at, updated_at)
			SELECT i, 'SKU' || i, '产品' || i, 'cat' || (i % 12), '件', 1000 + i, CASE WHEN i % 5 = 0 THEN NULL ELSE 600 END,
			` + boolLit(dialect) + `, {NOW}, {NOW} FROM bench_seq WHERE i <= 200`,
		`INSERT INTO orders (id, kind, number, customer_id, items, amount, currency, status, owner_id, created_at, updated_at,
			order_date, sales_date, dealer_id)
			SELECT i, 'order', 'SO' || i, i % {NC} + 1, '[]', 2000 + (i % 50) * 10, 'CNY',
			CASE WHEN i % 20 = 0 THEN 'cancelled' ELSE 'active' END, 4 + (i % {NC} + 1) % 10, {NOW}, {NOW},
			` + date("i % 365") + `, ` + date("i % 365") + `, CASE WHEN i % 4 = 0 THEN 100 ELSE NULL END
			FROM bench_seq WHERE i <= {NO}`,
		`INSERT INTO order_lines (order_id, line_no, product_id, product, quantity, unit_price, amount, unit_cost)
			SELECT id, 1, id % 200 + 1, 'P', 1, 1000 + (id % 50) * 10, 1000 + (id % 50) * 10,
			CASE WHEN (id % 200 + 1) % 5 = 0 THEN NULL ELSE 600 END FROM orders`,
		`INSERT INTO order_lines (order_id, line_no, product_id, product, quantity, unit_price, amount, unit_cost)
			SELECT id, 2, (id * 7) % 200 + 1, 'P', 2, 500, 1000, CASE WHEN ((id * 7) % 200 + 1) % 5 = 0 THEN NULL ELSE 600 END FROM orders`,
		`UPDATE orders SET margin = (SELECT sum(l.amount - l.quantity * l.unit_cost) FROM order_lines l
			WHERE l.order_id = orders.id AND l.unit_cost IS NOT NULL),
			costed = (SELECT sum(l.amount) FROM order_lines l WHERE l.order_id = orders.id AND l.unit_cost IS NOT NULL)`,
		`INSERT INTO payment_plans (id, order_id, instalment, due_date, amount, paid, status, created_at)
			SELECT id, id, 1, ` + date("id % 365 - 30") + `, amount, CASE WHEN id % 3 = 0 THEN 0 ELSE amount END,
			CASE WHEN id % 3 = 0 THEN 'pending' ELSE 'paid' END, {NOW} FROM orders`,
		`INSERT INTO payments (order_id, plan_id, amount, method, paid_at, created_at)
			SELECT order_id, id, amount, 'bank', ` + ts("order_id % 365 - 25", "0") + `, {NOW} FROM payment_plans WHERE paid > 0`,
		`INSERT INTO followups (id, method, at, user_id, refs, created_at)
			SELECT i, CASE i % 7 WHEN 0 THEN 'call' WHEN 1 THEN 'visit' WHEN 2 THEN 'wechat' WHEN 3 THEN 'email'
			WHEN 4 THEN 'meeting' WHEN 5 THEN 'sms' ELSE 'other' END, ` + ts("i % 365", "i % 86400") + `, 4 + i % 10, '[]', {NOW}
			FROM bench_seq WHERE i <= ` + n(1_000_000),
		`INSERT INTO conversations (id, channel, account, status, assignee_id, last_message_at, last_inbound_at, created_at)
			SELECT i, CASE i % 3 WHEN 0 THEN 'wechat' WHEN 1 THEN 'email' ELSE 'webform' END, 'a',
			CASE WHEN i % 4 = 0 THEN 'open' ELSE 'resolved' END, CASE WHEN i % 7 = 0 THEN NULL ELSE 4 + i % 10 END,
			` + ts("i % 365", "i % 86400 + 2400") + `, ` + ts("i % 365", "i % 86400 + 1200") + `, ` + ts("i % 365", "i % 86400") + `
			FROM bench_seq WHERE i <= {NCONV}`,
		`INSERT INTO messages (id, conversation_id, channel, account, direction, external_id, sent_at, created_at, author_id)
			SELECT s.i, c.id, c.channel, 'a', CASE WHEN (s.i - 1) / {NCONV} % 2 = 0 THEN 'in' ELSE 'out' END, 'm' || s.i,
			` + ts("c.id % 365", "c.id % 86400 + ((s.i - 1) / {NCONV}) * 600") + `, {NOW},
			CASE WHEN (s.i - 1) / {NCONV} % 2 = 0 THEN NULL ELSE 4 + c.id % 10 END
			FROM bench_seq s JOIN conversations c ON c.id = (s.i - 1) % {NCONV} + 1 WHERE s.i <= ` + n(1_000_000),
		`INSERT INTO bot_decisions (message_id, conversation_id, channel, account, action, reason, decided_at)
			SELECT id, conversation_id, channel, account, CASE WHEN id % 2 = 0 THEN 'answer' ELSE 'handoff' END, 'bench', sent_at
			FROM messages WHERE direction = 'in' AND id % 5 = 0`,
		`INSERT INTO leads (id, name, channel, source, status, owner_id, created_at, updated_at)
			SELECT i, '线索' || i, CASE i % 3 WHEN 0 THEN 'wechat' WHEN 1 THEN 'email' ELSE 'webform' END,
			'{"form":"f' || (i % 5) || '","utm_campaign":"c' || (i % 4) || '","campaign":"s' || (i % 6) || '"}',
			CASE WHEN i % 10 = 0 THEN 'converted' ELSE 'new' END, 4 + i % 10, ` + ts("i % 365", "i % 86400") + `, {NOW}
			FROM bench_seq WHERE i <= ` + n(100_000),
		`INSERT INTO lead_conversions (lead_id, customer_id, converted_at)
			SELECT id, id % {NC} + 1, ` + ts("id % 365 - 5", "0") + ` FROM leads WHERE status = 'converted'`,
		`INSERT INTO tasks (id, title, due_at, assignee_id, status, refs, created_at, updated_at, completed_at)
			SELECT i, 't' || i, ` + ts("i % 365", "0") + `, 4 + i % 10, CASE WHEN i % 3 = 0 THEN 'open' ELSE 'done' END, '[]',
			{NOW}, {NOW}, CASE WHEN i % 3 = 0 THEN NULL ELSE ` + ts("i % 365", "3600") + ` END FROM bench_seq WHERE i <= ` + n(50_000),
		`DROP TABLE bench_seq`,
	}
	for i := range stmts {
		stmts[i] = r.Replace(stmts[i])
	}
	return stmts
}

func boolLit(dialect string) string {
	if dialect == "postgres" {
		return "TRUE"
	}
	return "1"
}

// reportCases are the queries the benchmark times: each report at the
// period a manager looks at most, and the heaviest (a year by month).
func reportCases(today crm.Date) []crm.ReportQuery {
	mf, mt := crm.BucketRange(crm.GrainMonth, today)
	qf, qt := crm.BucketRange(crm.GrainQuarter, today)
	yf := crm.DateOf(today.Time().AddDate(-1, 0, 1))
	return []crm.ReportQuery{
		{Report: crm.ReportSales, By: crm.ByRep, From: mf, To: mt},
		{Report: crm.ReportSales, By: "product", From: qf, To: qt, Top: 20},
		{Report: crm.ReportSales, By: crm.ByPeriod, Grain: crm.GrainMonth, From: yf, To: today, Compare: crm.CompareYear},
		{Report: crm.ReportReceivables, By: crm.ByPeriod, Grain: crm.GrainMonth, From: qf, To: qt},
		{Report: crm.ReportReceivables, By: "aging", From: mf, To: mt},
		{Report: crm.ReportWorkload, By: crm.ByRep, From: mf, To: mt},
		{Report: crm.ReportFunnel, By: crm.ByChannel, From: qf, To: qt},
		{Report: crm.ReportService, By: crm.ByPeriod, Grain: crm.GrainDay, From: mf, To: mt},
		{Report: crm.ReportService, By: crm.ByRep, From: mf, To: mt},
	}
}

// BenchReports times every report case as an admin and as a team's
// manager, and reports each one's p95 in milliseconds and the process's
// CPU time per run (for SQLite the query's; for PostgreSQL only the
// client's share, the server's CPU is its own).
func BenchReports(b *testing.B, s crm.Store, today time.Time) {
	rs := s.(crm.ReportStore)
	day := crm.DateOf(today.UTC())
	// The seed's inserts marked every day dirty, as a migration's backfill
	// does: the sweep's first runs build the rollups (once per cached seed).
	start, days := time.Now(), 0
	for {
		n, err := rs.RefreshReportRollups(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if days += n; n == 0 {
			break
		}
	}
	if days > 0 {
		b.Logf("built the rollups of %d days in %s", days, time.Since(start).Round(time.Millisecond))
	}
	viewers := map[string]crm.Viewer{"admin": {UserID: 1, Role: crm.RoleAdmin}, "manager": {UserID: 2, Role: crm.RoleManager, TeamID: 1}}
	for _, q := range reportCases(day) {
		for _, who := range []string{"admin", "manager"} {
			q := q
			q.Viewer, q.Today = viewers[who], day
			name := fmt.Sprintf("%s-by-%s-%s-%s", q.Report, q.By, q.Grain, who)
			b.Run(name, func(b *testing.B) {
				var took []time.Duration
				cpu := cpuTime()
				for b.Loop() {
					start := time.Now()
					if _, err := rs.Report(context.Background(), q); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				slices.Sort(took)
				p95 := took[min(len(took)-1, len(took)*95/100)]
				b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
				b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
			})
		}
	}
}
