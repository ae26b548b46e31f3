package pool_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the raw connection that seeds PostgreSQL

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/pool"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// BenchmarkPool seeds RAPPORT_POOL_BENCH_LEADS leads (default 10,000) and
// a tenth as many customers owned by 10 reps, 1 % due for reclaim and 1 %
// with a warning to give, then times:
//
//   - sweep: one reclaim sweep of the 1 % due; sweep+warn: the 1 % due
//     and 1 % more to warn. Each op re-arms them under new periods.
//     Reported per item (reclaims + warnings), wall and CPU of this
//     process (all of SQLite's work; PostgreSQL's server is apart);
//   - list-*: the lists with the days-left sort, p95 over the ops.
//
// RAPPORT_POOL_BENCH_LEADS=1000000 go test ./pool -run '^$' -bench Pool -benchtime 1x
//
// With RAPPORT_POOL_BENCH_DIR the SQLite data set is kept there and
// reused (to study plans with the sqlite3 shell, or profile again).
func BenchmarkPool(b *testing.B) {
	n := 10_000
	if s := os.Getenv("RAPPORT_POOL_BENCH_LEADS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	for _, en := range benchEngines {
		b.Run(en.name, func(b *testing.B) {
			db, raw, seeded := en.open(b, n)
			// Each op's periods are new seconds, also across runs on a kept set.
			bs := &benchSet{db: db, raw: raw, dialect: en.name, leads: n, customers: n / 10,
				round: int(time.Now().Unix() % 80_000)}
			if !seeded {
				bs.seed(b)
			}
			b.Run("sweep", bs.sweep)
			bs.warn = true
			b.Run("sweep+warn", bs.sweep)
			b.Run("list-admin", bs.list(crm.System, false))
			b.Run("list-rep", bs.list(crm.Viewer{UserID: 3, Role: crm.RoleRep}, false))
			b.Run("list-pool", bs.list(crm.System, true))
		})
	}
}

var benchNow = time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC)

type benchEngine struct {
	name string
	open func(b *testing.B, n int) (db *sqlstore.DB, raw *sql.DB, seeded bool)
}

var benchEngines = []benchEngine{
	{"sqlite", func(b *testing.B, n int) (*sqlstore.DB, *sql.DB, bool) {
		path := filepath.Join(b.TempDir(), "rapport.db")
		if dir := os.Getenv("RAPPORT_POOL_BENCH_DIR"); dir != "" {
			path = filepath.Join(dir, fmt.Sprintf("pool-bench-%d.db", n))
		}
		_, err := os.Stat(path)
		seeded := err == nil
		db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Now: func() time.Time { return benchNow }})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_time_format=sqlite")
		if err != nil {
			b.Fatal(err)
		}
		raw.SetMaxOpenConns(1)
		b.Cleanup(func() { raw.Close() })
		return migratedTB(b, db), raw, seeded
	}},
	{"postgres", func(b *testing.B, n int) (*sqlstore.DB, *sql.DB, bool) {
		var u string
		if os.Getenv("RAPPORT_POOL_BENCH_DIR") != "" { // keep the schema too
			schema := fmt.Sprintf("pool_bench_%d", n)
			pgtest.SharedExtensions(b, pgtest.URL(b))
			pgtest.Exec(b, pgtest.URL(b), "CREATE SCHEMA IF NOT EXISTS "+schema)
			u = pgtest.WithSearchPath(b, pgtest.URL(b), schema)
		} else {
			u = pgtest.FreshSchema(b, pgtest.URL(b))
		}
		u = addQuery(u, "application_name="+benchApp)
		db, err := postgres.Open(ctx, postgres.Config{URL: u, Now: func() time.Time { return benchNow }})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		raw, err := sql.Open("pgx", u)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { raw.Close() })
		var seeded bool
		err = raw.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = 'pool_rules')`).Scan(&seeded)
		if err == nil && seeded {
			err = raw.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pool_rules)`).Scan(&seeded)
		}
		if err != nil {
			b.Fatal(err)
		}
		return migratedTB(b, db), raw, seeded
	}},
}

func migratedTB(b *testing.B, db *sqlstore.DB) *sqlstore.DB {
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	return db
}

type benchSet struct {
	db               *sqlstore.DB
	raw              *sql.DB
	dialect          string
	leads, customers int
	round            int
	warn             bool // the sweep also gives 1 % warnings
}

