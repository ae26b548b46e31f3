package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const surveyCols = `s.id, s.conversation_id, s.resolved_at, s.channel, s.account, s.contact_id, s.customer_id,
	s.rep_id, s.team_id, s.state, s.reason, s.message_id, s.asked_at, s.expires_at, s.low_score, s.score,
	s.answered_at, s.answered_by, s.answer_message_id, s.task_id`

func scanSurvey(r scanner) (*crm.Survey, error) {
	s := &crm.Survey{}
	var score sql.NullInt64
	err := r.Scan(&s.ID, &s.ConversationID, tm{&s.ResolvedAt}, &s.Channel, &s.Account, nid{&s.ContactID},
		nid{&s.CustomerID}, nid{&s.RepID}, nid{&s.TeamID}, &s.State, &s.Reason, nid{&s.MessageID}, tm{&s.AskedAt},
		tm{&s.ExpiresAt}, &s.LowScore, &score, ntm{&s.AnsweredAt}, &s.AnsweredBy, nid{&s.AnswerMessageID},
		nid{&s.TaskID})
	if score.Valid {
		n := int(score.Int64)
		s.Score = &n
	}
	return s, err
}

// DueSurveys returns conversations resolved since since whose resolution
// has no survey yet, with how many messages the customer wrote in each:
// the partial index on resolved_at finds them, however many conversations
// were resolved long ago.
func (db *DB) DueSurveys(ctx context.Context, since time.Time, limit int) ([]crm.SurveyDue, error) {
	var out []crm.SurveyDue
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, func(r scanner) (crm.SurveyDue, error) {
			var d crm.SurveyDue
			c := &crm.Conversation{}
			err := r.Scan(&c.ID, &c.Channel, &c.Account, &c.Subject, &c.Status, nid{&c.AssigneeID}, nid{&c.TeamID},
				nid{&c.ContactID}, nid{&c.CustomerID}, nid{&c.LeadID}, tm{&d.ResolvedAt}, &d.Inbound)
			d.Conversation = c
			return d, err
		}, `SELECT v.id, v.channel, v.account, v.subject, v.status, v.assignee_id, v.team_id, v.contact_id,
			v.customer_id, v.lead_id, v.resolved_at,
			(SELECT count(*) FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'in' AND NOT m.automated)
			FROM conversations v WHERE v.status = 'resolved' AND v.resolved_at >= $1
			AND NOT EXISTS (SELECT 1 FROM satisfaction_surveys s WHERE s.conversation_id = v.id AND s.resolved_at = v.resolved_at)
			ORDER BY v.resolved_at LIMIT `+strconv.Itoa(limit), utc(since))
		return err
	})
	return out, db.wrap(err, "due surveys")
}

// RecordSurvey stores s unless its resolution has one; false then.
func (db *DB) RecordSurvey(ctx context.Context, s *crm.Survey) (bool, error) {
	inserted := false
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO satisfaction_surveys (conversation_id, resolved_at, channel, account,
			contact_id, customer_id, rep_id, team_id, state, reason, message_id, asked_at, expires_at, low_score)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT (conversation_id, resolved_at) DO NOTHING RETURNING id`,
			s.ConversationID, utc(s.ResolvedAt), s.Channel, s.Account, idArg(s.ContactID), idArg(s.CustomerID),
			idArg(s.RepID), idArg(s.TeamID), s.State, s.Reason, idArg(s.MessageID), utc(s.AskedAt), utc(s.ExpiresAt),
			s.LowScore).Scan(&s.ID)
		if err == sql.ErrNoRows {
			return nil
		}
		inserted = err == nil
		return db.wrap(err, "record survey")
	})
	return inserted, err
}

// SetSurveyMessage records the question queued for a survey.
func (db *DB) SetSurveyMessage(ctx context.Context, surveyID, messageID int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE satisfaction_surveys SET message_id = $1 WHERE id = $2`, messageID, surveyID)
		if err != nil {
			return db.wrap(err, "survey message")
		}
		return db.oneRow(res, "Survey", "survey message")
	})
}

// LastSurveyAsked is when the conversation's customer was last asked.
func (db *DB) LastSurveyAsked(ctx context.Context, conversationID int64) (time.Time, error) {
	var at *time.Time
	err := db.query(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, `SELECT max(asked_at) FROM satisfaction_surveys WHERE conversation_id = $1
			AND state <> 'skipped'`, conversationID).Scan(ntm{&at})
	})
	if err != nil || at == nil {
		return time.Time{}, db.wrap(err, "last survey")
	}
	return *at, nil
}

// Survey returns one survey. ENOTFOUND.
func (db *DB) Survey(ctx context.Context, id int64) (*crm.Survey, error) {
	var s *crm.Survey
	err := db.query(ctx, func(q querier) (err error) {
		s, err = scanSurvey(q.QueryRowContext(ctx, `SELECT `+surveyCols+` FROM satisfaction_surveys s WHERE s.id = $1`, id))
		return err
	})
	return s, db.notFound(err, "Survey", "survey")
}

// OpenSurvey returns the conversation's latest survey waiting for a reply
// at at: asked, not answered, not expired. ENOTFOUND.
func (db *DB) OpenSurvey(ctx context.Context, conversationID int64, at time.Time) (*crm.Survey, error) {
	var s *crm.Survey
	err := db.query(ctx, func(q querier) (err error) {
		s, err = scanSurvey(q.QueryRowContext(ctx, `SELECT `+surveyCols+` FROM satisfaction_surveys s
			WHERE s.conversation_id = $1 AND s.state = 'asked' AND s.expires_at > $2
			ORDER BY s.asked_at DESC LIMIT 1`, conversationID, utc(at)))
		return err
	})
	return s, db.notFound(err, "Survey", "open survey")
}
