package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := crm.ErrorCode(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
}

// wantFields fails unless err is EINVALID naming every field.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	wantCode(t, err, crm.EINVALID)
	got := crm.ErrorFields(err)
	for _, f := range fields {
		if got[f] == "" {
			t.Errorf("fields = %v, want %q named", got, f)
		}
	}
}

// same fails unless got and want are deeply equal.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func ptr[T any](v T) *T { return &v }

// aTime is a time with a nanosecond part, to show that stores keep
// microseconds and UTC on every engine.
func aTime(days int) time.Time {
	return time.Date(2026, 3, 1, 9, 30, 15, 123456789, time.FixedZone("CST", 8*3600)).AddDate(0, 0, days)
}

// stored is t as a store keeps it: UTC, microseconds.
func stored(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// world is a small company: admin, two teams each with a manager and reps.
type world struct {
	admin, mgrA, repA1, repA2, mgrB, repB *crm.User
	teamA, teamB                          *crm.Team
}

func newWorld(t *testing.T, s crm.Store) *world {
	t.Helper()
	w := &world{teamA: &crm.Team{Name: "华南销售部"}, teamB: &crm.Team{Name: "Export"}}
	must(t, s.CreateTeam(ctx, w.teamA))
	must(t, s.CreateTeam(ctx, w.teamB))
	mk := func(email string, role crm.Role, team *crm.Team) *crm.User {
		u := &crm.User{Email: email, Name: email, Role: role}
		if team != nil {
			u.TeamID = ptr(team.ID)
		}
		must(t, s.CreateUser(ctx, u))
		return u
	}
	w.admin = mk("admin@rapport.example", crm.RoleAdmin, nil)
	w.mgrA = mk("mgr.a@rapport.example", crm.RoleManager, w.teamA)
	w.repA1 = mk("rep.a1@rapport.example", crm.RoleRep, w.teamA)
	w.repA2 = mk("rep.a2@rapport.example", crm.RoleRep, w.teamA)
	w.mgrB = mk("mgr.b@rapport.example", crm.RoleManager, w.teamB)
	w.repB = mk("rep.b@rapport.example", crm.RoleRep, w.teamB)
	return w
}

// owners lists the owners a visibility test spreads records over: nil is
// the pool.
func (w *world) owners() []*crm.User {
	return []*crm.User{nil, w.mgrA, w.repA1, w.repA2, w.mgrB, w.repB}
}

// sees tells whether viewer u may see a record owned by owner (nil: pool),
// by the rule in crm.Viewer, written out independently of the stores.
func (w *world) sees(u, owner *crm.User) bool {
	switch {
	case u.Role == crm.RoleAdmin, owner == nil, owner.ID == u.ID:
		return true
	case u.Role == crm.RoleManager:
		return u.TeamID != nil && owner.TeamID != nil && *u.TeamID == *owner.TeamID
	}
	return false
}

func (w *world) viewers() []*crm.User {
	return []*crm.User{w.admin, w.mgrA, w.repA1, w.repA2, w.mgrB, w.repB}
}

func ownerID(u *crm.User) *int64 {
	if u == nil {
		return nil
	}
	return ptr(u.ID)
}
