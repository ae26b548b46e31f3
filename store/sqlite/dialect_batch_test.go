package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"modernc.org/sqlite"
)

// TestForEachKeyPreparedOnce: a ForEachKey query run again with other
// values is not parsed and planned again (SQLite compiles a statement
// anew when a bound value may change its plan; the authorizer sees every
// compilation).
func TestForEachKeyPreparedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	st, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := openPool(ctx, path, writeParams, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var compiled atomic.Int64
	err = conn.Raw(func(dc any) error {
		return dc.(*cachedConn).Conn.(sqlite.AuthorizerRegisterer).RegisterAuthorizer(
			func(action sqlite.AuthorizerActionCode, _, _, _, _ string) sqlite.AuthorizerReturnCode {
				if action == sqlite.AuthSelect {
					compiled.Add(1)
				}
				return sqlite.AuthorizerOK
			})
	})
	if err != nil {
		t.Fatal(err)
	}
	d := Dialect{}
	q := d.ForEachKey("$3", "text", "m.id", "messages m", "m.channel = $1 AND m.account = $2 AND m.external_id = k.v")
	var first int64
	for i := range 5 {
		if err := run(ctx, conn, q, "webform", fmt.Sprint("form", i), d.ListArg([]string{fmt.Sprint("wf-", i)})); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = compiled.Load()
		}
	}
	if n := compiled.Load(); first == 0 || n != first {
		t.Fatalf("the authorizer saw %d selects compiled in the first run and %d in all 5: want them in the first only", first, n)
	}
}

func run(ctx context.Context, conn *sql.Conn, q string, args ...any) error {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
