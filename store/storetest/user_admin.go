package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunUserAdmin is what the admin pages rely on: the last admin stays,
// one-time password links work once, tokens and rules can be listed and
// removed, teams renamed.
func RunUserAdmin(t *testing.T, open Opener) {
	for _, tt := range []storeTest{
		{"LastAdmin", testLastAdmin},
		{"LastAdminRace", testLastAdminRace},
		{"UserKeys", testUserKeys},
		{"ResetEndsSessions", testResetEndsSessions},
		{"TokensAndRules", testTokensAndRules},
		{"InstallFlags", testInstallFlags},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func testLastAdmin(t *testing.T, s crm.Store) {
	a := &crm.User{Email: "a@rapport.example", Role: crm.RoleAdmin}
	must(t, s.CreateUser(ctx, a))
	rep := &crm.User{Email: "r@rapport.example", Role: crm.RoleRep}
	must(t, s.CreateUser(ctx, rep))

	demoted := *a
	demoted.Role = crm.RoleManager
	wantCode(t, s.UpdateUser(ctx, &demoted), crm.ECONFLICT)
	off := *a
	off.Disabled = true
	err := s.UpdateUser(ctx, &off)
	wantCode(t, err, crm.ECONFLICT)
	if crm.ErrorMessage(err) != crm.LastAdminMessage {
		t.Fatalf("message = %q", crm.ErrorMessage(err))
	}
	got, err := s.UserByID(ctx, a.ID)
	must(t, err)
	if got.Role != crm.RoleAdmin || got.Disabled {
		t.Fatalf("refused change was kept: %+v", got)
	}
	// Other changes to the last admin pass, as do changes to others.
	a.Name = "管理员"
	must(t, s.UpdateUser(ctx, a))
	rep.Disabled = true
	must(t, s.UpdateUser(ctx, rep))

	// With a second admin, the first may go.
	rep.Disabled, rep.Role = false, crm.RoleAdmin
	must(t, s.UpdateUser(ctx, rep))
	must(t, s.UpdateUser(ctx, &demoted))
	rep.Disabled = true
	wantCode(t, s.UpdateUser(ctx, rep), crm.ECONFLICT)
}

// testLastAdminRace: two admins each demote the other at once; one must
// lose, so that an admin remains.
func testLastAdminRace(t *testing.T, s crm.Store) {
	for round := range 5 {
		a := &crm.User{Email: "a" + string(rune('0'+round)) + "@rapport.example", Role: crm.RoleAdmin}
		b := &crm.User{Email: "b" + string(rune('0'+round)) + "@rapport.example", Role: crm.RoleAdmin}
		must(t, s.CreateUser(ctx, a))
		must(t, s.CreateUser(ctx, b))
		if round > 0 {
			// Only this round's pair are admins.
			for _, u := range mustUsers(t, s) {
				if u.Role == crm.RoleAdmin && u.ID != a.ID && u.ID != b.ID && !u.Disabled {
					u.Disabled = true
					must(t, s.UpdateUser(ctx, u))
				}
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, u := range []*crm.User{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := *u
				d.Role = crm.RoleRep
				errs[i] = s.UpdateUser(ctx, &d)
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one refusal", round, errs[0], errs[1])
		}
		for _, err := range errs {
			if err != nil {
				wantCode(t, err, crm.ECONFLICT)
			}
		}
	}
}

func mustUsers(t *testing.T, s crm.Store) []*crm.User {
	us, err := s.ListUsers(ctx)
	must(t, err)
	return us
}

func testUserKeys(t *testing.T, s crm.Store) {
	admin := &crm.User{Email: "admin@rapport.example", Role: crm.RoleAdmin}
	must(t, s.CreateUser(ctx, admin))
	u := &crm.User{Email: "new@rapport.example", Name: "王芳", Role: crm.RoleRep}
	must(t, s.CreateUser(ctx, u))

	_, first, err := crm.NewToken("")
	must(t, err)
	k := &crm.UserKey{TokenHash: first, UserID: u.ID, Purpose: crm.KeyInvite, CreatedBy: &admin.ID,
		ExpiresAt: time.Now().Add(time.Hour)}
	must(t, s.CreateUserKey(ctx, k))
	gotK, gotU, err := s.UserKeyOf(ctx, first)
	must(t, err)
	if gotK.Purpose != crm.KeyInvite || gotU.ID != u.ID || gotK.CreatedBy == nil || *gotK.CreatedBy != admin.ID {
		t.Fatalf("key %+v user %+v", gotK, gotU)
	}
	// A second invitation replaces the first.
	_, second, err := crm.NewToken("")
	must(t, err)
	must(t, s.CreateUserKey(ctx, &crm.UserKey{TokenHash: second, UserID: u.ID, Purpose: crm.KeyInvite,
		ExpiresAt: time.Now().Add(time.Hour)}))
	_, _, err = s.UserKeyOf(ctx, first)
	wantCode(t, err, crm.ENOTFOUND)

	used, err := s.UseUserKey(ctx, second, "$argon2id$set")
	must(t, err)
	if used.ID != u.ID || used.PasswordHash != "$argon2id$set" {
		t.Fatalf("used %+v", used)
	}
	got, err := s.UserByID(ctx, u.ID)
	must(t, err)
	if got.PasswordHash != "$argon2id$set" {
		t.Fatalf("password hash = %q", got.PasswordHash)
	}
	_, err = s.UseUserKey(ctx, second, "$argon2id$again")
	wantCode(t, err, crm.ENOTFOUND) // once only

	// Expired keys and keys of disabled users do not work.
	must(t, s.CreateUserKey(ctx, &crm.UserKey{TokenHash: "old", UserID: u.ID, Purpose: crm.KeyInvite,
		CreatedAt: time.Now().Add(-2 * time.Hour), ExpiresAt: time.Now().Add(-time.Hour)}))
	_, err = s.UseUserKey(ctx, "old", "$argon2id$x")
	wantCode(t, err, crm.ENOTFOUND)
	must(t, s.CreateUserKey(ctx, &crm.UserKey{TokenHash: "off", UserID: u.ID, Purpose: crm.KeyInvite,
		ExpiresAt: time.Now().Add(time.Hour)}))
	u.Disabled, u.PasswordHash = true, got.PasswordHash
	must(t, s.UpdateUser(ctx, u))
	_, _, err = s.UserKeyOf(ctx, "off")
	wantCode(t, err, crm.ENOTFOUND)

	wantFields(t, s.CreateUserKey(ctx, &crm.UserKey{UserID: u.ID, Purpose: "other"}), "token_hash", "purpose", "expires_at")
	wantFields(t, s.CreateUserKey(ctx, &crm.UserKey{TokenHash: "x", UserID: 999, Purpose: crm.KeyReset,
		ExpiresAt: time.Now().Add(time.Hour)}), "user_id")
}

func testResetEndsSessions(t *testing.T, s crm.Store) {
	u := &crm.User{Email: "rep@rapport.example", Role: crm.RoleRep, PasswordHash: "$argon2id$old"}
	must(t, s.CreateUser(ctx, u))
	sess := &crm.Session{TokenHash: crm.HashToken("s"), UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
	must(t, s.CreateSession(ctx, sess))
	// An invitation leaves the password and sessions alone…
	must(t, s.CreateUserKey(ctx, &crm.UserKey{TokenHash: "i", UserID: u.ID, Purpose: crm.KeyInvite,
		ExpiresAt: time.Now().Add(time.Hour)}))
	_, err := s.SessionUser(ctx, sess.TokenHash)
	must(t, err)
	// …a reset ends both at once.
	must(t, s.CreateUserKey(ctx, &crm.UserKey{TokenHash: "r", UserID: u.ID, Purpose: crm.KeyReset,
		ExpiresAt: time.Now().Add(time.Hour)}))
	_, err = s.SessionUser(ctx, sess.TokenHash)
	wantCode(t, err, crm.ENOTFOUND)
	got, err := s.UserByID(ctx, u.ID)
	must(t, err)
	if got.PasswordHash != "" {
		t.Fatalf("password hash after reset = %q", got.PasswordHash)
	}
}

func testTokensAndRules(t *testing.T, s crm.Store) {
	u := &crm.User{Email: "t@rapport.example", Role: crm.RoleAdmin}
	must(t, s.CreateUser(ctx, u))
	one := &crm.APIToken{UserID: u.ID, Name: "ERP", TokenHash: "h1"}
	two := &crm.APIToken{UserID: u.ID, Name: "BI", TokenHash: "h2"}
	must(t, s.CreateAPIToken(ctx, one))
	must(t, s.CreateAPIToken(ctx, two))
	_, err := s.APITokenUser(ctx, "h1")
	must(t, err)
	ts, err := s.ListAPITokens(ctx)
	must(t, err)
	if len(ts) != 2 || ts[0].ID != two.ID || ts[1].Name != "ERP" || ts[1].LastUsedAt == nil || ts[0].LastUsedAt != nil {
		t.Fatalf("tokens %+v", ts)
	}
	gone, err := s.DeleteAPIToken(ctx, one.ID)
	must(t, err)
	if gone.Name != "ERP" {
		t.Fatalf("deleted %+v", gone)
	}
	_, err = s.APITokenUser(ctx, "h1")
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.DeleteAPIToken(ctx, one.ID)
	wantCode(t, err, crm.ENOTFOUND)

	a, b := &crm.Team{Name: "华东"}, &crm.Team{Name: "华南"}
	must(t, s.CreateTeam(ctx, a))
	must(t, s.CreateTeam(ctx, b))
	must(t, s.RenameTeam(ctx, a.ID, "华东大区"))
	wantCode(t, s.RenameTeam(ctx, a.ID, "华南"), crm.ECONFLICT)
	wantCode(t, s.RenameTeam(ctx, 999, "x"), crm.ENOTFOUND)
	wantFields(t, s.RenameTeam(ctx, a.ID, ""), "name")
	teams, err := s.ListTeams(ctx)
	must(t, err)
	if teams[0].Name != "华东大区" {
		t.Fatalf("teams %+v", teams)
	}

	must(t, s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: b.ID, LeadCap: 5}))
	must(t, s.SetAssignmentRule(ctx, crm.AssignmentRule{TeamID: a.ID, LeadCap: 0}))
	rs, err := s.ListAssignmentRules(ctx)
	must(t, err)
	same(t, "rules", rs, []crm.AssignmentRule{{TeamID: a.ID, LeadCap: 0}, {TeamID: b.ID, LeadCap: 5}})
	must(t, s.DeleteAssignmentRule(ctx, a.ID))
	must(t, s.DeleteAssignmentRule(ctx, a.ID))
	rs, err = s.ListAssignmentRules(ctx)
	must(t, err)
	same(t, "rules", rs, []crm.AssignmentRule{{TeamID: b.ID, LeadCap: 5}})
}

func testInstallFlags(t *testing.T, s crm.Store) {
	u := &crm.User{Email: "f@rapport.example", Role: crm.RoleAdmin}
	must(t, s.CreateUser(ctx, u))
	set, err := s.InstallFlag(ctx, "setup_dismissed")
	must(t, err)
	if set {
		t.Fatal("set before setting")
	}
	must(t, s.SetInstallFlag(ctx, "setup_dismissed", u.ID))
	must(t, s.SetInstallFlag(ctx, "setup_dismissed", u.ID))
	set, err = s.InstallFlag(ctx, "setup_dismissed")
	must(t, err)
	if !set {
		t.Fatal("not set after setting")
	}
}
