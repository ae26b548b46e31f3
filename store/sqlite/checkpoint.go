package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"
)

// SQLite's own automatic checkpoint runs inside the commit that crosses its
// threshold, so one writer in a few hundred paid for copying the whole log
// into the database and syncing it: under a steady 500 form posts a second
// that was the p99. Instead the writer's automatic checkpoint is pushed far
// out (a safety net should this goroutine stall) and a separate connection
// runs PASSIVE checkpoints, which never block the writer or readers.
//
// It looks at the log every checkpointEvery and checkpoints when the log
// was written since its last look; an idle database costs one stat.
const checkpointEvery = 250 * time.Millisecond

// The writer's own pragmas (writeParams) hold the other two settings: it
// checkpoints by itself only when the log reaches 100,000 pages (about
// 400 MB), which background checkpoints should never let happen, and
// journal_size_limit truncates the log file back to 64 MB when SQLite
// restarts it, so one burst does not keep a huge file for good.

// checkpointer runs PASSIVE checkpoints beside the writer.
type checkpointer struct {
	db      *sql.DB // one connection of its own
	walPath string
	seen    time.Time // the log's modification time at the last checkpoint
	log     *slog.Logger
	stop    chan struct{}
	done    sync.WaitGroup
	closed  sync.Once
}

func startCheckpointer(ctx context.Context, path string, log *slog.Logger) (*checkpointer, error) {
	c, err := newCheckpointer(ctx, path, log)
	if err != nil {
		return nil, err
	}
	c.done.Go(c.run)
	return c, nil
}

func newCheckpointer(ctx context.Context, path string, log *slog.Logger) (*checkpointer, error) {
	db, err := openPool(ctx, path, commonParams, 1)
	if err != nil {
		return nil, err
	}
	return &checkpointer{db: db, walPath: path + "-wal", log: log, stop: make(chan struct{})}, nil
}

func (c *checkpointer) run() {
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
			c.checkpointIfWritten(context.Background())
		}
	}
}

func (c *checkpointer) checkpointIfWritten(ctx context.Context) {
	fi, err := os.Stat(c.walPath)
	if err != nil || fi.ModTime().Equal(c.seen) {
		return
	}
	// A write during the checkpoint changes the time again, so it is
	// checkpointed at the next look.
	c.seen = fi.ModTime()
	if _, err := c.checkpoint(ctx); err != nil {
		c.log.Warn("sqlite: background checkpoint failed", "err", err)
	}
}

// checkpointResult is what PRAGMA wal_checkpoint answers: whether it was
// blocked, the log's frames, and how many of them are now in the database.
type checkpointResult struct{ busy, logFrames, copied int }

func (c *checkpointer) checkpoint(ctx context.Context) (checkpointResult, error) {
	var r checkpointResult
	err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&r.busy, &r.logFrames, &r.copied)
	if err != nil {
		return r, fmt.Errorf("wal_checkpoint: %w", err)
	}
	return r, nil
}

// close stops the goroutine, if started, then closes its connection. A
// store may be closed twice; the second time does nothing.
func (c *checkpointer) close() {
	c.closed.Do(func() {
		close(c.stop)
		c.done.Wait()
		c.db.Close()
	})
}
