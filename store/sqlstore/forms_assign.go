package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rapport-crm/rapport/crm"
)

// AssignFormLead gives an unowned lead to the next rep of team's round
// robin, in one transaction so that the round moves on only when the lead
// is taken. A lead with an owner is left as it is. ENOTFOUND.
func (db *DB) AssignFormLead(ctx context.Context, leadID, teamID int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var owner sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT owner_id FROM leads WHERE id = $1`, leadID).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) {
			return crm.Errorf(crm.ENOTFOUND, "Lead not found.")
		} else if err != nil || owner.Valid {
			return db.wrap(err, "form lead owner")
		}
		rep, err := db.NextAssignee(ctx, teamID)
		if err != nil || rep == nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE leads SET owner_id = $1, claimed_at = $2, updated_at = $2
			WHERE id = $3 AND owner_id IS NULL`, *rep, now, leadID)
		return db.wrap(err, "assign form lead")
	})
}
