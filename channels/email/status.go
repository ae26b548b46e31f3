package email

import (
	"context"
	"sync"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// pollStatus is what a poller shows admins about its mailbox
// (crm.MailboxStatus): changed by the session and by the ingest workers
// at once, so behind a lock, and saved by Poller.saveStatus.
type pollStatus struct {
	mu sync.Mutex
	st crm.MailboxStatus
}

// resume starts from the status saved by the last session.
func (s *pollStatus) resume(st crm.MailboxStatus) { s.set(func(c *crm.MailboxStatus) { *c = st }) }

func (s *pollStatus) failed(err error) {
	s.set(func(c *crm.MailboxStatus) { c.State, c.LastError = crm.MailboxError, err.Error() })
}

// idle records a completed sync of every folder.
func (s *pollStatus) idle(at time.Time) {
	s.set(func(c *crm.MailboxStatus) {
		c.State, c.LastError, c.LastSyncAt, c.Pending = crm.MailboxIdle, "", &at, 0
	})
}

// syncing records a folder sync with n messages to fetch.
func (s *pollStatus) syncing(n int) {
	s.set(func(c *crm.MailboxStatus) { c.State, c.Pending = crm.MailboxSyncing, int64(n) })
}

// fetched takes n messages off the pending count.
func (s *pollStatus) fetched(n int) {
	s.set(func(c *crm.MailboxStatus) { c.Pending = max(0, c.Pending-int64(n)) })
}

// stored counts one ingested message, new or seen before.
func (s *pollStatus) stored(duplicate bool) {
	s.set(func(c *crm.MailboxStatus) {
		if duplicate {
			c.Duplicates++
		} else {
			c.Ingested++
		}
	})
}

func (s *pollStatus) set(f func(*crm.MailboxStatus)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.st)
}

func (s *pollStatus) get() crm.MailboxStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

// saveStatus stores the status, even when ctx has ended (a session that
// stops still says why).
func (p *Poller) saveStatus(ctx context.Context) {
	if err := p.cfg.Store.SetMailboxStatus(context.WithoutCancel(ctx), p.id, p.status.get()); err != nil {
		p.log.Warn("mailbox status not saved", "err", err)
	}
}
