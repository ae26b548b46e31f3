package main

import (
	"github.com/rapport-crm/rapport/internal/testkit"
	"net/http"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// server is a running rapport serve.
type server struct {
	url            string
	cmd            *exec.Cmd
	stdout, stderr *testkit.SyncBuffer
	done           chan struct{}
}

// listeningLine finds the address serve logs once it listens, in the text
// or the JSON log format.
var listeningLine = regexp.MustCompile(`msg"?[=:]"?listening"?[^\n]*?[ ,]"?addr"?[=:]"?(127\.0\.0\.1:[0-9]+)`)

// startServer runs rapport serve and waits until /readyz answers 200. The
// server is stopped with SIGTERM when the test ends.
func startServer(t *testing.T, vars ...string) *server {
	t.Helper()
	s := launchServer(t, vars...)
	s.waitReady(t)
	return s
}

// launchServer starts rapport serve without waiting for it.
func launchServer(t *testing.T, vars ...string) *server {
	t.Helper()
	s := &server{stdout: &testkit.SyncBuffer{}, stderr: &testkit.SyncBuffer{}, done: make(chan struct{})}
	// Port 0: the kernel picks a free port as serve binds it. A port picked
	// here and bound later by serve could be taken in between by another
	// test binary (it happened when two CI runs shared the machine).
	s.cmd = exec.Command(binary, "serve", "--addr", "127.0.0.1:0")
	s.cmd.Env = env(vars...)
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.stop(t) })
	return s
}

// waitReady learns the address serve listens on from its log, then polls
// /readyz until it answers 200, the process dies, or a generous deadline
// passes (start-up takes well under a second).
func (s *server) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			t.Fatalf("rapport serve exited with %d before it was ready\nstdout:\n%s\nstderr:\n%s",
				s.cmd.ProcessState.ExitCode(), s.stdout, s.stderr)
		default:
		}
		if s.url == "" {
			if m := listeningLine.FindStringSubmatch(s.stderr.String()); m != nil {
				s.url = "http://" + m[1]
			} else {
				time.Sleep(20 * time.Millisecond)
				continue
			}
		}
		resp, err := http.Get(s.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("rapport serve not ready after 30s\nstderr:\n%s", s.stderr)
}

// stop sends SIGTERM and returns the exit code; a clean shutdown is 0.
func (s *server) stop(t *testing.T) int {
	t.Helper()
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		t.Errorf("rapport serve ignored SIGTERM for 30s\nstderr:\n%s", s.stderr)
	}
	return s.cmd.ProcessState.ExitCode()
}

var (
	printedEmail    = regexp.MustCompile(`(?m)^\s*Email:\s+(\S+)$`)
	printedPassword = regexp.MustCompile(`(?m)^\s*Password:\s+(\S+)$`)
	printedURL      = regexp.MustCompile(`(?m)^\s*URL:\s+(\S+)$`)
)

// admin returns the login that serve printed on first start.
func (s *server) admin(t *testing.T) (url, email, password string) {
	t.Helper()
	out := s.stdout.String()
	u, e, p := printedURL.FindStringSubmatch(out), printedEmail.FindStringSubmatch(out), printedPassword.FindStringSubmatch(out)
	if u == nil || e == nil || p == nil {
		t.Fatalf("serve did not print the first administrator's login; stdout:\n%s", out)
	}
	return u[1], e[1], p[1]
}
