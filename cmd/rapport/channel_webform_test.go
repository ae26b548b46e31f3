package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestServeCapturesWebForms runs rapport serve behind a "proxy" (this
// test, trusted at 127.0.0.1): an admin creates a form, a submission
// becomes a lead whose source has the forwarded client address, and that
// address's rate limit (RAPPORT_FORM_IP_PER_MINUTE) holds.
func TestServeCapturesWebForms(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		s := startServer(t, append(e.vars, "RAPPORT_TRUSTED_PROXIES=127.0.0.1", "RAPPORT_FORM_IP_PER_MINUTE=2")...)
		_, email, pw := s.admin(t)
		cookie := login(t, s.url, email, pw)
		var form struct{ Key string }
		call(t, cookie, http.MethodPost, s.url+"/api/v1/forms", `{"name":"Website"}`, http.StatusCreated, &form)
		submit := func() int {
			return postForm(t, s.url+"/f/"+form.Key, "203.0.113.5",
				url.Values{"name": {"访客"}, "email": {"visitor@buyer.example"}, "utm_source": {"baidu"}})
		}
		for i, want := range []int{http.StatusOK, http.StatusOK, http.StatusTooManyRequests} {
			if got := submit(); got != want {
				t.Fatalf("submission %d: status %d, want %d", i+1, got, want)
			}
		}
		var leads struct {
			Items []struct {
				Email  string
				Source struct {
					IP        string `json:"ip"`
					UTMSource string `json:"utm_source"`
				}
			}
		}
		call(t, cookie, http.MethodGet, s.url+"/api/v1/leads", "", http.StatusOK, &leads)
		if len(leads.Items) != 1 || leads.Items[0].Source.IP != "203.0.113.5" || leads.Items[0].Source.UTMSource != "baidu" {
			t.Fatalf("leads = %+v, want one with the forwarded address and UTM source", leads.Items)
		}
	})
}

// call makes an API call with a session cookie and decodes the answer.
func call(t *testing.T, cookie, method, u, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "rapport_session", Value: cookie})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, u, resp.StatusCode, want, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
}
