package sqlstore

import "context"

// TidySearch merges the pending entries of PostgreSQL's search index (the
// trigram GIN index messages_search) into the index, and returns how many
// pending pages it merged; on SQLite, whose index file keeps itself
// (MessageIndex), it does nothing.
//
// Why: GIN's fast update appends a new message's entries to a pending
// list, cheap for each insert; the insert that finds the list past
// gin_pending_list_limit (4 MB: some 4,000 web-form submissions) merges
// all of it first, 100 ms and more. That insert is the ingest writer's, so
// the batch that paid it and every submission queued behind it waited as
// long: at 500 posts a second, some 50 requests every 8 seconds, which is
// the p99. Called every fraction of a second from a connection of its own,
// this keeps the list short; an insert that finds it long while this runs
// does not wait for it (one backend cleans at a time, the others skip).
func (db *DB) TidySearch(ctx context.Context) (int64, error) {
	if db.dialect.Name() != "postgres" {
		return 0, nil
	}
	var pages int64
	err := db.write.QueryRowContext(ctx, `SELECT gin_clean_pending_list('messages_search'::regclass)`).Scan(&pages)
	return pages, db.wrap(err, "tidy search index")
}
