package pool_test

import (
	"context"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
	"github.com/rapport-crm/rapport/internal/testkit"
	"github.com/rapport-crm/rapport/pool"
	"github.com/rapport-crm/rapport/store/postgres"
	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/sqlite"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

var ctx = context.Background()

// t0 is a Monday morning in Shanghai.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

// engine opens one database, or a second handle on the one given.
type engine struct {
	name string
	open func(t *testing.T, clock func() time.Time) (first *sqlstore.DB, another func() *sqlstore.DB)
}

var engines = []engine{
	{"sqlite", func(t *testing.T, clock func() time.Time) (*sqlstore.DB, func() *sqlstore.DB) {
		path := testapp.FreshSQLite(t)
		o := func() *sqlstore.DB {
			db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		return migrated(t, o()), o
	}},
	{"postgres", func(t *testing.T, clock func() time.Time) (*sqlstore.DB, func() *sqlstore.DB) {
		u := pgtest.FreshSchema(t, pgtest.URL(t))
		o := func() *sqlstore.DB {
			db, err := postgres.Open(ctx, postgres.Config{URL: u, Now: clock, MaxConns: 4})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		return migrated(t, o()), o
	}},
}

func migrated(t *testing.T, db *sqlstore.DB) *sqlstore.DB {
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// env is one engine's database with a clock, a pool and a small company:
// an admin; team A with a manager and two reps; team B with one rep.
type env struct {
	t            *testing.T
	db           *sqlstore.DB
	another      func() *sqlstore.DB
	clock        *testkit.Clock
	pool         *pool.Pool
	admin, mgrA  crm.Viewer
	repA1, repA2 crm.Viewer
	repB         crm.Viewer
	teamA, teamB int64
}

// forEngines runs fn on each engine, each in a fresh database.
func forEngines(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, en := range engines {
		t.Run(en.name, func(t *testing.T) {
			clock := testkit.NewClock(t0)
			db, another := en.open(t, clock.Now)
			e := &env{t: t, db: db, another: another, clock: clock}
			e.pool = e.poolOn(db)
			e.company()
			fn(t, e)
		})
	}
}

func (e *env) poolOn(db *sqlstore.DB) *pool.Pool {
	return pool.New(pool.Config{Store: db, Now: e.clock.Now, Lang: "en", Batch: 3})
}

func (e *env) company() {
	a, b := &crm.Team{Name: "华南销售部"}, &crm.Team{Name: "Export"}
	e.must(e.db.CreateTeam(ctx, a))
	e.must(e.db.CreateTeam(ctx, b))
	e.teamA, e.teamB = a.ID, b.ID
	mk := func(email string, role crm.Role, team int64) crm.Viewer {
		u := &crm.User{Email: email, Name: email, Role: role}
		if team != 0 {
			u.TeamID = &team
		}
		e.must(e.db.CreateUser(ctx, u))
		return crm.Viewer{UserID: u.ID, Role: role, TeamID: team}
	}
	e.admin = mk("admin@rapport.example", crm.RoleAdmin, 0)
	e.mgrA = mk("mgr.a@rapport.example", crm.RoleManager, a.ID)
	e.repA1 = mk("rep.a1@rapport.example", crm.RoleRep, a.ID)
	e.repA2 = mk("rep.a2@rapport.example", crm.RoleRep, a.ID)
	e.repB = mk("rep.b@rapport.example", crm.RoleRep, b.ID)
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatalf("unexpected error: %v", err)
	}
}

func (e *env) wantCode(err error, code string) {
	e.t.Helper()
	if got := crm.ErrorCode(err); got != code {
		e.t.Fatalf("error = %v (code %q), want %q", err, got, code)
	}
}

// rule saves a pool rule.
func (e *env) rule(r crm.PoolRule) crm.PoolRule {
	e.t.Helper()
	e.must(e.db.SavePoolRule(ctx, &r))
	return r
}

// lead makes a lead owned by owner (0: in the pool) at the clock's time.
func (e *env) lead(name string, owner crm.Viewer) crm.Ref {
	e.t.Helper()
	l := &crm.Lead{Name: name}
	if owner.UserID != 0 {
		l.OwnerID = &owner.UserID
	}
	e.must(e.db.CreateLead(ctx, l))
	return crm.Ref{Kind: crm.RefLead, ID: l.ID}
}

func (e *env) customer(name, level string, owner crm.Viewer) crm.Ref {
	e.t.Helper()
	c := &crm.Customer{Name: name, Level: level}
	if owner.UserID != 0 {
		c.OwnerID = &owner.UserID
	}
	e.must(e.db.CreateCustomer(ctx, c))
	return crm.Ref{Kind: crm.RefCustomer, ID: c.ID}
}

// owner returns a record's owner (0: the pool).
func (e *env) owner(r crm.Ref) int64 {
	e.t.Helper()
	rec, err := e.db.PoolRecord(ctx, r)
	e.must(err)
	if rec.OwnerID == nil {
		return 0
	}
	return *rec.OwnerID
}

// sweepAt moves the clock to t0+d and runs the sweep.
func (e *env) sweepAt(d time.Duration) {
	e.t.Helper()
	e.clock.Set(t0.Add(d))
	e.must(e.pool.Run(ctx, e.clock.Now()))
}

func (e *env) followUp(r crm.Ref, by crm.Viewer) {
	e.t.Helper()
	e.must(e.db.CreateFollowUp(ctx, &crm.FollowUp{Method: crm.FollowCall, At: e.clock.Now(), UserID: by.UserID,
		Refs: []crm.Ref{r}}))
}
