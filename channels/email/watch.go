package email

import (
	"context"
	"fmt"
	"sync"

	"github.com/rapport-crm/rapport/crm"
)

// watch starts a watcher, an IDLE connection of its own, for each folder
// but the last (the session's connection IDLEs there), up to IdleFolders
// folders in all. It returns once every watcher has its folder selected,
// so that mail arriving after the sync that follows cannot go unannounced,
// and reports how many folders are watched by IDLE. A watcher that fails
// ends the session (with cancel) and so is restarted with it.
func (p *Poller) watch(ctx context.Context, cancel context.CancelCauseFunc, m *crm.Mailbox, cr *credentials, canIdle bool) (int, error) {
	if !canIdle || len(m.Folders) == 0 {
		return 0, nil
	}
	extra := m.Folders[:min(len(m.Folders)-1, p.cfg.IdleFolders-1)]
	var ready sync.WaitGroup
	errs := make(chan error, len(extra))
	for _, f := range extra {
		ready.Add(1)
		go p.watcher(ctx, m, cr, f, ready.Done, errs, cancel)
	}
	ready.Wait()
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return len(extra) + 1, nil
}

// watcher holds one folder in IDLE, re-issued every IdleFor; the server's
// EXISTS, reported through onMail, wakes the session.
func (p *Poller) watcher(ctx context.Context, m *crm.Mailbox, cr *credentials, folder string, ready func(),
	errs chan<- error, cancel context.CancelCauseFunc) {
	fail := func(err error) {
		errs <- err
		cancel(err)
	}
	cn, err := cr.dial(ctx, p.poke)
	if err == nil {
		defer cn.close()
		stop := context.AfterFunc(ctx, cn.close)
		defer stop()
		_, _, err = cn.selectFolder(folder)
	}
	if err != nil {
		fail(fmt.Errorf("watch %q: %w", folder, err))
		ready()
		return
	}
	ready()
	for err == nil && ctx.Err() == nil {
		err = cn.idle(ctx, p.cfg.IdleFor, nil)
	}
	if err != nil && ctx.Err() == nil {
		fail(fmt.Errorf("watch %q: %w", folder, err))
	}
}
