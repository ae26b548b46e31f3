package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// Audit appends an entry and sets its ID and At.
func (db *DB) Audit(ctx context.Context, e *crm.AuditEntry) error {
	p := crm.Problems{}
	p.Require("action", e.Action)
	p.MaxLen("action", e.Action, 100)
	p.Require("subject", e.Subject.Kind)
	p.MaxLen("detail", e.Detail, 2000)
	if err := p.Err(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"actor_id", "users", e.ActorID}); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO audit_log (actor_id, action, subject_kind, subject_id, detail, at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			idArg(e.ActorID), e.Action, e.Subject.Kind, e.Subject.ID, e.Detail, now).Scan(&e.ID)
		e.At = now
		return db.wrap(err, "audit")
	})
}

// AuditOf returns the entries about a record, newest first; limit is
// clamped like a page's.
func (db *DB) AuditOf(ctx context.Context, r crm.Ref, limit int) (es []*crm.AuditEntry, err error) {
	limit = crm.Page{Limit: limit}.Clamp().Limit
	err = db.query(ctx, func(q querier) error {
		es, err = queryAll(ctx, q, func(s scanner) (*crm.AuditEntry, error) {
			e := &crm.AuditEntry{}
			return e, s.Scan(&e.ID, nid{&e.ActorID}, &e.Action, &e.Subject.Kind, &e.Subject.ID, &e.Detail, tm{&e.At})
		}, `SELECT id, actor_id, action, subject_kind, subject_id, detail, at FROM audit_log
			WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id DESC LIMIT $3`, r.Kind, r.ID, limit)
		return db.wrap(err, "audit of")
	})
	return es, err
}
