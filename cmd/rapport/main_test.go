package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is the rapport command built once by TestMain: the end-to-end
// tests run it as a user would.
var binary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "rapport-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "rapport")
	build := exec.Command("go", "build", "-o", binary, "-ldflags", "-X main.version=v0.0.0-test", ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building rapport:", err)
		return 1
	}
	return m.Run()
}

// result is what a finished rapport command left.
type result struct {
	stdout, stderr string
	code           int
}

// env is a clean environment for rapport: the test's own RAPPORT_*
// variables (a CI's RAPPORT_DATABASE_URL, say) must not leak in.
func env(vars ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "RAPPORT_") {
			out = append(out, kv)
		}
	}
	return append(out, vars...)
}

// runRapport runs the binary to completion. stdin nil means /dev/null.
func runRapport(t *testing.T, vars []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = env(vars...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("run rapport %v: %v", args, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// mustRun runs rapport and fails the test unless it exits 0.
func mustRun(t *testing.T, vars []string, stdin string, args ...string) result {
	t.Helper()
	r := runRapport(t, vars, stdin, args...)
	if r.code != 0 {
		t.Fatalf("rapport %v: exit %d\nstdout:\n%s\nstderr:\n%s", args, r.code, r.stdout, r.stderr)
	}
	return r
}
