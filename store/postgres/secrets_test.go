package postgres_test

import (
	"context"
	"net/url"
	"os/exec"
	"testing"

	"github.com/rapport-crm/rapport/store/postgres/pgtest"
	"github.com/rapport-crm/rapport/store/storetest"
)

// TestSecrets: pg_dump of the schema holds no secret once a key is set.
func TestSecrets(t *testing.T) {
	t.Parallel()
	u := pgtest.FreshSchema(t, pgtest.URL(t))
	db := openAt(t, u)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not installed")
	}
	storetest.RunSecrets(t, db, func(t *testing.T) []byte {
		p, _ := url.Parse(u)
		q := p.Query()
		schema := q.Get("search_path")
		q.Del("search_path") // pg_dump's libpq does not know it
		p.RawQuery = q.Encode()
		out, err := exec.Command("pg_dump", "--data-only", "--schema", schema, p.String()).CombinedOutput()
		if err != nil {
			t.Fatalf("pg_dump: %v\n%s", err, out)
		}
		return out
	})
}
