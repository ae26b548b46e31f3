package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// The cache must give the same answers as no cache: when one statement is
// run again while its rows are still open, and after a statement failed.
func TestStatementCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := newConnector("file:" + filepath.Join(t.TempDir(), "c.db") + "?" + writeParams)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	defer db.Close()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)`)
	for _, v := range []string{"a", "b", "c"} {
		mustExec(`INSERT INTO t (v) VALUES ($1)`, v)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES ($1)`, "a"); err == nil {
		t.Fatal("duplicate accepted")
	}
	mustExec(`INSERT INTO t (v) VALUES ($1)`, "d") // the statement is usable after its error

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = `SELECT v FROM t WHERE id >= $1 ORDER BY id`
	outer, err := tx.QueryContext(ctx, q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var v string
		if err := outer.Scan(&v); err != nil {
			t.Fatal(err)
		}
		// The same text on the same connection while outer is open.
		var n int
		inner, err := tx.QueryContext(ctx, q, 3)
		if err != nil {
			t.Fatal(err)
		}
		for inner.Next() {
			n++
		}
		inner.Close()
		got = append(got, v+string(rune('0'+n)))
	}
	if err := outer.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "a2 b2 c2 d2"; joined(got) != want {
		t.Fatalf("got %q, want %q", joined(got), want)
	}
}

func joined(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}
