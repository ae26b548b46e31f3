package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rapport-crm/rapport/crm"
)

// assignHandoff gives a conversation the bot hands over to a person by the
// usual rules, when it has no assignee: the owner of its lead, contact or
// customer (as ingest assigns a new conversation), else the next rep of
// the team's round robin (the account's hand-off team, else the
// conversation's team). It says what it did for the decision's reason,
// "" when the conversation keeps its assignee or finds none.
func (db *DB) assignHandoff(ctx context.Context, tx *sql.Tx, d *crm.BotDecision) (string, error) {
	var assignee, team, owner *int64
	err := tx.QueryRowContext(ctx, `SELECT v.assignee_id, v.team_id, coalesce(
			(SELECT u.id FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.id = v.lead_id AND u.disabled = $2),
			(SELECT u.id FROM contacts c JOIN users u ON u.id = c.owner_id WHERE c.id = v.contact_id AND u.disabled = $2),
			(SELECT u.id FROM customers k JOIN users u ON u.id = k.owner_id WHERE k.id = v.customer_id AND u.disabled = $2))
		FROM conversations v WHERE v.id = $1`, d.ConversationID, false).Scan(nid{&assignee}, nid{&team}, nid{&owner})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && assignee != nil) {
		return "", nil
	}
	if err != nil {
		return "", db.wrap(err, "hand-off assignee")
	}
	why := "the owner of its records"
	if owner == nil {
		t := d.HandoffTeamID
		if t == 0 && team != nil {
			t = *team
		}
		if t == 0 {
			return "", nil
		}
		if owner, err = db.NextAssignee(ctx, t); err != nil || owner == nil {
			return "", err
		}
		why = fmt.Sprintf("round robin of team %d", t)
	}
	_, err = tx.ExecContext(ctx, `UPDATE conversations SET assignee_id = $1 WHERE id = $2`, *owner, d.ConversationID)
	return fmt.Sprintf("assigned to user %d (%s)", *owner, why), db.wrap(err, "hand-off assign")
}
