package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const followUpCols = `f.id, f.method, f.at, f.user_id, f.result, f.details, f.next_step, f.next_at, f.refs, f.created_at`

func scanFollowUp(r scanner) (*crm.FollowUp, error) {
	f := &crm.FollowUp{}
	return f, r.Scan(&f.ID, &f.Method, tm{&f.At}, &f.UserID, &f.Result, &f.Details, &f.NextStep, ntm{&f.NextAt},
		jsonCol{&f.Refs}, tm{&f.CreatedAt})
}

// CreateFollowUp stores f and moves the LastFollowUpAt of the leads it is
// about, in one transaction. EINVALID.
func (db *DB) CreateFollowUp(ctx context.Context, f *crm.FollowUp) error {
	if err := normalizeFollowUp(f); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkFollowUpRefs(ctx, tx, f); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO followups (method, at, user_id, result, details, next_step,
			next_at, refs, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			f.Method, f.At, f.UserID, f.Result, f.Details, f.NextStep, nullTime(f.NextAt), jsonArg(f.Refs), now).Scan(&f.ID)
		if err != nil {
			return db.wrap(err, "create follow-up")
		}
		f.CreatedAt = now
		return db.afterFollowUp(ctx, tx, f)
	})
}

// UpdateFollowUp saves a follow-up v may see. ENOTFOUND, EINVALID.
func (db *DB) UpdateFollowUp(ctx context.Context, v crm.Viewer, f *crm.FollowUp) error {
	if err := normalizeFollowUp(f); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.followUp(ctx, tx, v, f.ID)
		if err != nil {
			return err
		}
		if err := db.checkFollowUpRefs(ctx, tx, f); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE followups SET method = $1, at = $2, user_id = $3, result = $4,
			details = $5, next_step = $6, next_at = $7, refs = $8 WHERE id = $9`,
			f.Method, f.At, f.UserID, f.Result, f.Details, f.NextStep, nullTime(f.NextAt), jsonArg(f.Refs), f.ID)
		if err != nil {
			return db.wrap(err, "update follow-up")
		}
		f.CreatedAt = old.CreatedAt
		return db.afterFollowUp(ctx, tx, f)
	})
}

func normalizeFollowUp(f *crm.FollowUp) error {
	if err := f.Normalize(); err != nil {
		return err
	}
	f.At, f.NextAt, f.Refs = utc(f.At), normTime(f.NextAt), dedupe(f.Refs)
	return nil
}

func (db *DB) checkFollowUpRefs(ctx context.Context, tx *sql.Tx, f *crm.FollowUp) error {
	uid := f.UserID
	return db.checkExist(ctx, tx, append(refChecks("refs", f.Refs), exists{"user_id", "users", &uid})...)
}

// afterFollowUp indexes f's refs and moves each lead's LastFollowUpAt to
// f.At when that is later (a follow-up recorded late does not move it back).
func (db *DB) afterFollowUp(ctx context.Context, tx *sql.Tx, f *crm.FollowUp) error {
	if err := db.setRefs(ctx, tx, "followup_refs", "followup_id", f.ID, f.Refs); err != nil {
		return err
	}
	for _, r := range f.Refs {
		if r.Kind != crm.RefLead {
			continue
		}
		_, err := tx.ExecContext(ctx, `UPDATE leads SET last_follow_up_at = $1
			WHERE id = $2 AND (last_follow_up_at IS NULL OR last_follow_up_at < $1)`, f.At, r.ID)
		if err != nil {
			return db.wrap(err, "touch lead")
		}
	}
	return db.touchActivity(ctx, tx, f.Refs, f.At)
}

// FollowUp returns one follow-up v may see (its owner is its author).
func (db *DB) FollowUp(ctx context.Context, v crm.Viewer, id int64) (f *crm.FollowUp, err error) {
	err = db.query(ctx, func(q querier) error {
		f, err = db.followUp(ctx, q, v, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (db *DB) followUp(ctx context.Context, q querier, v crm.Viewer, id int64) (*crm.FollowUp, error) {
	w := &where{}
	w.and("f.id = " + w.arg(id))
	w.visible(v, "f.user_id")
	f, err := scanFollowUp(q.QueryRowContext(ctx, `SELECT `+followUpCols+` FROM followups f`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Follow-up", "get follow-up")
	}
	return f, nil
}

// ListFollowUps returns a page of follow-ups, newest first by id.
func (db *DB) ListFollowUps(ctx context.Context, f crm.FollowUpFilter) (l crm.List[*crm.FollowUp], err error) {
	pg := f.Page.Clamp()
	w := followUpWhere(f)
	tail := w.page("f.id", pg.After, pg.Limit)
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanFollowUp, `SELECT `+followUpCols+` FROM followups f`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(f *crm.FollowUp) int64 { return f.ID })
		return db.wrap(err, "list follow-ups")
	})
	return l, err
}
