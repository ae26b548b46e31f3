package main

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// rewriteZip copies the archive src to dst, passing each entry's content
// through change.
func rewriteZip(t *testing.T, src, dst string, change func(name string, b []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	must(t, err)
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		w, err := zw.Create(f.Name)
		must(t, err)
		_, err = w.Write(change(f.Name, b))
		must(t, err)
	}
	must(t, zw.Close())
	must(t, os.WriteFile(dst, buf.Bytes(), 0o600))
}

// holdsUsers reports whether the installation has any user.
func holdsUsers(t *testing.T, vars []string) bool {
	r := runRapport(t, vars, "", "user", "list")
	return strings.Contains(r.stdout, "@")
}

// A damaged, foreign or newer file is refused before anything is written,
// a database with records is never imported into, and a failure late in
// the import (the wrong secret key) leaves the target empty.
func TestImportRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	src := []string{"RAPPORT_DATA=" + t.TempDir(), "RAPPORT_SECRET_KEY=" + moveKey}
	mustRun(t, src, "correct horse battery\n", "user", "add", "--email", "admin@huaqiang.example", "--role", "admin")
	mustRun(t, src, "imap-password\n", "mailbox", "add", "--name", "Sales", "--address", "sales@huaqiang.example",
		"--imap-host", "imap.example.com", "--username", "sales@huaqiang.example", "--smtp-host", "smtp.example.com")
	good := filepath.Join(dir, "good.zip")
	mustRun(t, src, "", "export", "--out", good)
	raw, err := os.ReadFile(good)
	must(t, err)
	truncated := filepath.Join(dir, "truncated.zip")
	must(t, os.WriteFile(truncated, raw[:len(raw)-200], 0o600))
	newer := filepath.Join(dir, "newer.zip")
	rewriteZip(t, good, newer, func(name string, b []byte) []byte {
		if name == "rapport-export.json" {
			return bytes.Replace(b, []byte(`"version": 1`), []byte(`"version": 99`), 1)
		}
		return b
	})
	tampered := filepath.Join(dir, "tampered.zip")
	rewriteZip(t, good, tampered, func(name string, b []byte) []byte {
		if name == "tables/users.ndjson" {
			return bytes.Replace(b, []byte(`"admin"`), []byte(`"rep"`), 1)
		}
		return b
	})
	each(t, func(t *testing.T, e engine) {
		target := append(e.vars, "RAPPORT_SECRET_KEY="+moveKey)
		for _, tt := range []struct{ file, want string }{
			{truncated, "not a complete Rapport export"},
			{newer, "format version 99"},
			{tampered, "tables/users.ndjson has 1 rows with checksum"},
			{filepath.Join(dir, "missing.zip"), "no such file"},
		} {
			r := runRapport(t, target, "", "import", tt.file)
			if r.code != exitRuntime || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("import %s: exit %d, stderr %q; want 1 and %q", filepath.Base(tt.file), r.code, r.stderr, tt.want)
			}
		}
		wrongKey := append(e.vars, "RAPPORT_SECRET_KEY="+strings.Repeat("ab", 32))
		r := runRapport(t, wrongKey, "", "import", good)
		if r.code != exitRuntime || !strings.Contains(r.stderr, "RAPPORT_SECRET_KEY is not the key") || holdsUsers(t, target) {
			t.Errorf("import under another key: exit %d, stderr %q; want 1, refused, nothing imported", r.code, r.stderr)
		}
		mustRun(t, target, "", "import", good)
		if !holdsUsers(t, target) {
			t.Fatal("the good file imported no user")
		}
		r = runRapport(t, target, "", "import", good)
		if r.code != exitRuntime || !strings.Contains(r.stderr, "is not empty: mailboxes, users hold records") {
			t.Errorf("import into a database with records: exit %d, stderr %q; want 1 and not empty", r.code, r.stderr)
		}
	})
}

// A table that no migration known to the exporter declares makes the
// export fail, naming it: a new migration cannot be left out silently.
func TestExportRefusesAnUnknownTable(t *testing.T) {
	each(t, func(t *testing.T, e engine) {
		mustRun(t, e.vars, "", "migrate")
		driver, dsn := "sqlite", filepath.Join(strings.TrimPrefix(e.vars[0], "RAPPORT_DATA="), "rapport.db")
		for _, v := range e.vars {
			if u, ok := strings.CutPrefix(v, "RAPPORT_DATABASE_URL="); ok {
				driver, dsn = "pgx", u
			}
		}
		db, err := sql.Open(driver, dsn)
		must(t, err)
		_, err = db.Exec(`CREATE TABLE loyalty_points (id INTEGER PRIMARY KEY, points INTEGER)`)
		db.Close()
		must(t, err)
		r := runRapport(t, e.vars, "", "export", "--out", filepath.Join(t.TempDir(), "x.zip"))
		if r.code != exitRuntime || !strings.Contains(r.stderr, "loyalty_points") {
			t.Errorf("export with an unknown table: exit %d, stderr %q; want 1 naming loyalty_points", r.code, r.stderr)
		}
	})
}
