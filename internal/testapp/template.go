package testapp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/migrations"
	"github.com/rapport-crm/rapport/store/sqlite"
)

// FreshSQLite is a new, migrated SQLite database file in the test's folder,
// copied from a migrated template: migrating costs a quarter of a second of
// CPU without -race and seconds with it (modernc's SQLite is Go, and the
// race detector instruments all of it), copying a file almost nothing, and
// a test package opens hundreds. The template is made once per schema
// (named by its migrations) in the system temporary folder and reused by
// later test binaries. Migrate on the copy applies nothing.
func FreshSQLite(t testing.TB) string {
	t.Helper()
	src, err := template()
	if err != nil {
		t.Fatalf("testapp: the migrated template: %v", err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rapport.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var template = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(os.TempDir(), "rapport-testapp-"+schemaKey())
	path := filepath.Join(dir, "template.db")
	if _, err := os.Stat(path); err == nil {
		return path, nil // made by an earlier test binary for this schema
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	// Built beside its final name and renamed, so that test binaries
	// running at once never copy a half-written file.
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(tmp, "template.db")})
	if err != nil {
		return "", err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return "", err
	}
	// Closing the last connection checkpoints the WAL into the file.
	if err := db.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(filepath.Join(tmp, "template.db"), path)
})

// schemaKey names the template after the migrations it holds, so that a
// new migration makes a new template.
func schemaKey() string {
	m := migrations.SQLite()
	names, _ := fs.Glob(m, "*.sql")
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		b, _ := fs.ReadFile(m, n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
