package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// Lead returns one lead v may see. ENOTFOUND.
func (db *DB) Lead(ctx context.Context, v crm.Viewer, id int64) (l *crm.Lead, err error) {
	err = db.query(ctx, func(q querier) error {
		if l, err = db.lead(ctx, q, v, id); err != nil {
			return err
		}
		return db.leadSources(ctx, q, []*crm.Lead{l})
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

func (db *DB) lead(ctx context.Context, q querier, v crm.Viewer, id int64) (*crm.Lead, error) {
	w := &where{}
	w.and("l.id = " + w.arg(id))
	w.visible(v, "l.owner_id")
	l, err := scanLead(q.QueryRowContext(ctx, `SELECT `+leadCols+` FROM leads l`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Lead", "get lead")
	}
	return l, nil
}

// ListLeads returns a page of leads, newest first.
func (db *DB) ListLeads(ctx context.Context, f crm.LeadFilter) (l crm.List[*crm.Lead], err error) {
	pg := f.Page.Clamp()
	w := leadWhere(db, f)
	tail, err := w.poolSorted(f.Viewer, "l", "leads", f.PoolFilter, pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanLead, `SELECT `+leadCols+` FROM leads l`+w.String()+tail, w.args...)
		if err != nil {
			return db.wrap(err, "list leads")
		}
		l = crm.NewList(items, pg.Limit, func(l *crm.Lead) int64 { return l.ID })
		return db.leadSources(ctx, q, l.Items)
	})
	return l, err
}

// CountLeads counts what f selects, ignoring its page.
func (db *DB) CountLeads(ctx context.Context, f crm.LeadFilter) (int64, error) {
	w := leadWhere(db, f)
	poolList(w, f.Viewer, "l", "leads", f.PoolFilter, crm.Page{Limit: 1})
	return db.count(ctx, "leads", "leads l", w)
}

// leadWhere is what a lead list selects, before its page.
func leadWhere(db *DB, f crm.LeadFilter) *where {
	w := &where{}
	w.visible(f.Viewer, "l.owner_id")
	w.search(db.dialect.ILike(), f.Query, "l.name", "l.company", "l.email", "l.phone")
	w.equal("l.status", f.Status)
	w.equal("l.channel", f.Channel)
	if f.Tag != "" {
		w.and(leadLinks.has("l", w.arg(f.Tag)))
	}
	w.equalID("l.owner_id", f.OwnerID)
	w.inTeam("l.owner_id", f.TeamID)
	if f.InPool {
		w.and("l.owner_id IS NULL")
	}
	db.leadFunnel(w, f)
	return w
}
