package email

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// leased runs one session while holding the mailbox's lease. It reports
// whether a sync completed, so that back-off restarts after progress.
func (p *Poller) leased(ctx context.Context) (bool, error) {
	now := p.cfg.Now()
	until := now.Add(p.cfg.LeaseTTL)
	ok, err := p.cfg.Store.TakeMailboxLease(ctx, p.id, p.cfg.Holder, now, until)
	if err != nil || !ok {
		return false, err
	}
	m, err := p.cfg.Store.Mailbox(ctx, p.id)
	if err != nil || !m.Enabled {
		return false, err
	}
	p.status.resume(m.Status)
	p.mu.Lock()
	p.address = strings.ToLower(strings.TrimSpace(m.Address))
	p.mu.Unlock()
	sctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go p.keepLease(sctx, cancel, until)
	synced, err := p.session(sctx, m)
	if cause := context.Cause(sctx); errors.Is(cause, errLeaseLost) {
		return synced, cause
	}
	return synced, err
}

// keepLease renews the lease every third of its life. When another holder
// has it, or the database has not renewed it and it would run out before
// the next try, it ends the session: two instances never poll one mailbox.
// A failed renewal with time left is retried (a short database hiccup
// does not stop the mail).
func (p *Poller) keepLease(ctx context.Context, cancel context.CancelCauseFunc, until time.Time) {
	every := p.cfg.LeaseTTL / 3
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := p.cfg.Now()
		ok, err := p.cfg.Store.TakeMailboxLease(ctx, p.id, p.cfg.Holder, now, now.Add(p.cfg.LeaseTTL))
		switch {
		case err == nil && ok:
			until = now.Add(p.cfg.LeaseTTL)
		case err == nil || !now.Add(every).Before(until):
			cancel(errLeaseLost)
			return
		default:
			p.log.Warn("mailbox lease not renewed; retrying", "err", err, "until", until)
		}
		if retry, err := p.cfg.Store.FailedMails(ctx, p.id, true); err == nil && len(retry) > 0 {
			p.poke()
		}
	}
}

// session connects, then syncs every folder and waits for mail, until an
// error or ctx ends. Folders other than the last get IDLE connections of
// their own (watchers), so that their new mail comes at once too.
func (p *Poller) session(ctx context.Context, m *crm.Mailbox) (synced bool, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	cr := newCredentials(m, p.cfg.HTTP, p.cfg.Now, p.cfg.Store.SaveMailboxToken)
	cn, err := cr.dial(ctx, p.poke)
	if err != nil {
		return false, err
	}
	defer cn.close()
	stop := context.AfterFunc(ctx, cn.close) // unblocks a fetch or IDLE
	defer stop()
	watched, err := p.watch(ctx, cancel, m, cr, cn.canIdle())
	if err != nil {
		return false, err
	}
	for ctx.Err() == nil {
		if err := p.syncAll(ctx, cn, m); err != nil {
			return synced, causeOf(ctx, err)
		}
		synced = true
		if err := p.waitForMail(ctx, cn, watched == len(m.Folders)); err != nil {
			return synced, causeOf(ctx, err)
		}
	}
	return synced, causeOf(ctx, ctx.Err())
}

// syncAll retries set-aside messages an admin asked for, then syncs every
// folder and records the poller idle.
func (p *Poller) syncAll(ctx context.Context, cn *conn, m *crm.Mailbox) error {
	if err := p.retryFailed(ctx); err != nil {
		return err
	}
	for _, f := range m.Folders {
		if err := p.syncFolder(ctx, cn, m, f); err != nil {
			return err
		}
	}
	p.status.idle(p.cfg.Now().UTC())
	p.saveStatus(ctx)
	return nil
}

// causeOf prefers why the session was cancelled (a watcher failed, the
// lease was lost) to the error it caused (a closed connection).
func causeOf(ctx context.Context, err error) error {
	if c := context.Cause(ctx); c != nil && !errors.Is(c, context.Canceled) {
		return c
	}
	return err
}

// waitForMail IDLEs on the last selected folder until new mail in any
// watched folder; when some folders have no IDLE of their own, or the
// server has no IDLE, it polls.
func (p *Poller) waitForMail(ctx context.Context, cn *conn, allWatched bool) error {
	if !cn.canIdle() {
		return p.cfg.Wait(ctx, p.cfg.PollEvery)
	}
	d := p.cfg.IdleFor
	if !allWatched {
		d = min(d, p.cfg.PollEvery)
	}
	return cn.idle(ctx, d, p.wake)
}
