package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var userTests = []storeTest{
	{"User/RoundTrip", testUserRoundTrip},
	{"User/Conflict", testUserConflict},
	{"User/Invalid", testUserInvalid},
	{"User/NotFound", testUserNotFound},
	{"User/ListAndCount", testUserList},
	{"Team/Conflict", testTeamConflict},
	{"Session/Lifecycle", testSessions},
	{"APIToken/Lifecycle", testAPITokens},
	{"Session/EndedByNewPassword", testSessionsEndOnPassword},
}

func testUserRoundTrip(t *testing.T, s crm.Store) {
	team := &crm.Team{Name: "华东大区"}
	must(t, s.CreateTeam(ctx, team))
	u := &crm.User{Email: " Wang.Fang@Rapport.Example ", Name: "王芳", Role: crm.RoleManager,
		TeamID: ptr(team.ID), Locale: "zh-CN", PasswordHash: "$argon2id$x"}
	must(t, s.CreateUser(ctx, u))
	if u.ID == 0 || u.CreatedAt.IsZero() || u.Email != "wang.fang@rapport.example" {
		t.Fatalf("after create: %+v", u)
	}
	got, err := s.UserByID(ctx, u.ID)
	must(t, err)
	same(t, "by id", got, u)
	got, err = s.UserByEmail(ctx, "WANG.fang@rapport.example")
	must(t, err)
	same(t, "by email", got, u)

	u.Name, u.Role, u.TeamID, u.Locale, u.Disabled, u.PasswordHash = "Fang Wang", crm.RoleRep, nil, "en", true, "$argon2id$y"
	must(t, s.UpdateUser(ctx, u))
	got, err = s.UserByID(ctx, u.ID)
	must(t, err)
	same(t, "after update", got, u)
}

func testUserConflict(t *testing.T, s crm.Store) {
	must(t, s.CreateUser(ctx, &crm.User{Email: "li@rapport.example", Role: crm.RoleRep}))
	wantCode(t, s.CreateUser(ctx, &crm.User{Email: "LI@rapport.example", Role: crm.RoleRep}), crm.ECONFLICT)
	if n, err := s.CountUsers(ctx); err != nil || n != 1 {
		t.Fatalf("count = %d, %v; want 1 after the conflict", n, err)
	}
}

func testUserInvalid(t *testing.T, s crm.Store) {
	wantFields(t, s.CreateUser(ctx, &crm.User{Email: "not an email", Role: "boss"}), "email", "role")
	wantFields(t, s.CreateUser(ctx, &crm.User{Email: "a@b.example", Role: crm.RoleRep, TeamID: ptr(int64(999))}), "team_id")
	u := &crm.User{Email: "a@b.example", Role: crm.RoleRep}
	must(t, s.CreateUser(ctx, u))
	u.Locale = "fr"
	wantFields(t, s.UpdateUser(ctx, u), "locale")
	if n, _ := s.CountUsers(ctx); n != 1 {
		t.Fatalf("count = %d, want 1", n)
	}
}

func testUserNotFound(t *testing.T, s crm.Store) {
	_, err := s.UserByID(ctx, 42)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.UserByEmail(ctx, "nobody@rapport.example")
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.UpdateUser(ctx, &crm.User{ID: 42, Email: "x@y.example", Role: crm.RoleRep}), crm.ENOTFOUND)
}

func testUserList(t *testing.T, s crm.Store) {
	if n, err := s.CountUsers(ctx); err != nil || n != 0 {
		t.Fatalf("empty count = %d, %v", n, err)
	}
	users, err := s.ListUsers(ctx)
	must(t, err)
	if users == nil || len(users) != 0 {
		t.Fatalf("empty list = %#v, want an empty slice", users)
	}
	w := newWorld(t, s)
	users, err = s.ListUsers(ctx)
	must(t, err)
	same(t, "users", users, w.viewers())
	n, err := s.CountUsers(ctx)
	must(t, err)
	if n != 6 {
		t.Fatalf("count = %d, want 6", n)
	}
	teams, err := s.ListTeams(ctx)
	must(t, err)
	same(t, "teams", teams, []*crm.Team{w.teamA, w.teamB})
}

func testTeamConflict(t *testing.T, s crm.Store) {
	must(t, s.CreateTeam(ctx, &crm.Team{Name: "销售一部"}))
	wantCode(t, s.CreateTeam(ctx, &crm.Team{Name: "销售一部"}), crm.ECONFLICT)
	wantFields(t, s.CreateTeam(ctx, &crm.Team{Name: " "}), "name")
}

