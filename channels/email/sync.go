package email

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// position is a folder's cursor: its UIDVALIDITY and the last UID stored.
type position struct{ validity, last uint32 }

func (ps position) String() string { return fmt.Sprintf("%d:%d", ps.validity, ps.last) }

func parsePosition(s string) (position, bool) {
	v, l, ok := strings.Cut(s, ":")
	vv, err1 := strconv.ParseUint(v, 10, 32)
	lv, err2 := strconv.ParseUint(l, 10, 32)
	return position{uint32(vv), uint32(lv)}, ok && err1 == nil && err2 == nil
}

// syncFolder ingests a folder's new mail. A first sync, or one after the
// server changed UIDVALIDITY (every stored UID is void), scans from the
// start, bounded to the last SyncDays days; content-derived ExternalIDs
// make the re-scan store nothing twice.
func (p *Poller) syncFolder(ctx context.Context, cn *conn, m *crm.Mailbox, folder string) error {
	validity, top, err := cn.selectFolder(folder)
	if err != nil {
		return err
	}
	cur, err := p.cfg.Store.Cursor(ctx, crm.ChannelEmail, p.account, folder)
	if err != nil && !crm.IsNotFound(err) {
		return err
	}
	pos, found := parsePosition(cur.Value)
	var since time.Time
	var floor uint32 // a bounded sync passes over older mail up to here
	if !found || pos.validity != validity {
		if found {
			p.log.Warn("UIDVALIDITY changed; re-scanning", "folder", folder, "old", pos.validity, "new", validity)
		}
		pos = position{validity: validity}
		if m.SyncDays > 0 {
			since, floor = p.cfg.Now().AddDate(0, 0, -m.SyncDays), top
		}
	}
	uids, err := cn.newUIDs(pos.last, since)
	if err != nil || len(uids) == 0 {
		return err
	}
	p.progress(ctx, folder, len(uids))
	for start := 0; start < len(uids); start += p.cfg.Batch {
		end := min(start+p.cfg.Batch, len(uids))
		batch, fl := uids[start:end], uint32(0)
		if end == len(uids) {
			fl = floor
		}
		if err := p.fetchAndIngest(ctx, cn, folder, pos, batch, fl); err != nil {
			return err
		}
		pos.last = batch[len(batch)-1]
		p.status.fetched(len(batch))
		p.saveStatus(ctx)
	}
	return nil
}

func (p *Poller) progress(ctx context.Context, folder string, n int) {
	p.log.Info("mailbox sync", "folder", folder, "new", n)
	p.status.syncing(n)
	p.saveStatus(ctx)
}
