package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// A conversation's owner, for visibility, is its assignee: unassigned
// conversations are the shared inbox that every rep sees.
const conversationCols = `v.id, v.channel, v.account, v.subject, v.status, v.assignee_id, v.team_id,
	v.contact_id, v.customer_id, v.lead_id, v.needs_review, v.labels, v.snoozed_until,
	v.last_message_at, v.last_inbound_at, v.created_at`

func scanConversation(r scanner) (*crm.Conversation, error) {
	c := &crm.Conversation{}
	err := r.Scan(&c.ID, &c.Channel, &c.Account, &c.Subject, &c.Status, nid{&c.AssigneeID}, nid{&c.TeamID},
		nid{&c.ContactID}, nid{&c.CustomerID}, nid{&c.LeadID}, &c.NeedsReview, jsonCol{&c.Labels},
		ntm{&c.SnoozedUntil}, tm{&c.LastMessageAt}, ntm{&c.LastInboundAt}, tm{&c.CreatedAt})
	return c, err
}

// Conversation returns a conversation v may see. ENOTFOUND.
func (db *DB) Conversation(ctx context.Context, v crm.Viewer, id int64) (c *crm.Conversation, err error) {
	err = db.view(ctx, func(q querier) error {
		w := &where{}
		w.and("v.id = " + w.arg(id))
		w.visible(v, "v.assignee_id")
		c, err = scanConversation(q.QueryRowContext(ctx, `SELECT `+conversationCols+` FROM conversations v`+w.String(), w.args...))
		return db.notFound(err, "Conversation", "get conversation")
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CreateConversation stores c and sets its ID.
func (db *DB) CreateConversation(ctx context.Context, c *crm.Conversation) error {
	if c.Labels == nil {
		c.Labels = []string{}
	}
	c.CreatedAt, c.LastMessageAt = utc(c.CreatedAt), utc(c.LastMessageAt)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, insertConversationSQL, withoutID(conversationArgs(c))...).Scan(&c.ID)
		return db.wrap(err, "create conversation")
	})
}

// UpdateConversation saves c's status, assignment, links, review flag,
// labels and times.
func (db *DB) UpdateConversation(ctx context.Context, c *crm.Conversation) error {
	if c.Labels == nil {
		c.Labels = []string{}
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, updateConversationSQL, updateConversationArgs(c)...)
		if err != nil {
			return db.wrap(err, "update conversation")
		}
		return db.oneRow(res, "Conversation", "update conversation")
	})
}

// SetReviewCandidates replaces a conversation's review candidates.
func (db *DB) SetReviewCandidates(ctx context.Context, conversationID int64, cs []crm.Candidate) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM review_candidates WHERE conversation_id = $1`, conversationID); err != nil {
			return db.wrap(err, "clear candidates")
		}
		for _, c := range cs {
			_, err := tx.ExecContext(ctx, `INSERT INTO review_candidates (conversation_id, kind, target_id, rule, value, label)
				VALUES ($1, $2, $3, $4, $5, $6)`, conversationID, c.Kind, c.ID, c.Rule, c.Value, c.Label)
			if err != nil {
				return db.wrap(err, "add candidate")
			}
		}
		return nil
	})
}

// ReviewCandidates returns a conversation's review candidates.
func (db *DB) ReviewCandidates(ctx context.Context, conversationID int64) (cs []crm.Candidate, err error) {
	err = db.view(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, func(r scanner) (crm.Candidate, error) {
			var c crm.Candidate
			return c, r.Scan(&c.Kind, &c.ID, &c.Rule, &c.Value, &c.Label)
		}, `SELECT kind, target_id, rule, value, label FROM review_candidates WHERE conversation_id = $1
			ORDER BY kind, target_id`, conversationID)
		return db.wrap(err, "review candidates")
	})
	return cs, err
}
