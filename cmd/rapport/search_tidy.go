package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/store/sqlstore"
)

// searchTidyEvery is how often serve merges PostgreSQL's pending search
// entries: at 500 form posts a second the pending list grows by a few
// hundred KB in this time, a merge of a few milliseconds on a connection
// of its own, far below the 4 MB that the ingest writer would otherwise
// stop to merge (sqlstore.DB.TidySearch).
const searchTidyEvery = 250 * time.Millisecond

// searchTidier is serve's worker that keeps PostgreSQL's search index
// tidy. A failure (a database user that does not own the index may not
// merge it) is logged once: the inserts then merge as they always did.
func searchTidier(db *sqlstore.DB, log *slog.Logger) worker {
	return worker{"search-tidy", func(ctx context.Context) error {
		t := time.NewTicker(searchTidyEvery)
		defer t.Stop()
		failing := false
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
			}
			_, err := db.TidySearch(ctx)
			switch {
			case err != nil && ctx.Err() != nil:
				return ctx.Err()
			case err != nil && !failing:
				log.Warn("search index: cannot merge pending entries; ingest batches will", "err", err)
			case err == nil && failing:
				log.Info("search index: merging pending entries again")
			}
			failing = err != nil
		}
	}}
}
