package crm

import (
	"context"
	"time"
)

// commit writes a batch in one transaction. If anything in it fails, the
// batch is rolled back and each message retried alone, so one bad message
// costs the others only time.
func (g *Ingester) commit(ctx context.Context, batch []*ingestReq) {
	results, err := g.write(ctx, batch)
	if err != nil && len(batch) > 1 {
		for _, r := range batch {
			g.commit(ctx, []*ingestReq{r})
		}
		return
	}
	if ErrorCode(err) == ECONFLICT {
		// Another instance on the database committed what this message
		// would have written first (its dedupe key, its sender's thread):
		// a second try reads that and joins it.
		results, err = g.write(ctx, batch)
	}
	for i, r := range batch {
		if err != nil {
			g.cfg.Logger.Warn("ingest failed", "channel", r.in.Channel, "account", r.in.Account,
				"external_id", r.in.ExternalID, "code", ErrorCode(err), "err", err)
		}
		r.done <- ingestDone{res: results[i], err: err}
		if err == nil {
			g.publish(r.in.Channel, results[i])
		}
	}
}

// write applies a batch in one transaction.
func (g *Ingester) write(ctx context.Context, batch []*ingestReq) ([]*IngestResult, error) {
	results := make([]*IngestResult, len(batch))
	start := time.Now()
	err := g.cfg.Store.WithIngestTx(ctx, func(ctx context.Context, tx IngestTx) error {
		if err := prefetch(ctx, tx, batch); err != nil {
			return err
		}
		for i, r := range batch {
			res, err := g.apply(ctx, tx, r.in, r.cur)
			if err != nil {
				return err
			}
			results[i] = res
		}
		return nil
	})
	if err != nil {
		clear(results)
	} else if g.cfg.Observe != nil {
		g.cfg.Observe(len(batch), time.Since(start))
	}
	return results, err
}

func prefetch(ctx context.Context, tx IngestTx, batch []*ingestReq) error {
	p, ok := tx.(IngestPrefetcher)
	if !ok {
		return nil
	}
	ins := make([]*Inbound, len(batch))
	for i, r := range batch {
		ins[i] = r.in
	}
	return p.Prefetch(ctx, ins)
}
