package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/importer"
	"github.com/rapport-crm/rapport/store/sqlstore"
)

// importPoll is how often the import runner looks for a queued import.
const importPoll = 2 * time.Second

// newImporter is the import service for the web layer, and its runner:
// one instance at a time imports, under the "import" lease.
func newImporter(cfg *Config, db *sqlstore.DB, blobs crm.BlobStore, holder string, log *slog.Logger) (*importer.Service, worker) {
	svc := importer.New(importer.Config{Store: db, Blobs: blobs, Now: time.Now, Log: log.With("part", "import"),
		Holder: holder, Region: cfg.PhoneRegion})
	return svc, worker{"import", func(ctx context.Context) error {
		svc.Run(ctx, importPoll)
		return ctx.Err()
	}}
}
