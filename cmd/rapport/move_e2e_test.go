package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/store/postgres/pgtest"
)

const moveKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// installation is one data directory (and PostgreSQL schema) as RAPPORT_* variables.
func installation(t *testing.T, pgBase string) []string {
	vars := []string{"RAPPORT_DATA=" + t.TempDir(), "RAPPORT_SECRET_KEY=" + moveKey}
	if pgBase != "" {
		vars = append(vars, "RAPPORT_DATABASE_URL="+pgtest.FreshSchema(t, pgBase))
	}
	return vars
}

// apiAnswers asks a running server the list and detail endpoints a user
// sees the seeded records through, and returns each raw answer by path.
func apiAnswers(t *testing.T, vars []string, token string, s seeded) map[string]string {
	t.Helper()
	srv := startServer(t, vars...)
	defer srv.stop(t)
	paths := []string{"/api/v1/customers", "/api/v1/contacts", "/api/v1/leads", "/api/v1/orders", "/api/v1/payments",
		"/api/v1/products", "/api/v1/users", "/api/v1/teams", "/api/v1/audit", "/api/v1/bot/faqs", "/api/v1/care-plans",
		"/api/v1/pool/rules", "/api/v1/mailboxes", "/api/v1/tasks", "/api/v1/inbox", "/api/v1/inbox?q=%E6%8A%A5%E4%BB%B7",
		"/api/v1/inbox?q=price", "/api/v1/me/settings", "/api/v1/labels",
		fmt.Sprintf("/api/v1/customers/%d", s.customer), fmt.Sprintf("/api/v1/contacts/%d", s.contact),
		fmt.Sprintf("/api/v1/leads/%d", s.lead), fmt.Sprintf("/api/v1/orders/%d", s.order),
		fmt.Sprintf("/api/v1/payments/%d", s.payment), fmt.Sprintf("/api/v1/products/%d", s.product),
		fmt.Sprintf("/api/v1/conversations/%d", s.conversation), fmt.Sprintf("/api/v1/conversations/%d/messages", s.conversation),
		fmt.Sprintf("/api/v1/messages/%d", s.message), fmt.Sprintf("/api/v1/tasks/%d", s.task),
		fmt.Sprintf("/api/v1/mailboxes/%d", s.mailbox), fmt.Sprintf("/api/v1/mailboxes/%d/failed", s.mailbox),
		fmt.Sprintf("/api/v1/mailboxes/%d/failed/%d/raw", s.mailbox, s.failed), fmt.Sprintf("/api/v1/attachments/%d", s.attachment)}
	out := map[string]string{}
	for _, p := range paths {
		req, _ := http.NewRequest(http.MethodGet, srv.url+p, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, resp.StatusCode, b)
		}
		out[p] = string(b)
	}
	return out
}

func sameAnswers(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: GET %s differs\nbefore: %.600s\nafter:  %.600s", what, p, w, got[p])
		}
	}
}

// tableSums reads an export's manifest: each table's checksum.
func tableSums(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	f, err := zr.Open("manifest.json")
	must(t, err)
	defer f.Close()
	var m struct {
		Tables []struct{ Name, SHA256 string }
		Files  int
	}
	must(t, json.NewDecoder(f).Decode(&m))
	out := map[string]string{"files": fmt.Sprint(m.Files)}
	for _, tb := range m.Tables {
		out[tb.Name] = tb.SHA256
	}
	return out
}

// A seeded SQLite installation moves to PostgreSQL and back: the final
// SQLite export is byte for byte the first (every table: ids, times,
// booleans, GBK raw mail, attachments), and every API answer is the same
// on each engine (ids, search included).
func TestMoveSQLiteToPostgresAndBack(t *testing.T) {
	base := os.Getenv("RAPPORT_TEST_POSTGRES_URL")
	if base == "" {
		t.Skip("RAPPORT_TEST_POSTGRES_URL is not set")
	}
	dir := t.TempDir()
	lite := installation(t, "")
	mustRun(t, lite, "correct horse battery\n", "user", "add", "--email", "admin@huaqiang.example", "--role", "admin")
	token := strings.TrimSpace(mustRun(t, lite, "", "token", "create", "--email", "admin@huaqiang.example").stdout)
	s := seedInstallation(t, strings.TrimPrefix(lite[0], "RAPPORT_DATA="))

	// The exports are made before any server runs: a server using the
	// token changes its last_used_at.
	first, second, third := filepath.Join(dir, "first.zip"), filepath.Join(dir, "second.zip"), filepath.Join(dir, "third.zip")
	pg, back := installation(t, base), installation(t, "")
	mustRun(t, lite, "", "export", "--out", first)
	mustRun(t, pg, "", "import", first)
	mustRun(t, pg, "", "export", "--out", second)
	mustRun(t, back, "", "import", second)
	mustRun(t, back, "", "export", "--out", third)
	a, b := tableSums(t, first), tableSums(t, third)
	if len(a) < 70 || a["files"] != "1" {
		t.Fatalf("the first export has %d tables and %s files; want every table and the attachment", len(a), a["files"])
	}
	for name, sum := range a {
		if b[name] != sum {
			t.Errorf("%s: the export after the round trip differs from the first (%s, then %s)", name, sum, b[name])
		}
	}

	want := apiAnswers(t, lite, token, s)
	for _, q := range []string{"/api/v1/inbox?q=%E6%8A%A5%E4%BB%B7", "/api/v1/inbox?q=price"} {
		if !strings.Contains(want[q], `"subject"`) {
			t.Fatalf("GET %s found nothing before the move: %s", q, want[q])
		}
	}
	sameAnswers(t, "SQLite → PostgreSQL", want, apiAnswers(t, pg, token, s))
	sameAnswers(t, "PostgreSQL → SQLite", want, apiAnswers(t, back, token, s))
}
