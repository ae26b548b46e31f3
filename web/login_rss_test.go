package web_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

const (
	concurrentLogins = 50
	loginRSSLimitMB  = 150
)

// TestPeakRSSFailedLogins sends 50 concurrent failed logins (half of them
// for unknown emails), each from its own address, to a server in a child
// process (this test binary again), and reads the child's peak resident set
// (VmHWM). Every answer must be a 401 or a 429 with Retry-After.
func TestPeakRSSFailedLogins(t *testing.T) {
	if os.Getenv("RAPPORT_LOGIN_RSS_CHILD") != "" {
		loginRSSChild(t)
		return
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory use; scripts/test runs this test without -race")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc: cannot read peak RSS")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakRSSFailedLogins$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "RAPPORT_LOGIN_RSS_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	got := map[string]int{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.HasPrefix(k, "LOGIN_") {
			got[k], _ = strconv.Atoi(v)
		}
	}
	kb := got["LOGIN_PEAK_RSS_KB"]
	if kb == 0 {
		t.Fatalf("the child reported no peak RSS:\n%s", out)
	}
	t.Logf("peak RSS under %d concurrent failed logins: %d MB (%d answered 401, %d answered 429)",
		concurrentLogins, kb>>10, got["LOGIN_401"], got["LOGIN_429"])
	if kb>>10 >= loginRSSLimitMB {
		t.Errorf("peak RSS %d MB, want under %d MB", kb>>10, loginRSSLimitMB)
	}
	if got["LOGIN_401"]+got["LOGIN_429"] != concurrentLogins || got["LOGIN_401"] == 0 {
		t.Errorf("answers %v: want every login refused with 401 or 429, some checked (401)", got)
	}
	if got["LOGIN_429_WITHOUT_RETRY"] != 0 {
		t.Errorf("%d answers of 429 had no Retry-After", got["LOGIN_429_WITHOUT_RETRY"])
	}
}

// loginRSSChild is the child: a real server over SQLite, trusting loopback
// as a proxy so that each login comes from its own address (no address
// limit applies), and the 50 logins at once.
func loginRSSChild(t *testing.T) {
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	e := newEnv(t, web.Config{TrustedProxies: loopback})
	var mu sync.Mutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	for i := range concurrentLogins {
		email := "rep1@example.com"
		if i%2 == 1 {
			email = "nobody" + strconv.Itoa(i) + "@example.com"
		}
		wg.Go(func() {
			key := failedLogin(e.srv.URL, fmt.Sprintf("198.51.100.%d", i+1), email)
			mu.Lock()
			counts[key]++
			mu.Unlock()
		})
	}
	wg.Wait()
	for k, n := range counts {
		fmt.Printf("%s=%d\n", k, n)
	}
	fmt.Printf("LOGIN_PEAK_RSS_KB=%d\n", peakRSSKB(t))
}

// failedLogin posts a wrong password from addr and names the answer.
func failedLogin(base, addr, email string) string {
	form := url.Values{"email": {email}, "password": {"not the password at all"}}
	req, _ := http.NewRequest("POST", base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "LOGIN_ERROR"
	}
	res.Body.Close()
	if res.StatusCode == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "" {
		return "LOGIN_429_WITHOUT_RETRY"
	}
	return "LOGIN_" + strconv.Itoa(res.StatusCode)
}

func peakRSSKB(t *testing.T) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}
