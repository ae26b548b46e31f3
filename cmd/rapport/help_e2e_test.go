package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEveryCommandHelpDescribesItWithAnExample(t *testing.T) {
	for name, h := range helps {
		if h.about == "" || !strings.HasPrefix(h.example, "rapport ") && !strings.Contains(h.example, "| rapport ") &&
			!strings.Contains(h.example, " rapport ") && !strings.Contains(h.example, "$(rapport ") {
			t.Errorf("help of %q: about %q, example %q; want both, the example running rapport", name, h.about, h.example)
		}
		args := append(strings.Fields(name), "-h")
		r := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir()}, "", args...)
		first := strings.SplitN(h.about, "\n", 2)[0]
		if r.code != exitOK || !strings.Contains(r.stderr, first) || !strings.Contains(r.stderr, "Example:\n  "+h.example) {
			t.Errorf("rapport %s -h: exit %d, stderr:\n%s\nwant exit 0, the description and the example", name, r.code, r.stderr)
		}
	}
}

func TestGroupHelpListsEachSubcommand(t *testing.T) {
	groups := map[string][]string{
		"user":    {"add", "password", "list"},
		"mailbox": {"add", "update", "list", "remove", "failed", "retry"},
		"token":   {"create"},
		"wechat":  {"add", "list"},
		"secrets": {"rotate"},
		"files":   {"migrate"},
	}
	for group, verbs := range groups {
		for _, ask := range []string{"-h", "--help", "help"} {
			r := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir()}, "", group, ask)
			if r.code != exitOK {
				t.Errorf("rapport %s %s: exit %d, stderr %q; want 0", group, ask, r.code, r.stderr)
			}
			for _, v := range verbs {
				if !strings.Contains(r.stdout, "e.g. "+strings.SplitN(helps[group+" "+v].example, "\n", 2)[0]) {
					t.Errorf("rapport %s %s does not show the example of %s %s:\n%s", group, ask, group, v, r.stdout)
				}
			}
		}
		bad := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir()}, "", group, "frobnicate")
		if bad.code != exitUsage || !strings.Contains(bad.stderr, `unknown subcommand "frobnicate"`) {
			t.Errorf("rapport %s frobnicate: exit %d, stderr %q; want 2 naming it", group, bad.code, bad.stderr)
		}
	}
}

func TestCommandsNeedingRecordsRefuseAMissingDatabase(t *testing.T) {
	for _, args := range [][]string{
		{"user", "list"}, {"user", "password", "--email", "a@b.example"}, {"token", "create", "--email", "a@b.example"},
		{"mailbox", "list"}, {"mailbox", "failed", "--id", "1"}, {"mailbox", "retry", "--id", "1"},
		{"mailbox", "remove", "--id", "1"}, {"mailbox", "update", "--id", "1", "--name", "x"}, {"wechat", "list"},
		{"export", "--out", "x.zip"},
	} {
		dir := filepath.Join(t.TempDir(), "elsewhere")
		r := runRapport(t, []string{"RAPPORT_DATA=" + dir}, "", args...)
		want := "no database at " + filepath.Join(dir, "rapport.db")
		if r.code != exitRuntime || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "--data DIR") || !strings.Contains(r.stderr, "RAPPORT_DATA=DIR") {
			t.Errorf("rapport %v without a database: exit %d, stderr %q; want 1, %q and how to point it", args, r.code, r.stderr, want)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("rapport %v created %s (err %v); it must create nothing", args, dir, err)
		}
	}
}

func TestUserList(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		mustRun(t, e.vars, "a long piped password\n", "user", "add", "--email", "li@huaqiang.example", "--role", "rep", "--name", "李伟")
		r := mustRun(t, e.vars, "", "user", "list")
		if !strings.Contains(r.stdout, "\tli@huaqiang.example\trep\t李伟\tactive\n") {
			t.Errorf("user list printed %q, want the user with role, name and state", r.stdout)
		}
	})
}

func TestFlagsThatDoNotApplyAreNotOffered(t *testing.T) {
	tests := []struct {
		args       []string
		has, hasNo []string
	}{
		{[]string{"serve", "-h"}, []string{"-phone-region", "-db-max-conns", "-data"}, nil},
		{[]string{"user", "list", "-h"}, []string{"-data"}, []string{"-phone-region", "-db-max-conns", "-addr"}},
		{[]string{"mailbox", "add", "-h"}, []string{"-imap-host"}, []string{"  -id ", "-phone-region"}},
		{[]string{"mailbox", "update", "-h"}, []string{"  -id ", "-imap-host"}, nil},
		{[]string{"version", "-h"}, nil, []string{"-data", "-log-level"}},
	}
	for _, tt := range tests {
		r := runRapport(t, nil, "", tt.args...)
		for _, f := range tt.has {
			if !strings.Contains(r.stderr, f) {
				t.Errorf("rapport %v does not offer %s:\n%s", tt.args, f, r.stderr)
			}
		}
		for _, f := range tt.hasNo {
			if strings.Contains(r.stderr, f) {
				t.Errorf("rapport %v offers %s, which does not apply:\n%s", tt.args, f, r.stderr)
			}
		}
	}
	if r := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir()}, "", "mailbox", "add", "--id", "3"); r.code != exitUsage {
		t.Errorf("mailbox add --id: exit %d, want 2 (a new mailbox has no id to give)", r.code)
	}
}

func TestInvocationNamesACommandThatWorks(t *testing.T) {
	tests := []struct{ arg0, exe, want string }{
		{"/tmp/go-build1522265117/b001/exe/rapport", "/tmp/go-build1522265117/b001/exe/rapport", "go run ./cmd/rapport"},
		{"rapport", "/home/li/.cache/go-build/3f/3f9a-d/rapport", "go run ./cmd/rapport"},
		{"rapport", "/usr/local/bin/rapport", "rapport"},
		{"./rapport", "/srv/crm/rapport", "./rapport"},
		{"/usr/local/bin/rapport", "/usr/local/bin/rapport", "/usr/local/bin/rapport"},
		{"", "", "rapport"},
	}
	for _, tt := range tests {
		if got := invocation(tt.arg0, tt.exe); got != tt.want {
			t.Errorf("invocation(%q, %q) = %q, want %q", tt.arg0, tt.exe, got, tt.want)
		}
	}
}

func TestFirstStartHintNamesThisBinary(t *testing.T) {
	s := startServer(t, "RAPPORT_DATA="+t.TempDir())
	if want := binary + " user add --email EMAIL --role rep"; !strings.Contains(s.stdout.String(), want) {
		t.Errorf("first-start message %q does not say %q", s.stdout.String(), want)
	}
}
