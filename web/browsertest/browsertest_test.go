package browsertest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web/browsertest"
)

func TestChromiumRendersAPage(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><body><p id="x">你好</p><script>document.getElementById("x").textContent += " JS"</script></body></html>`))
	}))
	defer srv.Close()
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text("#x"))
	if err != nil {
		t.Fatal(err)
	}
	if got != "你好 JS" {
		t.Fatalf("page text %q, want %q", got, "你好 JS")
	}
}

// Tabs share one Chromium but not their cookies: a test's login does not
// leak into another's.
func TestTabsDoNotShareCookies(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/set" {
			http.SetCookie(w, &http.Cookie{Name: "who", Value: "one"})
		}
		c, _ := r.Cookie("who")
		val := "none"
		if c != nil {
			val = c.Value
		}
		w.Write([]byte(`<html><body><p id="x">` + val + `</p></body></html>`))
	}))
	defer srv.Close()
	text := func(ctx context.Context, path string) string {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Text("#x"))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	one, two := browsertest.New(t), browsertest.New(t)
	text(one, "/set")
	for _, tc := range []struct {
		name string
		tab  context.Context
		want string
	}{{"the tab that got the cookie", one, "one"}, {"another tab", two, "none"}} {
		if got := text(tc.tab, "/get"); got != tc.want {
			t.Errorf("%s sees cookie %q, want %q", tc.name, got, tc.want)
		}
	}
}