// seed makes 10 reps (ids 1–10 in two teams), the rules (idle 30 days,
// warned 3 days before) and the records, in SQL.
func (s *benchSet) seed(b *testing.B) {
	start := time.Now()
	for i := 1; i <= 2; i++ {
		if err := s.db.CreateTeam(ctx, &crm.Team{Name: fmt.Sprintf("team %d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	for i := 1; i <= 10; i++ {
		team := int64(i%2 + 1)
		u := &crm.User{Email: fmt.Sprintf("rep%d@bench.example", i), Name: "rep", Role: crm.RoleRep, TeamID: &team}
		if err := s.db.CreateUser(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
	for _, k := range []string{crm.RefLead, crm.RefCustomer} {
		if err := s.db.SavePoolRule(ctx, &crm.PoolRule{Kind: k, IdleDays: 30, WarnDays: 3}); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.db.SetPoolLimits(ctx, crm.PoolLimits{CooldownDays: 7}); err != nil {
		b.Fatal(err)
	}
	for _, q := range s.seedSQL() {
		if _, err := s.raw.ExecContext(ctx, q); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	b.Logf("seeded %d leads and %d customers in %v", s.leads, s.customers, time.Since(start).Round(time.Second))
}

// seedSQL: record i is owned by rep i%10+1 and claimed 10 days ago; i%100
// = 0 is due (reclaim yesterday, warned already), i%100 = 1 has its
// warning to give (reclaim tomorrow), the rest fall due in 5–24 days.
func (s *benchSet) seedSQL() []string {
	series, at := func(n int) string {
		return fmt.Sprintf("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d) ", n)
	}, func(days string) string {
		return "strftime('%Y-%m-%d %H:%M:%S', '2026-02-15', (" + days + ") || ' days') || '+00:00'"
	}
	from := " FROM s"
	if s.dialect == "postgres" {
		series = func(n int) string { return "" }
		at = func(days string) string {
			return "(TIMESTAMPTZ '2026-02-15 00:00:00+00' + (" + days + ") * INTERVAL '1 day')"
		}
	}
	due := "CASE i % 100 WHEN 0 THEN -1 WHEN 1 THEN 1 ELSE i % 20 + 5 END"
	warnPending := "CASE i % 100 WHEN 0 THEN NULL ELSE " + at(due+" - 3") + " END"
	var qs []string
	for _, t := range []struct {
		table, cols, vals string
		n                 int
	}{
		{"leads", "name, channel, status", "'线索 ' || i, 'web', 'new'", s.leads},
		{"customers", "name, kind, status", "'客户 ' || i, 'customer', 'potential'", s.customers},
	} {
		f := from
		if s.dialect == "postgres" {
			f = fmt.Sprintf(" FROM generate_series(1, %d) AS s(i)", t.n)
		}
		qs = append(qs, series(t.n)+`INSERT INTO `+t.table+` (`+t.cols+`, owner_id, created_at, updated_at, claimed_at,
			last_activity_at, reclaim_at, warn_at, warn_pending, reclaim_rule_id, reclaim_why, pool_checked)
			SELECT `+t.vals+`, i % 10 + 1, `+at("-10")+`, `+at("-10")+`, `+at("-10")+`, `+at(due+" - 30")+`, `+
			at(due)+`, `+at(due+" - 3")+`, `+warnPending+`, (SELECT id FROM pool_rules WHERE kind = '`+
			map[string]string{"leads": "lead", "customers": "customer"}[t.table]+`'), 'idle', 1`+f)
	}
	if s.dialect == "postgres" {
		qs = append(qs, "ANALYZE leads", "ANALYZE customers")
	}
	return qs
}

// rearm gives the due 2 % back to their owners under new periods (a
// second later each round), so that each op sweeps as many items.
func (s *benchSet) rearm(b *testing.B) {
	s.round++
	at := func(days string) string {
		return fmt.Sprintf("strftime('%%Y-%%m-%%d %%H:%%M:%%S', '2026-02-15', (%s) || ' days', '-%d seconds') || '+00:00'", days, s.round)
	}
	if s.dialect == "postgres" {
		at = func(days string) string {
			return fmt.Sprintf("(TIMESTAMPTZ '2026-02-15 00:00:00+00' + (%s) * INTERVAL '1 day' - %d * INTERVAL '1 second')", days, s.round)
		}
	}
	for table, kind := range map[string]string{"leads": crm.RefLead, "customers": crm.RefCustomer} {
		set := `UPDATE ` + table + ` SET owner_id = id % 10 + 1, pool_team_id = NULL, reclaim_why = 'idle',
			reclaim_rule_id = (SELECT id FROM pool_rules WHERE kind = '` + kind + `'), `
		for _, q := range []string{
			set + `reclaim_at = ` + at("-1") + `, warn_at = ` + at("-4") + `, warn_pending = NULL WHERE id % 100 = 0`,
			set + `reclaim_at = ` + at("1") + `, warn_at = ` + at("-2") + `, warn_pending = ` + at("-2") +
				` WHERE id % 100 = 1`,
		} {
			if !s.warn && strings.Contains(q, "id % 100 = 1") {
				// No warnings in this op: those the seed left pending
				// would be done (and not counted) in its first sweep.
				q = `UPDATE ` + table + ` SET warn_pending = NULL WHERE id % 100 = 1`
			}
			if _, err := s.raw.ExecContext(ctx, q); err != nil {
				b.Fatalf("%v\n%s", err, q)
			}
		}
	}
}

func (s *benchSet) sweep(b *testing.B) {
	p := pool.New(pool.Config{Store: s.db, Now: func() time.Time { return benchNow }, Lang: "zh-CN", Batch: benchBatch()})
	items := (s.leads + s.customers) / 100
	if s.warn {
		items *= 2
	}
	var cpu, server time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s.rearm(b)
		c0, s0 := cpuTime(), s.backendCPU(b)
		b.StartTimer()
		if err := p.Run(ctx, benchNow); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		server += s.backendCPU(b).since(s0)
		if due, err := s.db.DueReclaims(ctx, benchNow, 1); err != nil || len(due) != 0 {
			b.Fatalf("still due after the sweep: %v %v", due, err)
		}
		if due, err := s.db.DueWarnings(ctx, benchNow, 1); err != nil || len(due) != 0 {
			b.Fatalf("warnings left after the sweep: %v %v", due, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*items), "µs/item")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*items), "cpu-µs/item")
	b.ReportMetric(float64(items), "items/op")
	if s.dialect == "postgres" {
		// The server processes of this benchmark's connections only.
		b.ReportMetric(float64(server.Microseconds())/float64(b.N*items), "pg-cpu-µs/item")
	}
}

// list times the first page (50) of a lead list, 200 times per op: with
// the days-left sort, or the pool (owned by no one), and reports the p95.
func (s *benchSet) list(v crm.Viewer, inPool bool) func(b *testing.B) {
	return func(b *testing.B) {
		f := crm.LeadFilter{Viewer: v, Page: crm.Page{Limit: 50}, InPool: inPool}
		if !inPool {
			f.PoolFilter.Sort = crm.SortReclaim
		}
		var took []time.Duration
		for range b.N * 200 {
			t0 := time.Now()
			l, err := s.db.ListLeads(ctx, f)
			took = append(took, time.Since(t0))
			if err != nil || (!inPool && len(l.Items) == 0) {
				b.Fatalf("list: %d items, %v", len(l.Items), err)
			}
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchBatch is RAPPORT_POOL_BENCH_BATCH, or 0 for the pool's default.
func benchBatch() int {
	n, _ := strconv.Atoi(os.Getenv("RAPPORT_POOL_BENCH_BATCH"))
	return n
}

// benchApp names the benchmark's PostgreSQL connections, so that their
// server processes can be told from other tests' on a shared machine.
const benchApp = "rapport_pool_bench"

// backendCPU is the CPU time (user and system, from /proc, in clock ticks
// of 10 ms) used so far by each server process of this benchmark's
// connections; nil on SQLite, whose work is this process's.
func (s *benchSet) backendCPU(b *testing.B) backendTimes {
	if s.dialect != "postgres" {
		return nil
	}
	rows, err := s.raw.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, benchApp)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	t := backendTimes{}
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			b.Fatal(err)
		}
		f, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue // ended, or the server runs elsewhere
		}
		fields := strings.Fields(string(f[strings.LastIndexByte(string(f), ')')+2:]))
		if len(fields) > 12 {
			u, _ := strconv.ParseInt(fields[11], 10, 64)
			st, _ := strconv.ParseInt(fields[12], 10, 64)
			t[pid] = time.Duration(u+st) * 10 * time.Millisecond
		}
	}
	return t
}

// addQuery adds a parameter to a URL.
func addQuery(u, kv string) string {
	if strings.Contains(u, "?") {
		return u + "&" + kv
	}
	return u + "?" + kv
}

// backendTimes is each server process's CPU time, by pid.
type backendTimes map[int]time.Duration

// since is the CPU time used since before by the processes of t (one
// started since counts whole; one ended since is lost: a lower bound).
func (t backendTimes) since(before backendTimes) time.Duration {
	var d time.Duration
	for pid, c := range t {
		d += c - before[pid]
	}
	return d
}
