package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// Assign sets a visible conversation's assignee and team, and audits it.
func (db *DB) Assign(ctx context.Context, v crm.Viewer, id int64, a crm.Assignment) (c *crm.Conversation, err error) {
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.Conversation(ctx, v, id); err != nil {
			return err
		}
		if err := db.mayAssign(ctx, v, a); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE conversations SET assignee_id = $1, team_id = $2 WHERE id = $3`,
			idArg(a.AssigneeID), idArg(a.TeamID), id)
		if err != nil {
			return db.wrap(err, "assign conversation")
		}
		if err := db.audit(ctx, v, "conversation.assign", crm.Ref{Kind: crm.RefConversation, ID: id},
			fmt.Sprintf("assignee %s, team %s", idText(a.AssigneeID), idText(a.TeamID))); err != nil {
			return err
		}
		c, err = db.Conversation(ctx, crm.System, id)
		return err
	})
	return c, err
}

// mayAssign applies crm.InboxStore.Assign's rules: reps take or release,
// managers stay inside their team, admins may do anything; the assignee
// must be an enabled user.
func (db *DB) mayAssign(ctx context.Context, v crm.Viewer, a crm.Assignment) error {
	var team *int64
	if a.AssigneeID != nil {
		u, err := db.UserByID(ctx, *a.AssigneeID)
		if crm.IsNotFound(err) || (err == nil && u.Disabled) {
			return &crm.Error{Code: crm.EINVALID, Message: "No such user.",
				Fields: map[string]string{"assignee_id": "is not an enabled user"}}
		} else if err != nil {
			return err
		}
		team = u.TeamID
	}
	forbidden := crm.Errorf(crm.EFORBIDDEN, "You may not assign this conversation there.")
	switch {
	case v.SeesAll():
		return nil
	case v.Role == crm.RoleManager && v.TeamID != 0:
		if (a.AssigneeID != nil && *a.AssigneeID != v.UserID && (team == nil || *team != v.TeamID)) ||
			(a.TeamID != nil && *a.TeamID != v.TeamID) {
			return forbidden
		}
		return nil
	case !v.MayAssign(a.AssigneeID):
		return forbidden
	case a.TeamID != nil && *a.TeamID != v.TeamID:
		return forbidden
	}
	return nil
}

// SetStatus sets a visible conversation's status; a snooze needs a future end.
func (db *DB) SetStatus(ctx context.Context, v crm.Viewer, id int64, status string, until *time.Time) (c *crm.Conversation, err error) {
	p := crm.Problems{}
	p.Require("status", status)
	p.OneOf("status", status, crm.ConvOpen, crm.ConvPending, crm.ConvSnoozed, crm.ConvResolved)
	switch {
	case status == crm.ConvSnoozed && (until == nil || !until.After(db.now())):
		p.Add("snoozed_until", "must be in the future")
	case status != crm.ConvSnoozed:
		until = nil
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.Conversation(ctx, v, id); err != nil {
			return err
		}
		// resolved_at marks each resolution (not a repeated one): the
		// satisfaction survey asks once per resolution.
		_, err := tx.ExecContext(ctx, `UPDATE conversations SET status = $1, snoozed_until = $2,
			resolved_at = CASE WHEN $1 = 'resolved' AND status <> 'resolved' THEN $4 ELSE resolved_at END WHERE id = $3`,
			status, nullTime(until), id, db.now())
		if err != nil {
			return db.wrap(err, "set status")
		}
		// The thread shows who resolved or reopened it (web's thread events).
		if err := db.audit(ctx, v, "conversation.status", crm.Ref{Kind: crm.RefConversation, ID: id},
			statusDetail(status, until)); err != nil {
			return err
		}
		c, err = db.Conversation(ctx, crm.System, id)
		return err
	})
	return c, err
}

// SetLabels replaces a visible conversation's labels, in the list column
// and the filter table together.
func (db *DB) SetLabels(ctx context.Context, v crm.Viewer, id int64, labels []string) (c *crm.Conversation, err error) {
	labels, err = crm.NormalizeLabels(labels)
	if err != nil {
		return nil, err
	}
	err = db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := db.Conversation(ctx, v, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM conversation_labels WHERE conversation_id = $1`, id); err != nil {
			return db.wrap(err, "clear labels")
		}
		ids, err := db.labelIDs(ctx, tx, labels) // by id: a label's rename reaches every conversation
		if err != nil {
			return err
		}
		for _, l := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT INTO conversation_labels (label_id, conversation_id) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, l, id); err != nil {
				return db.wrap(err, "add label")
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE conversations SET labels = $1 WHERE id = $2`, jsonArg(labels), id); err != nil {
			return db.wrap(err, "set labels")
		}
		c, err = db.Conversation(ctx, crm.System, id)
		return err
	})
	return c, err
}

// Labels returns the labels in use on conversations v may see, sorted.
func (db *DB) Labels(ctx context.Context, v crm.Viewer) (ls []string, err error) {
	w := &where{}
	w.visible(v, "v.assignee_id")
	err = db.query(ctx, func(q querier) error {
		ls, err = queryAll(ctx, q, func(r scanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		}, `SELECT DISTINCT lb.name FROM conversation_labels l JOIN labels lb ON lb.id = l.label_id
			JOIN conversations v ON v.id = l.conversation_id`+w.String()+` ORDER BY lb.name`, w.args...)
		return db.wrap(err, "labels")
	})
	return ls, err
}

// statusDetail is a status change as the audit keeps it: the status, and
// for a snooze its end ("snoozed until 2026-12-03T10:00:00Z").
func statusDetail(status string, until *time.Time) string {
	if until == nil {
		return status
	}
	return status + " until " + until.UTC().Format(time.RFC3339)
}
