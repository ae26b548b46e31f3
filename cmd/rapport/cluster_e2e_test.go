package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web/browsertest"
)

// cluster is several rapport serve instances on one PostgreSQL schema.
type cluster struct {
	nodes           []*server
	email, password string // the first administrator's
}

// startCluster starts n instances on one fresh PostgreSQL schema (the
// test is skipped without PostgreSQL), with extra settings.
func startCluster(t *testing.T, n int, extra ...string) *cluster {
	t.Helper()
	es := engines(t)
	if len(es) < 2 {
		t.Skip("RAPPORT_TEST_POSTGRES_URL is not set")
	}
	vars := append(es[1].vars, extra...)
	c := &cluster{}
	// The first migrates and creates the administrator; the others join.
	c.nodes = append(c.nodes, startServer(t, vars...))
	_, c.email, c.password = c.nodes[0].admin(t)
	for range n - 1 {
		c.nodes = append(c.nodes, startServer(t, vars...))
	}
	return c
}

// browserOn logs a user in to one instance in a new browser context of
// the shared Chromium (parent nil: the test's first).
func browserOn(t *testing.T, parent context.Context, s *server, email, password string) context.Context {
	t.Helper()
	var ctx context.Context
	if parent == nil {
		ctx = browsertest.New(t)
	} else {
		var cancel context.CancelFunc
		ctx, cancel = chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
	}
	browse(t, ctx, chromedp.Navigate(s.url+"/login?lang=en"),
		chromedp.SetValue(`input[name=email]`, email),
		chromedp.SetValue(`input[name=password]`, password),
		chromedp.Click(`form[action="/login"] button[type=submit]`),
		chromedp.WaitVisible(`#inbox`))
	return ctx
}

// browse runs browser actions with a bound.
func browse(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for _, a := range actions {
		if err := chromedp.Do(c, a); err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
}

// pageWait polls a JavaScript condition until it holds (30 s at most).
func pageWait(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// submitForm posts a form submission to one instance as the client
// address from, and returns the status.
func submitForm(t *testing.T, s *server, key, from, name, email string) int {
	t.Helper()
	return postForm(t, s.url+"/f/"+key, from, url.Values{"name": {name}, "email": {email}, "message": {"请联系我 " + name}})
}

// postForm posts values to u through a "proxy" that forwards from.
func postForm(t *testing.T, u, from string, values url.Values) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", from)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// A submission taken by one instance appears live in a browser connected
// to another, and two users on different instances see each other on a
// conversation, and see each other type.
func TestInstancesShareLiveInboxAndPresence(t *testing.T) {
	c := startCluster(t, 2, "RAPPORT_TRUSTED_PROXIES=127.0.0.1")
	a, b := c.nodes[0], c.nodes[1]
	admin := login(t, a.url, c.email, c.password)
	var form struct{ Key string }
	call(t, admin, http.MethodPost, a.url+"/api/v1/forms", `{"name":"Website"}`, http.StatusCreated, &form)
	call(t, admin, http.MethodPost, a.url+"/api/v1/users",
		`{"email":"li@example.com","name":"Li Second","role":"admin","password":"correct horse battery staple"}`,
		http.StatusCreated, &struct{}{})

	one := browserOn(t, nil, b, c.email, c.password)
	pageWait(t, one, "the event stream on B", `window.rapportLive && window.rapportLive.connected`)
	var took []time.Duration
	var conv string
	for i := range 3 {
		name := fmt.Sprintf("访客%d号", i+1)
		if st := submitForm(t, a, form.Key, "203.0.113.9", name, fmt.Sprintf("v%d@buyer.example", i)); st != http.StatusOK {
			t.Fatalf("submission to A: %d", st)
		}
		start := time.Now() // A answered: the submission is committed
		pageWait(t, one, name+" in B's inbox", fmt.Sprintf(`(document.querySelector('#conversations')?.textContent || '').includes(%q)`, name))
		took = append(took, time.Since(start))
		if i == 0 {
			conv = eval1[string](t, one, `document.querySelector('#conversations li[data-conv]').dataset.conv`)
		}
	}
	// The event crosses in milliseconds (BenchmarkBusFanOut); the rest is
	// the page fetching its list, slow on a loaded machine: the bound is
	// generous, the figures are logged.
	t.Logf("A's answer to B's browser showing the submission: %v", took)
	if slices.Min(took) > 2*time.Second {
		t.Errorf("B's inbox took at least %v to show A's submissions, want about a second", slices.Min(took))
	}

	path := "/inbox/" + conv
	two := browserOn(t, one, a, "li@example.com", "correct horse battery staple")
	browse(t, one, chromedp.Navigate(b.url+path), chromedp.WaitVisible(`#composer`))
	pageWait(t, one, "B's stream", `window.rapportLive.connected`)
	browse(t, two, chromedp.Navigate(a.url+path), chromedp.WaitVisible(`#composer`))
	pageWait(t, two, "A's stream", `window.rapportLive.connected`)
	pageWait(t, one, "Li (on A) shown on B", `(document.querySelector('#presence')?.textContent || '').includes('Li Second')`)
	pageWait(t, two, "the admin (on B) shown on A", `document.querySelectorAll('#presence [data-user]').length > 0`)
	browse(t, two, chromedp.SendKeys(`#composer textarea[name=text]`, "我来回复"))
	pageWait(t, one, "Li typing, seen on B", `document.querySelector('#presence [data-state="typing"]')`)
}

func eval1[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// A flood from one address split over three instances meets one limit:
// RAPPORT_FORM_IP_PER_MINUTE submissions a minute in all, not on each.
func TestFloodOverThreeInstancesIsLimitedAsOne(t *testing.T) {
	const perMinute = 6
	c := startCluster(t, 3, "RAPPORT_TRUSTED_PROXIES=127.0.0.1", fmt.Sprintf("RAPPORT_FORM_IP_PER_MINUTE=%d", perMinute))
	admin := login(t, c.nodes[0].url, c.email, c.password)
	var form struct{ Key string }
	call(t, admin, http.MethodPost, c.nodes[0].url+"/api/v1/forms", `{"name":"Flooded"}`, http.StatusCreated, &form)
	// The limit counts in minute windows: start the flood early in one, so
	// that it all falls in it.
	if s := time.Now().Unix() % 60; s > 45 {
		time.Sleep(time.Duration(61-s) * time.Second)
	}
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := range 3 * 3 * perMinute {
		wg.Go(func() {
			st := submitForm(t, c.nodes[i%3], form.Key, "198.51.100.7", fmt.Sprintf("洪水%d", i), fmt.Sprintf("f%d@flood.example", i))
			mu.Lock()
			codes[st]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusOK] != perMinute || codes[http.StatusTooManyRequests] != 8*perMinute {
		t.Errorf("answers %v, want %d accepted and the rest 429", codes, perMinute)
	}
	// Another address is not held back by the flood.
	if st := submitForm(t, c.nodes[2], form.Key, "198.51.100.8", "别人", "other@buyer.example"); st != http.StatusOK {
		t.Errorf("another address got %d", st)
	}
}
