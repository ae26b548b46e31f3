package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/store/postgres"
)

// A failed connection must say where it tried, never the password.
func TestOpenErrorHidesPassword(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"postgres://rapport:s3cret-pw@127.0.0.1:1/rapport?sslmode=disable&connect_timeout=2",
		"postgres://rapport:s3cret-pw@127.0.0.1:5432/rapport?sslmode=bogus",
	} {
		db, err := postgres.Open(context.Background(), postgres.Config{URL: u})
		if err == nil {
			db.Close()
			t.Fatalf("Open(%q) succeeded", u)
		}
		if strings.Contains(err.Error(), "s3cret-pw") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}
