package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "db-url")
	if err := os.WriteFile(secret, []byte("postgres://x@127.0.0.1/x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		vars   []string
		args   []string
		code   int
		stdout string // a fragment that must appear
		stderr string
	}{
		{"version", nil, []string{"version"}, 0, "rapport v0.0.0-test (go", ""},
		{"--version", nil, []string{"--version"}, 0, "v0.0.0-test", ""},
		{"help", nil, []string{"help"}, 0, "Commands:", ""},
		{"serve -h", nil, []string{"serve", "-h"}, 0, "", "-addr"},
		{"no command", nil, nil, 2, "", "Usage: rapport"},
		{"unknown command", nil, []string{"srve"}, 2, "", `unknown command "srve"`},
		{"unknown flag", nil, []string{"serve", "--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{"stray argument", nil, []string{"migrate", "now"}, 2, "", `unexpected argument "now"`},
		{"user without subcommand", nil, []string{"user"}, 2, "", "user add"},
		{"user add without role", nil, []string{"user", "add", "--email", "a@b.example"}, 2, "", "--role"},
		{"user add bad role", nil, []string{"user", "add", "--email", "a@b.example", "--role", "boss"}, 2, "", "--role"},
		{"password without email", nil, []string{"user", "password"}, 2, "", "--email is required"},
		{"token without email", nil, []string{"token", "create"}, 2, "", "--email is required"},
		{"bad log level", []string{"RAPPORT_LOG_LEVEL=loud"}, []string{"migrate"}, 2, "", "--log-level"},
		{"bad duration", []string{"RAPPORT_SESSION_TTL=forever"}, []string{"migrate"}, 2, "", "RAPPORT_SESSION_TTL"},
		{"not postgres", []string{"RAPPORT_DATABASE_URL=mysql://x"}, []string{"migrate"}, 2, "", "postgres://"},
		{"url and file", []string{"RAPPORT_DATABASE_URL=postgres://x", "RAPPORT_DATABASE_URL_FILE=" + secret}, []string{"migrate"}, 2, "", "not both"},
		{"missing secret file", []string{"RAPPORT_DATABASE_URL_FILE=/nonexistent/db-url"}, []string{"migrate"}, 2, "", "RAPPORT_DATABASE_URL_FILE"},
		{"bad admin email", []string{"RAPPORT_ADMIN_EMAIL=admin@localhost"}, []string{"serve"}, 2, "", "--admin-email"},
		{"bad base url", nil, []string{"serve", "--base-url", "crm.example.com"}, 2, "", "--base-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := append([]string{"RAPPORT_DATA=" + t.TempDir()}, tt.vars...)
			r := runRapport(t, vars, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("rapport %v: exit %d, want %d\nstdout: %s\nstderr: %s", tt.args, r.code, tt.code, r.stdout, r.stderr)
			}
		})
	}
}

func TestServeOnTakenPortFails(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir()}, "", "serve", "--addr", l.Addr().String())
	if r.code != exitRuntime || !strings.Contains(r.stderr, "listen on") {
		t.Errorf("serve on a taken port: exit %d, stderr %q; want 1 and the reason", r.code, r.stderr)
	}
}

func TestEmptyPipedPasswordIsRefused(t *testing.T) {
	r := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir()}, "\n", "user", "add", "--email", "a@b.example", "--role", "rep")
	if r.code != exitUsage || !strings.Contains(r.stderr, "holds no password") {
		t.Errorf("empty piped password: exit %d, stderr %q; want 2", r.code, r.stderr)
	}
}

func TestUnreachableDatabaseHidesThePassword(t *testing.T) {
	for _, url := range []string{"postgres://rapport:sekrit-pw@127.0.0.1:1/rapport", "postgres://rapport:sekrit-pw%zz@db/rapport"} {
		r := runRapport(t, []string{"RAPPORT_DATA=" + t.TempDir(), "RAPPORT_DATABASE_URL=" + url}, "", "migrate")
		if r.code != exitRuntime || !strings.Contains(r.stderr, "PostgreSQL") {
			t.Errorf("%s: exit %d, stderr %q; want 1 naming PostgreSQL", url, r.code, r.stderr)
		}
		if strings.Contains(r.stderr+r.stdout, "sekrit") {
			t.Errorf("the database password was printed: %s", r.stderr)
		}
	}
}
