package sqlite

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The writer must leave checkpoints to the checkpointer: 6 MB of commits
// (past SQLite's default 4 MB threshold) stay in the log until the
// checkpointer, seeing the log written, copies them into the database.
func TestCheckpointerMovesTheLogNotTheWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	w, err := openPool(ctx, path, writeParams, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var pages int
	if err := w.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&pages); err != nil || pages != 100000 {
		t.Fatalf("writer's wal_autocheckpoint = %d (%v), want 100000", pages, err)
	}
	if _, err := w.ExecContext(ctx, "CREATE TABLE t (v TEXT)"); err != nil {
		t.Fatal(err)
	}
	row := strings.Repeat("x", 1000)
	for range 6000 { // one commit each, as the ingest writer commits batches
		if _, err := w.ExecContext(ctx, "INSERT INTO t (v) VALUES (?)", row); err != nil {
			t.Fatal(err)
		}
	}
	if size := fileSize(t, path); size > 1<<20 {
		t.Fatalf("database file is %d bytes before any background checkpoint: the writer checkpointed itself", size)
	}
	c, err := newCheckpointer(ctx, path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	c.checkpointIfWritten(ctx)
	if size := fileSize(t, path); size < 6_000_000 {
		t.Fatalf("database file is %d bytes after the checkpoint, want the 6 MB written", size)
	}
	r, err := c.checkpoint(ctx)
	if err != nil || r.busy != 0 || r.copied != r.logFrames {
		t.Fatalf("checkpoint after the background one = %+v, %v: want every frame copied", r, err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
