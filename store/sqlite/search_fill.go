package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Filling the index: the background loop, and the catch-up a search
// runs first, both from the messages table in batches.

// loop indexes new messages every searchInterval until Close.
func (x *searchIndex) loop() {
	defer close(x.done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-x.stop
		cancel()
	}()
	t := time.NewTicker(searchInterval)
	defer t.Stop()
	for {
		select {
		case <-x.stop:
			return
		case <-t.C:
			x.report(x.CatchUp(ctx))
		}
	}
}

// report logs the loop's errors once each, and their end.
func (x *searchIndex) report(err error) {
	msg := ""
	if err != nil && !errors.Is(err, context.Canceled) {
		msg = err.Error()
	}
	switch {
	case msg == x.lastErr:
	case msg == "":
		x.log.Info("search index works again")
	default:
		x.log.Warn("search index: cannot index new messages", "err", msg)
	}
	x.lastErr = msg
}

// catchUp indexes the messages written since it last ran, in at most
// batches transactions (a search does not wait for a whole rebuild).
func (x *searchIndex) catchUp(ctx context.Context, batches int) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	last, err := x.lastMessage(ctx)
	if err != nil || last == x.through {
		return err
	}
	if !x.checked {
		if err := x.check(ctx); err != nil {
			return err
		}
		x.checked = true
	}
	for range batches {
		n, err := x.indexBatch(ctx)
		if err != nil || n < searchBatch {
			return err
		}
	}
	return nil
}

// messageKey identifies a message beyond its id.
const messageKey = `channel || ' ' || account || ' ' || external_id`

// indexBatch indexes up to searchBatch messages after the last one indexed,
// in one transaction of the index file, and returns how many.
func (x *searchIndex) indexBatch(ctx context.Context) (int, error) {
	tx, err := x.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	defer tx.Rollback()
	// Read inside the transaction: another process (a CLI command) may
	// have indexed since this one last looked.
	var through int64
	if err := tx.QueryRowContext(ctx, `SELECT through_id FROM search_state`).Scan(&through); err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	docs, err := x.newDocs(ctx, through)
	if err != nil || len(docs) == 0 {
		x.through = through
		return 0, err
	}
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO message_search (rowid, doc) VALUES ($1, $2)`, d.id, d.doc); err != nil {
			return 0, fmt.Errorf("sqlite: search index: message %d: %w", d.id, err)
		}
	}
	last := docs[len(docs)-1]
	if _, err := tx.ExecContext(ctx, `UPDATE search_state SET through_id = $1, through = $2`, last.id, last.key); err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("sqlite: search index: %w", err)
	}
	x.through = last.id
	return len(docs), nil
}

type searchDocRow struct {
	id       int64
	key, doc string
}

// newDocs reads the next messages after through, oldest first. Ids only
// grow in commit order (one writer; AUTOINCREMENT), so none is skipped.
func (x *searchIndex) newDocs(ctx context.Context, through int64) ([]searchDocRow, error) {
	rows, err := x.main.QueryContext(ctx, `SELECT id, `+messageKey+`, `+searchDoc+`
		FROM messages WHERE id > $1 ORDER BY id LIMIT $2`, through, searchBatch)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search index: %w", err)
	}
	defer rows.Close()
	var docs []searchDocRow
	for rows.Next() {
		var d searchDocRow
		if err := rows.Scan(&d.id, &d.key, &d.doc); err != nil {
			return nil, fmt.Errorf("sqlite: search index: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search index: %w", err)
	}
	return docs, nil
}
