package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// recordUnanswered keeps an unsure hand-off for the admins' list of
// unanswered questions, in the decision's transaction: one read of the
// message and one insert, on hand-offs only.
func (db *DB) recordUnanswered(ctx context.Context, tx *sql.Tx, d *crm.BotDecision) error {
	var subject, text string
	err := tx.QueryRowContext(ctx, `SELECT subject, text FROM messages WHERE id = $1`, d.MessageID).Scan(&subject, &text)
	if err != nil {
		return db.wrap(err, "unanswered question")
	}
	q := crm.UnansweredText(d.Channel, subject, text)
	if q == "" {
		return nil // a picture or a voice message: no words to teach
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO bot_unanswered (message_id, channel, account, question, question_key, asked_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, d.MessageID, d.Channel, d.Account, q, crm.QuestionKey(q), d.DecidedAt)
	return db.wrap(err, "record unanswered question")
}

const unansweredCols = `u.message_id, m.conversation_id, u.channel, u.account, u.question, u.asked_at, d.reason,
	u.outcome, u.faq_id, u.handled_by, u.handled_at`

func scanUnanswered(r scanner) (*crm.UnansweredQuestion, error) {
	u := &crm.UnansweredQuestion{}
	err := r.Scan(&u.ID, &u.ConversationID, &u.Channel, &u.Account, &u.Text, tm{&u.AskedAt}, &u.Reason,
		&u.Outcome, nid{&u.FAQID}, nid{&u.HandledBy}, ntm{&u.HandledAt}, &u.Count)
	if id, score, ok := crm.UnsureGuess(u.Reason); ok {
		u.GuessFAQID, u.GuessScore = &id, score
	}
	return u, err
}

// Unanswered lists the waiting questions, identical ones as their newest
// with a count, newest first; the cursor is that newest one's id. It
// walks the waiting ones from the newest (or the cursor) and keeps those
// no newer one repeats: a page costs its rows' lookups, not the backlog.
func (db *DB) Unanswered(ctx context.Context, f crm.UnansweredFilter) (l crm.List[*crm.UnansweredQuestion], err error) {
	f.Page = f.Page.Clamp()
	w := &where{}
	same := "" // the same account, in the subqueries
	if f.Channel != "" || f.Account != "" {
		ch, acc := w.arg(f.Channel), w.arg(f.Account)
		w.and("u.channel = " + ch)
		w.and("u.account = " + acc)
		same = " AND s.channel = " + ch + " AND s.account = " + acc
	}
	w.and("u.outcome = ''")
	w.and(`NOT EXISTS (SELECT 1 FROM bot_unanswered s WHERE s.outcome = '' AND s.question_key = u.question_key
		AND s.message_id > u.message_id` + same + `)`)
	tail := w.page("u.message_id", f.After, f.Limit)
	var us []*crm.UnansweredQuestion
	err = db.view(ctx, func(q querier) error {
		us, err = queryAll(ctx, q, scanUnanswered, `SELECT `+unansweredCols+`,
			(SELECT count(*) FROM bot_unanswered s WHERE s.outcome = '' AND s.question_key = u.question_key`+same+`)
			FROM bot_unanswered u JOIN bot_decisions d ON d.message_id = u.message_id
			JOIN messages m ON m.id = u.message_id`+w.String()+tail, w.args...)
		if err != nil {
			return db.wrap(err, "unanswered questions")
		}
		return db.guessQuestions(ctx, q, us)
	})
	if err != nil {
		return l, err
	}
	return crm.NewList(us, f.Limit, func(u *crm.UnansweredQuestion) int64 { return u.ID }), nil
}

// UnansweredQuestion returns one question; its Count is how many share
// its text and its outcome. ENOTFOUND.
func (db *DB) UnansweredQuestion(ctx context.Context, id int64) (u *crm.UnansweredQuestion, err error) {
	err = db.view(ctx, func(q querier) error {
		u, err = scanUnanswered(q.QueryRowContext(ctx, `SELECT `+unansweredCols+`,
			(SELECT count(*) FROM bot_unanswered s WHERE s.question_key = u.question_key AND s.outcome = u.outcome)
			FROM bot_unanswered u JOIN bot_decisions d ON d.message_id = u.message_id
			JOIN messages m ON m.id = u.message_id WHERE u.message_id = $1`, id))
		if err != nil {
			return db.notFound(err, "Unanswered question", "unanswered question")
		}
		return db.guessQuestions(ctx, q, []*crm.UnansweredQuestion{u})
	})
	return u, err
}

// guessQuestions fills in the question of each best guess that still
// exists (one read per entry named: a page names few).
func (db *DB) guessQuestions(ctx context.Context, q querier, us []*crm.UnansweredQuestion) error {
	seen := map[int64]string{}
	for _, u := range us {
		if u.GuessFAQID == nil {
			continue
		}
		id := *u.GuessFAQID
		if _, ok := seen[id]; !ok {
			var question string
			err := q.QueryRowContext(ctx, `SELECT question FROM bot_faqs WHERE id = $1`, id).Scan(&question)
			if err != nil && err != sql.ErrNoRows {
				return db.wrap(err, "guessed faq")
			}
			seen[id] = question
		}
		u.GuessQuestion = seen[id]
	}
	return nil
}
