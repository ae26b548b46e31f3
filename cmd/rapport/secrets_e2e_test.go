package main

import (
	"strings"
	"testing"
)

// TestSecretKeyAtStartUp: a WeChat account added under one key; the same
// database opened with another key, with none, or with a malformed one is
// refused with the reason; with its key it serves; after `rapport secrets
// rotate` the new key opens it and the old one no longer does.
func TestSecretKeyAtStartUp(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		k1 := "RAPPORT_SECRET_KEY=" + strings.Repeat("11", 32)
		mustRun(t, append(e.vars, k1, "RAPPORT_WECHAT_APP_SECRET=wx-secret-for-e2e", "RAPPORT_WECHAT_TOKEN=tok12345",
			"RAPPORT_WECHAT_AES_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"), "", "wechat", "add", "--app-id", "wxe2e")
		tests := []struct {
			key  string
			want string // in stderr; "" succeeds
		}{
			{"RAPPORT_SECRET_KEY=" + strings.Repeat("22", 32), "RAPPORT_SECRET_KEY is not the key"},
			{"", "secrets are encrypted: set RAPPORT_SECRET_KEY"},
			{"RAPPORT_SECRET_KEY=too-short", "32 random bytes"},
			{k1, ""},
		}
		for _, tt := range tests {
			vars := e.vars
			if tt.key != "" {
				vars = append(append([]string(nil), e.vars...), tt.key)
			}
			r := runRapport(t, vars, "", "wechat", "list")
			if (tt.want == "") != (r.code == 0) || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("%q: exit %d, stderr %q; want %q", tt.key, r.code, r.stderr, tt.want)
			}
			if strings.Contains(r.stdout+r.stderr, "wx-secret-for-e2e") {
				t.Errorf("%q: the AppSecret was printed", tt.key)
			}
		}
		k3 := "RAPPORT_SECRET_KEY=" + strings.Repeat("33", 32)
		mustRun(t, append(e.vars, k1, "RAPPORT_NEW_SECRET_KEY="+strings.Repeat("33", 32)), "", "secrets", "rotate")
		mustRun(t, append(e.vars, k3), "", "wechat", "list")
		if r := runRapport(t, append(e.vars, k1), "", "wechat", "list"); r.code == 0 {
			t.Error("the old key still opens the database after rotate")
		}
	})
}
