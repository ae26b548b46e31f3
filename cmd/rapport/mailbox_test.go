package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMailboxCommands(t *testing.T) {
	vars := engines(t)[0].vars
	const pw = "imap password 秘密"
	smtpFile := filepath.Join(t.TempDir(), "smtp")
	if err := os.WriteFile(smtpFile, []byte("smtp-secret-9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, vars, pw+"\n", "mailbox", "add", "--name", "Sales", "--address", "sales@huaqiang.example",
		"--imap-host", "imap.huaqiang.example", "--username", "sales", "--smtp-host", "smtp.huaqiang.example",
		"--smtp-password-file", smtpFile, "--folders", "INBOX, 销售")
	if !strings.Contains(r.stdout, "Added mailbox 1: Sales <sales@huaqiang.example>") {
		t.Fatalf("add: stdout %q", r.stdout)
	}
	mustRun(t, vars, "", "mailbox", "update", "--id", "1", "--sync-days", "7", "--name", "Sales CN")
	list := mustRun(t, vars, "", "mailbox", "list")
	if !strings.Contains(list.stdout, "Sales CN") || !strings.Contains(list.stdout, "not_started") {
		t.Errorf("list: %q", list.stdout)
	}
	for _, out := range []string{r.stdout, r.stderr, list.stdout, list.stderr} {
		if strings.Contains(out, "秘密") || strings.Contains(out, "smtp-secret-9") {
			t.Fatalf("a secret was printed: %q", out)
		}
	}
	bad := runRapport(t, vars, "", "mailbox", "add", "--name", "x")
	if bad.code != exitRuntime || !strings.Contains(bad.stderr, "address") {
		t.Errorf("add without settings: exit %d, stderr %q", bad.code, bad.stderr)
	}
	if r := mustRun(t, vars, "", "mailbox", "retry", "--id", "1"); !strings.Contains(r.stdout, "0 message(s) will be retried") {
		t.Errorf("retry: %q", r.stdout)
	}
	if r := runRapport(t, vars, "", "mailbox", "retry", "--id", "1", "--failed", "42"); r.code != exitRuntime {
		t.Errorf("retry of a missing failed message: exit %d, stderr %q", r.code, r.stderr)
	}
	mustRun(t, vars, "", "mailbox", "remove", "--id", "1")
	if l := mustRun(t, vars, "", "mailbox", "list"); strings.Contains(l.stdout, "Sales") {
		t.Errorf("removed mailbox still listed: %q", l.stdout)
	}
}
