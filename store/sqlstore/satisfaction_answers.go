package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

// AnswerSurvey records a score on an unexpired survey; a later score (a
// second click in the email) replaces the first, the same one changes
// nothing. A reply's message gets the bot's decision "none" with the
// reason, in the same transaction: the bot's unique key on the message
// then keeps it from answering a score as a question. ENOTFOUND, EINVALID.
func (db *DB) AnswerSurvey(ctx context.Context, a crm.SurveyAnswer) (*crm.Survey, error) {
	if a.Score < 1 || a.Score > 5 {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "A score is 1 to 5.",
			Fields: map[string]string{"score": "must be 1 to 5"}}
	}
	var s *crm.Survey
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if s, err = db.Survey(ctx, a.SurveyID); err != nil {
			return err
		}
		if !a.At.Before(s.ExpiresAt) || s.State == crm.SurveySkipped {
			return crm.Errorf(crm.EINVALID, "This survey is closed.")
		}
		if s.Score != nil && *s.Score == a.Score {
			return nil
		}
		at := utc(a.At)
		if _, err := tx.ExecContext(ctx, `UPDATE satisfaction_surveys SET state = 'answered', score = $1,
			answered_at = $2, answered_by = $3, answer_message_id = $4 WHERE id = $5`,
			a.Score, at, a.By, idArg(a.MessageID), s.ID); err != nil {
			return db.wrap(err, "answer survey")
		}
		if err := db.decideScoreReply(ctx, tx, s, a); err != nil {
			return err
		}
		s, err = db.Survey(ctx, s.ID)
		return err
	})
	return s, err
}

// decideScoreReply records the bot's decision about a reply that was a
// score: nothing to answer, and why.
func (db *DB) decideScoreReply(ctx context.Context, tx *sql.Tx, s *crm.Survey, a crm.SurveyAnswer) error {
	if a.MessageID == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO bot_decisions (message_id, conversation_id, channel, account,
		action, reason, score, decided_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT (message_id) DO NOTHING`,
		*a.MessageID, s.ConversationID, s.Channel, s.Account, crm.BotNone,
		fmt.Sprintf("satisfaction score %d (survey #%d)", a.Score, s.ID), utc(a.At))
	return db.wrap(err, "decide score reply")
}

// LowSurveys returns answered surveys at or below their threshold with no
// task yet, oldest answer first.
func (db *DB) LowSurveys(ctx context.Context, limit int) ([]*crm.Survey, error) {
	var out []*crm.Survey
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanSurvey, `SELECT `+surveyCols+` FROM satisfaction_surveys s
			WHERE s.task_id IS NULL AND s.score <= s.low_score ORDER BY s.answered_at LIMIT `+strconv.Itoa(limit))
		return err
	})
	return out, db.wrap(err, "low surveys")
}

// SetSurveyTask records the task a low score opened; false when the survey
// has one already (another instance opened it).
func (db *DB) SetSurveyTask(ctx context.Context, surveyID, taskID int64) (bool, error) {
	var n int64
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE satisfaction_surveys SET task_id = $1 WHERE id = $2 AND task_id IS NULL`,
			taskID, surveyID)
		if err != nil {
			return db.wrap(err, "survey task")
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// ListSurveys returns a conversation's, a contact's or a customer's
// surveys, newest first, those of conversations v may see.
func (db *DB) ListSurveys(ctx context.Context, v crm.Viewer, f crm.SurveyFilter) ([]*crm.Survey, error) {
	w := &where{}
	w.equalID("s.conversation_id", f.ConversationID)
	w.equalID("s.customer_id", f.CustomerID)
	w.equalID("s.contact_id", f.ContactID)
	if !v.SeesAll() {
		w.and("EXISTS (SELECT 1 FROM conversations v WHERE v.id = s.conversation_id AND " +
			w.owns(v, "v.assignee_id", true) + ")")
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []*crm.Survey
	err := db.query(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanSurvey, `SELECT `+surveyCols+` FROM satisfaction_surveys s`+w.String()+
			` ORDER BY s.asked_at DESC, s.id DESC LIMIT `+strconv.Itoa(limit), w.args...)
		return err
	})
	return out, db.wrap(err, "list surveys")
}
