package email

import (
	"context"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// strikeKey names one message of a folder for counting its failures.
type strikeKey struct {
	folder        string
	validity, uid uint32
}

// setAside handles a message that could not be ingested. While it has
// failed fewer than MaxFailures times in a row, the error stands (the batch
// is retried with back-off); then the message is kept raw, with the error,
// as a crm.FailedMail, and the folder's cursor may pass it. Failures caused
// by the batch being cancelled are not the message's.
func (p *Poller) setAside(ctx context.Context, f *fetched, folder string, tr *tracker, cause error) error {
	if ctx.Err() != nil {
		return cause
	}
	key := strikeKey{folder, tr.validity(), f.UID}
	n := p.strike(key)
	if n < p.cfg.MaxFailures {
		return cause
	}
	fm := &crm.FailedMail{MailboxID: p.id, Folder: folder, UIDValidity: int64(key.validity), UID: int64(f.UID),
		Raw: f.Raw, Error: cause.Error(), Attempts: n}
	if err := p.cfg.Store.SaveFailedMail(ctx, fm); err != nil {
		return fmt.Errorf("%w (and it could not be set aside: %v)", cause, err)
	}
	p.log.Warn("message set aside after repeated failures; newer mail continues", "folder", folder, "uid", f.UID,
		"attempts", n, "failed_mail", fm.ID, "err", cause)
	p.clearStrike(key)
	tr.stored(f.UID)
	return nil
}

// strike counts one more failure of a message and returns the count.
func (p *Poller) strike(k strikeKey) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.strikes[k]++
	return p.strikes[k]
}

func (p *Poller) clearStrike(k strikeKey) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.strikes, k)
}

// retryFailed ingests again the set-aside messages an admin asked to
// retry. One that is stored leaves the list; one that fails stays, with
// the new error and its retry request spent.
func (p *Poller) retryFailed(ctx context.Context) error {
	list, err := p.cfg.Store.FailedMails(ctx, p.id, true)
	if err != nil {
		return err
	}
	for _, item := range list {
		fm, err := p.cfg.Store.FailedMail(ctx, item.ID)
		if err != nil {
			return err
		}
		if err := p.retryOne(ctx, fm); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			p.log.Warn("set-aside message failed again", "failed_mail", fm.ID, "folder", fm.Folder, "uid", fm.UID, "err", err)
			fm.Error, fm.Attempts = err.Error(), 1
			if err := p.cfg.Store.SaveFailedMail(ctx, fm); err != nil {
				return err
			}
			continue
		}
		p.log.Info("set-aside message stored on retry", "failed_mail", fm.ID, "folder", fm.Folder, "uid", fm.UID)
		if err := p.cfg.Store.DeleteFailedMail(ctx, fm.ID); err != nil {
			return err
		}
	}
	return nil
}

// retryOne ingests a set-aside message, without moving any cursor.
func (p *Poller) retryOne(ctx context.Context, fm *crm.FailedMail) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	parsed, err := p.prepare(ctx, fm.Raw, fm.FailedAt, fm.Folder, uint32(fm.UID))
	if err != nil {
		return err
	}
	res, err := p.cfg.Ingester.Ingest(ctx, &parsed.In, nil)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	p.status.stored(res.Duplicate)
	return p.reportBounce(ctx, parsed)
}
