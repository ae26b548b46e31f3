package email

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"

	"github.com/rapport-crm/rapport/crm"
)

// fetchAndIngest fetches uids and ingests them with several workers, so that
// parsing and the Ingester's group commit overlap the fetch. Each message
// carries the cursor up to which every message is stored (the watermark),
// never past one still in flight; the batch ends by saving the final
// cursor, once every message it covers is stored.
//
// floor, when set, is the highest UID a bounded first sync passes over: the
// final cursor moves there, so mail older than the window is not fetched
// by the next sync either.
func (p *Poller) fetchAndIngest(ctx context.Context, cn *conn, folder string, pos position, uids []uint32, floor uint32) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	tr := newTracker(pos, uids)
	jobs := make(chan *fetched)
	// Many workers keep the Ingester's batches full; the byte budget keeps
	// a run of large messages from all being held at once.
	budget := semaphore.NewWeighted(p.cfg.InFlightBytes)
	var wg sync.WaitGroup
	for range p.cfg.Workers {
		wg.Go(func() {
			for f := range jobs {
				err := p.ingestOne(ctx, f, folder, tr)
				if err != nil {
					err = p.setAside(ctx, f, folder, tr, err)
				}
				if err != nil {
					cancel(err)
				}
				budget.Release(p.weight(f))
			}
		})
	}
	err := cn.fetch(uids, func(f *fetched) error {
		if !tr.wanted(f.UID) {
			return nil
		}
		if err := budget.Acquire(ctx, p.weight(f)); err != nil {
			return context.Cause(ctx)
		}
		select {
		case jobs <- f:
			return nil
		case <-ctx.Done():
			budget.Release(p.weight(f))
			return context.Cause(ctx)
		}
	})
	close(jobs)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil {
		return cause
	}
	if err != nil {
		return err
	}
	tr.skipMissing() // expunged between SEARCH and FETCH
	return p.commitCursor(ctx, folder, tr, floor)
}

// commitCursor saves the final watermark. The messages carried older ones
// in their own transactions; concurrent commits may have left an older one
// last, so the final one is always saved.
func (p *Poller) commitCursor(ctx context.Context, folder string, tr *tracker, floor uint32) error {
	pos, stored := tr.final()
	if !stored {
		return nil
	}
	pos.last = max(pos.last, floor)
	return p.cfg.Store.SaveCursor(ctx, *p.cursor(folder, pos))
}

// weight is what a message takes of the in-flight budget: its size, and
// the whole budget at most, so that one huge message still passes.
func (p *Poller) weight(f *fetched) int64 {
	return min(int64(len(f.Raw))+1, p.cfg.InFlightBytes)
}

func (p *Poller) cursor(folder string, pos position) *crm.Cursor {
	return &crm.Cursor{Channel: crm.ChannelEmail, Account: p.account, Name: folder, Value: pos.String()}
}
