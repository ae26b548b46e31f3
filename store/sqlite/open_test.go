package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/store/sqlite"
)

func TestOpenCreatesFolderAndUsesWAL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a", "b", "rapport.db")
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTeam(ctx, &crm.Team{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no write-ahead log next to the database: %v", err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Error(err)
	}
}

func TestOpenRefusesBadPaths(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"", ":memory:", "data/x.db?mode=ro"} {
		if db, err := sqlite.Open(context.Background(), sqlite.Config{Path: p}); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded, want an error", p)
		}
	}
}
