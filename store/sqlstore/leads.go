package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const leadCols = `l.id, l.name, l.company, l.title, l.phone, l.email, l.source, l.status, l.owner_id, l.notes,
	l.custom, l.created_at, l.updated_at, l.last_follow_up_at, l.claimed_at, l.tags, ` + leadPoolCols

func scanLead(r scanner) (*crm.Lead, error) {
	l := &crm.Lead{}
	dst := []any{&l.ID, &l.Name, &l.Company, &l.Title, &l.Phone, &l.Email, jsonCol{&l.Source}, &l.Status,
		nid{&l.OwnerID}, &l.Notes, jsonCol{&l.Custom}, tm{&l.CreatedAt}, tm{&l.UpdatedAt},
		ntm{&l.LastFollowUpAt}, ntm{&l.ClaimedAt}, jsonCol{&l.Tags}}
	err := r.Scan(append(dst, poolScan(&l.PoolState)...)...)
	return l, err
}

// CreateLead stores l and sets ID and times. EINVALID.
func (db *DB) CreateLead(ctx context.Context, l *crm.Lead) error {
	if err := l.Normalize(db.region); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"owner_id", "users", l.OwnerID}); err != nil {
			return err
		}
		now := db.now()
		l.LastFollowUpAt, l.ClaimedAt = normTime(l.LastFollowUpAt), normTime(l.ClaimedAt)
		l.CreatedAt, l.UpdatedAt = now, now
		err := tx.QueryRowContext(ctx, insertLeadSQL, withoutID(leadArgs(l))...).Scan(&l.ID)
		if err != nil {
			return db.wrap(err, "create lead")
		}
		if err := db.setLabelLinks(ctx, tx, leadLinks, l.ID, l.Tags, true); err != nil {
			return err
		}
		return db.afterOwnerSet(ctx, tx, crm.Ref{Kind: crm.RefLead, ID: l.ID}, nil, l.OwnerID, true, &l.ClaimedAt, &l.PoolState, now)
	})
}

// UpdateLead saves a lead v may see. ENOTFOUND, EINVALID. CreatedAt,
// LastFollowUpAt and ClaimedAt stay as stored: follow-ups own the second,
// a change of owner sets the third.
func (db *DB) UpdateLead(ctx context.Context, v crm.Viewer, l *crm.Lead) error {
	if err := l.Normalize(db.region); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.lead(ctx, tx, v, l.ID)
		if err != nil {
			return err
		}
		if err := db.checkExist(ctx, tx, exists{"owner_id", "users", l.OwnerID}); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE leads SET name = $1, company = $2, title = $3, phone = $4, email = $5,
			channel = $6, source = $7, status = $8, owner_id = $9, notes = $10, custom = $11, updated_at = $12,
			company_key = $14, tags = $15 WHERE id = $13`,
			l.Name, l.Company, l.Title, l.Phone, l.Email, l.Source.Channel, jsonArg(l.Source), l.Status,
			idArg(l.OwnerID), l.Notes, jsonArg(l.Custom), now, l.ID, crm.CompanyKey(l.Company), jsonArg(l.Tags))
		if err != nil {
			return db.wrap(err, "update lead")
		}
		if err := db.setLabelLinks(ctx, tx, leadLinks, l.ID, l.Tags, false); err != nil {
			return err
		}
		l.CreatedAt, l.UpdatedAt, l.LastFollowUpAt = old.CreatedAt, now, old.LastFollowUpAt
		return db.afterOwnerSet(ctx, tx, crm.Ref{Kind: crm.RefLead, ID: l.ID}, old.OwnerID, l.OwnerID, false, &l.ClaimedAt, &l.PoolState, now)
	})
}

// ClaimLead gives a pool lead to v's user and sets ClaimedAt. The update
// takes the lead only while it has no owner, so of two reps claiming at
// once one wins and the other gets ECONFLICT.
func (db *DB) ClaimLead(ctx context.Context, v crm.Viewer, id int64) (l *crm.Lead, err error) {
	if v.UserID <= 0 {
		return nil, crm.Errorf(crm.EINVALID, "Only a user can claim a lead.")
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := db.now()
		res, err := tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2, updated_at = $2
			WHERE id = $3 AND owner_id IS NULL`, v.UserID, now, id)
		if err != nil {
			return db.wrap(err, "claim lead")
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return db.claimFailed(ctx, tx, id, err)
		}
		if err := db.refreshPool(ctx, tx, crm.Ref{Kind: crm.RefLead, ID: id}); err != nil {
			return err
		}
		l, err = db.lead(ctx, tx, crm.System, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// claimFailed tells a lead someone owns (ECONFLICT, even to a rep who can
// no longer see it: they lost a race for a lead they saw) from a missing one.
func (db *DB) claimFailed(ctx context.Context, tx *sql.Tx, id int64, err error) error {
	if err != nil {
		return db.wrap(err, "claim lead")
	}
	ok, err := db.rowExists(ctx, tx, "leads", id)
	switch {
	case err != nil:
		return err
	case ok:
		return crm.Errorf(crm.ECONFLICT, "Someone has claimed this lead already.")
	}
	return crm.Errorf(crm.ENOTFOUND, "Lead not found.")
}

// normTime returns t as stored (UTC, microseconds), nil for nil.
func normTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := utc(*t)
	return &u
}
