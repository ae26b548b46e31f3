package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

func itoa(n int) string { return strconv.Itoa(n) }

// openLeadStatuses are the statuses that count against a rep's lead cap.
const openLeadStatuses = `('new', 'contacted', 'qualified')`

// NextAssignee picks the next rep of a team's round robin who holds fewer
// open leads than the team's cap, and moves the round on to them. nil: the
// team has no rule, no enabled reps, or every rep is at the cap.
func (db *DB) NextAssignee(ctx context.Context, teamID int64) (owner *int64, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var limit, last int64
		err := tx.QueryRowContext(ctx, `SELECT lead_cap, last_user_id FROM assignment_rules WHERE team_id = $1`,
			teamID).Scan(&limit, &last)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return db.wrap(err, "assignment rule")
		}
		if limit, err = db.poolLeadCap(ctx, tx, teamID, limit); err != nil {
			return err
		}
		reps, err := db.repLoads(ctx, tx, teamID)
		if err != nil {
			return err
		}
		owner = pickRoundRobin(reps, last, limit)
		if owner == nil {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE assignment_rules SET last_user_id = $1 WHERE team_id = $2`, *owner, teamID)
		return db.wrap(err, "advance round robin")
	})
	return owner, err
}

type repLoad struct{ id, open int64 }

func (db *DB) repLoads(ctx context.Context, tx *sql.Tx, teamID int64) ([]repLoad, error) {
	reps, err := queryAll(ctx, tx, func(r scanner) (repLoad, error) {
		var l repLoad
		return l, r.Scan(&l.id, &l.open)
	}, `SELECT u.id, (SELECT count(*) FROM leads l WHERE l.owner_id = u.id AND l.status IN `+openLeadStatuses+`)
		FROM users u WHERE u.team_id = $1 AND u.role = 'rep' AND u.disabled = $2 ORDER BY u.id`, teamID, false)
	return reps, db.wrap(err, "rep loads")
}

// pickRoundRobin returns the first rep after last (wrapping round) with
// fewer than limit open leads.
func pickRoundRobin(reps []repLoad, last, limit int64) *int64 {
	start := 0
	for i, r := range reps {
		if r.id > last {
			start = i
			break
		}
	}
	for i := range reps {
		r := reps[(start+i)%len(reps)]
		if r.open < limit {
			id := r.id
			return &id
		}
	}
	return nil
}

// SetAssignmentRule sets a team's round robin with its open-lead cap.
// EINVALID for a negative cap or a missing team.
func (db *DB) SetAssignmentRule(ctx context.Context, r crm.AssignmentRule) error {
	if r.LeadCap < 0 {
		return &crm.Error{Code: crm.EINVALID, Message: "The cap is invalid.", Fields: map[string]string{"lead_cap": "must not be negative"}}
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkExist(ctx, tx, exists{"team_id", "teams", &r.TeamID}); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO assignment_rules (team_id, lead_cap) VALUES ($1, $2)
			ON CONFLICT (team_id) DO UPDATE SET lead_cap = excluded.lead_cap`, r.TeamID, r.LeadCap)
		return db.wrap(err, "set assignment rule")
	})
}

// poolLeadCap lowers a round robin's cap to the pool's lead cap (the
// team's pool's, else the default pool's), so that new leads obey the same
// cap as claims; over it they stay unassigned.
func (db *DB) poolLeadCap(ctx context.Context, tx *sql.Tx, teamID, limit int64) (int64, error) {
	var poolCap int64
	err := tx.QueryRowContext(ctx, `SELECT lead_cap FROM pool_limits WHERE team_key IN ($1, 0)
		ORDER BY team_key DESC LIMIT 1`, teamID).Scan(&poolCap)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return limit, nil
	case err != nil:
		return 0, db.wrap(err, "pool lead cap")
	case poolCap > 0 && poolCap < limit:
		return poolCap, nil
	}
	return limit, nil
}
