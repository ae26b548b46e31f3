package main

import (
	"regexp"
	"testing"
	"time"
)

// TestMailFlowsSoonAfterACrash kills (SIGKILL) the process polling a
// mailbox. Restarted on the same data directory it is the same instance
// (its slot file there), holds its predecessor's lease and fetches within
// 15 s; on PostgreSQL a second instance takes over from a killed one
// within 30 s. The times measured are logged.
func TestMailFlowsSoonAfterACrash(t *testing.T) {
	t.Run("restart on one machine", func(t *testing.T) {
		vars := engines(t)[0].vars
		box := startMemIMAP(t, "imap password 2")
		box.deliver(t, "r1@example.cn")
		box.add(t, vars)
		a := startServer(t, vars...)
		_, email, password := a.admin(t)
		waitIngested(t, a, login(t, a.url, email, password), 1)
		a.kill(t)
		box.deliver(t, "r2@example.cn")
		start := time.Now()
		b := startServer(t, vars...)
		waitIngested(t, b, login(t, b.url, email, password), 2)
		took := time.Since(start)
		t.Logf("restart to first fetched mail: %v", took.Round(time.Millisecond))
		if took > 15*time.Second {
			t.Errorf("mail flowed %v after the restart, want under 15 s", took)
		}
		if ha, hb := a.holder(t), b.holder(t); ha != hb {
			t.Errorf("the restarted process is %q, its predecessor %q", hb, ha)
		}
	})
	t.Run("takeover on PostgreSQL", func(t *testing.T) {
		es := engines(t)
		if len(es) < 2 {
			t.Skip("RAPPORT_TEST_POSTGRES_URL is not set")
		}
		vars := es[1].vars
		box := startMemIMAP(t, "imap password 3")
		box.deliver(t, "t1@example.cn")
		box.add(t, vars)
		first := startServer(t, vars...)
		second := startServer(t, vars...)
		_, email, password := first.admin(t)
		cookie := login(t, first.url, email, password)
		st := waitIngested(t, first, cookie, 1)
		holder, other := first, second
		if st.Holder == second.holder(t) {
			holder, other = second, first
		} else if st.Holder != first.holder(t) {
			t.Fatalf("the lease holder %q is neither instance", st.Holder)
		}
		holder.kill(t)
		box.deliver(t, "t2@example.cn")
		start := time.Now()
		waitIngested(t, other, login(t, other.url, email, password), 2)
		took := time.Since(start)
		t.Logf("death of the holder to the other instance's first mail: %v", took.Round(time.Millisecond))
		if took > 30*time.Second {
			t.Errorf("the other instance took over after %v, want under 30 s", took)
		}
	})
}

// waitIngested waits (up to a minute, far past what is asserted) until
// the mailbox counts n messages, and returns its status.
func waitIngested(t *testing.T, s *server, cookie string, n int64) mailboxStatusView {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if st := mailboxStatus(t, s.url, cookie); st.Ingested >= n {
			return st
		}
	}
	t.Fatalf("the mailbox never counted %d messages\nstderr:\n%s", n, s.stderr)
	return mailboxStatusView{}
}

var holderLine = regexp.MustCompile(`msg=instance holder=(\S+)`)

// holder is the name the server logged for itself in leases.
func (s *server) holder(t *testing.T) string {
	t.Helper()
	m := holderLine.FindStringSubmatch(s.stderr.String())
	if m == nil {
		t.Fatalf("no instance name logged:\n%s", s.stderr)
	}
	return m[1]
}

// kill ends the process at once, as a crash would: no lease given back.
func (s *server) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-s.done
}

// TestSavedMailboxStartsAtOnce: a mailbox added (here with the CLI, a
// process of its own) while serve runs is polled within about a second,
// not at the supervisor's next minute.
func TestSavedMailboxStartsAtOnce(t *testing.T) {
	vars := engines(t)[0].vars
	s := startServer(t, vars...)
	_, email, password := s.admin(t)
	cookie := login(t, s.url, email, password)
	box := startMemIMAP(t, "imap password 4")
	box.deliver(t, "n1@example.cn")
	box.add(t, vars)
	saved := time.Now()
	waitIngested(t, s, cookie, 1)
	took := time.Since(saved)
	t.Logf("mailbox saved to its first fetched mail: %v", took.Round(time.Millisecond))
	if took > 5*time.Second {
		t.Errorf("the first mail came %v after the mailbox was saved, want about a second", took)
	}
}