func testSessions(t *testing.T, s crm.Store) {
	u := &crm.User{Email: "s@rapport.example", Role: crm.RoleRep}
	must(t, s.CreateUser(ctx, u))
	live := &crm.Session{TokenHash: crm.HashToken("live"), UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
	must(t, s.CreateSession(ctx, live))
	got, err := s.SessionUser(ctx, live.TokenHash)
	must(t, err)
	same(t, "session user", got, u)
	wantCode(t, s.CreateSession(ctx, &crm.Session{TokenHash: live.TokenHash, UserID: u.ID,
		ExpiresAt: time.Now().Add(time.Hour)}), crm.ECONFLICT)
	wantFields(t, s.CreateSession(ctx, &crm.Session{TokenHash: "h", UserID: 999, ExpiresAt: time.Now()}), "user_id")

	expired := &crm.Session{TokenHash: crm.HashToken("old"), UserID: u.ID, ExpiresAt: time.Now().Add(-time.Minute)}
	must(t, s.CreateSession(ctx, expired))
	_, err = s.SessionUser(ctx, expired.TokenHash)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.SessionUser(ctx, "missing")
	wantCode(t, err, crm.ENOTFOUND)

	u.Disabled = true
	must(t, s.UpdateUser(ctx, u))
	_, err = s.SessionUser(ctx, live.TokenHash)
	wantCode(t, err, crm.ENOTFOUND)
	u.Disabled = false
	must(t, s.UpdateUser(ctx, u))
	must(t, s.DeleteSession(ctx, live.TokenHash))
	must(t, s.DeleteSession(ctx, live.TokenHash)) // twice: not an error
	_, err = s.SessionUser(ctx, live.TokenHash)
	wantCode(t, err, crm.ENOTFOUND)
}

func testAPITokens(t *testing.T, s crm.Store) {
	u := &crm.User{Email: "api@rapport.example", Role: crm.RoleAdmin}
	must(t, s.CreateUser(ctx, u))
	tok, hash, err := crm.NewToken("rpt_")
	must(t, err)
	at := &crm.APIToken{UserID: u.ID, Name: "ERP 同步", TokenHash: hash}
	must(t, s.CreateAPIToken(ctx, at))
	if at.ID == 0 || at.CreatedAt.IsZero() {
		t.Fatalf("after create: %+v", at)
	}
	got, err := s.APITokenUser(ctx, crm.HashToken(tok))
	must(t, err)
	same(t, "token user", got, u)
	wantCode(t, s.CreateAPIToken(ctx, &crm.APIToken{UserID: u.ID, Name: "again", TokenHash: hash}), crm.ECONFLICT)
	wantFields(t, s.CreateAPIToken(ctx, &crm.APIToken{UserID: u.ID}), "name", "token_hash")
	wantFields(t, s.CreateAPIToken(ctx, &crm.APIToken{UserID: 999, Name: "x", TokenHash: "y"}), "user_id")
	_, err = s.APITokenUser(ctx, crm.HashToken("wrong"))
	wantCode(t, err, crm.ENOTFOUND)
	// Another admin first: the last one cannot be disabled.
	must(t, s.CreateUser(ctx, &crm.User{Email: "api2@rapport.example", Role: crm.RoleAdmin}))
	u.Disabled = true
	must(t, s.UpdateUser(ctx, u))
	_, err = s.APITokenUser(ctx, hash)
	wantCode(t, err, crm.ENOTFOUND)
}

func testSessionsEndOnPassword(t *testing.T, s crm.Store) {
	u := &crm.User{Email: "p@rapport.example", Role: crm.RoleRep, PasswordHash: "old-hash"}
	must(t, s.CreateUser(ctx, u))
	other := &crm.User{Email: "q@rapport.example", Role: crm.RoleRep}
	must(t, s.CreateUser(ctx, other))
	mine := &crm.Session{TokenHash: crm.HashToken("mine"), UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
	theirs := &crm.Session{TokenHash: crm.HashToken("theirs"), UserID: other.ID, ExpiresAt: time.Now().Add(time.Hour)}
	must(t, s.CreateSession(ctx, mine))
	must(t, s.CreateSession(ctx, theirs))

	u.Name = "Renamed"
	must(t, s.UpdateUser(ctx, u))
	_, err := s.SessionUser(ctx, mine.TokenHash)
	must(t, err) // other changes keep the session

	u.PasswordHash = "new-hash"
	must(t, s.UpdateUser(ctx, u))
	_, err = s.SessionUser(ctx, mine.TokenHash)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.SessionUser(ctx, theirs.TokenHash)
	must(t, err)
}
