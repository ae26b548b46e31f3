package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// waiting is a question about to be handled: its text and its key.
type waiting struct {
	id            int64
	question, key string
}

// TeachUnanswered makes the question a phrasing of entry faqID and marks
// it and its identical waiting ones taught, in one transaction. The bot
// revision is bumped first: on PostgreSQL its row lock orders two
// admins' changes to the FAQ, so neither loses the other's phrasing.
func (db *DB) TeachUnanswered(ctx context.Context, by, id, faqID int64, text string) (*crm.Teaching, error) {
	t := &crm.Teaching{}
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		w, err := db.waitingQuestion(ctx, tx, id)
		if err != nil {
			return err
		}
		if strings.TrimSpace(text) == "" {
			text = w.question
		}
		if t.FAQ, err = db.addPhrasing(ctx, tx, faqID, strings.TrimSpace(text)); err != nil {
			return err
		}
		return db.handle(ctx, tx, t, w, by, crm.UnansweredTaught, fmt.Sprintf("taught %q to faq %d", short(text), faqID))
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// NewFAQFromUnanswered creates f and marks the question and its identical
// waiting ones new_entry, in one transaction.
func (db *DB) NewFAQFromUnanswered(ctx context.Context, by, id int64, f *crm.FAQ) (*crm.Teaching, error) {
	t := &crm.Teaching{FAQ: f}
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		w, err := db.waitingQuestion(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := db.ImportFAQs(ctx, []*crm.FAQ{f}); err != nil {
			return err
		}
		return db.handle(ctx, tx, t, w, by, crm.UnansweredNewEntry, fmt.Sprintf("new faq %d from %q", f.ID, short(w.question)))
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// DismissUnanswered marks the question and its identical waiting ones
// dismissed.
func (db *DB) DismissUnanswered(ctx context.Context, by, id int64) (*crm.Teaching, error) {
	t := &crm.Teaching{}
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		w, err := db.waitingQuestion(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.handle(ctx, tx, t, w, by, crm.UnansweredDismissed, fmt.Sprintf("dismissed %q", short(w.question)))
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// waitingQuestion reads a question nobody has handled. ENOTFOUND,
// ECONFLICT naming what was done.
func (db *DB) waitingQuestion(ctx context.Context, tx *sql.Tx, id int64) (*waiting, error) {
	w := &waiting{id: id}
	var outcome string
	var faq *int64
	err := tx.QueryRowContext(ctx, `SELECT question, question_key, outcome, faq_id FROM bot_unanswered WHERE message_id = $1`,
		id).Scan(&w.question, &w.key, &outcome, nid{&faq})
	if err != nil {
		return nil, db.notFound(err, "Unanswered question", "unanswered question")
	}
	return w, handledError(outcome, faq)
}

func handledError(outcome string, faq *int64) error {
	switch {
	case outcome == "":
		return nil
	case outcome == crm.UnansweredTaught && faq != nil:
		return crm.Errorf(crm.ECONFLICT, "This question was taught to FAQ entry %d already.", *faq)
	case outcome == crm.UnansweredNewEntry && faq != nil:
		return crm.Errorf(crm.ECONFLICT, "This question was made into FAQ entry %d already.", *faq)
	}
	return crm.Errorf(crm.ECONFLICT, "This question was dismissed already.")
}

// addPhrasing appends text to entry faqID's alternatives unless a
// phrasing of it reads the same already. EINVALID: no such entry, or no
// room for another phrasing.
func (db *DB) addPhrasing(ctx context.Context, tx *sql.Tx, faqID int64, text string) (*crm.FAQ, error) {
	if err := bumpBotRevision(ctx, tx); err != nil {
		return nil, db.wrap(err, "teach faq")
	}
	f, err := scanFAQ(tx.QueryRowContext(ctx, `SELECT `+faqCols+` FROM bot_faqs WHERE id = $1`, faqID))
	if err == sql.ErrNoRows {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "No such FAQ entry.",
			Fields: map[string]string{"faq_id": "names no FAQ entry"}}
	}
	if err != nil {
		return nil, db.wrap(err, "teach faq")
	}
	key := crm.QuestionKey(text)
	if crm.QuestionKey(f.Question) == key || slices.ContainsFunc(f.Alternatives, func(a string) bool { return crm.QuestionKey(a) == key }) {
		return f, nil
	}
	f.Alternatives = append(f.Alternatives, text)
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.UpdatedAt = db.now()
	_, err = tx.ExecContext(ctx, `UPDATE bot_faqs SET alternatives = $1, updated_at = $2 WHERE id = $3`,
		jsonArg(f.Alternatives), f.UpdatedAt, f.ID)
	return f, db.wrap(err, "teach faq")
}

// handle marks the question, then its identical waiting ones, and audits
// what was done. The question's own update re-checks that it still waits:
// on PostgreSQL a concurrent admin may have handled it since it was read.
func (db *DB) handle(ctx context.Context, tx *sql.Tx, t *crm.Teaching, w *waiting, by int64, outcome, detail string) error {
	var faq, actor *int64
	if t.FAQ != nil {
		faq = &t.FAQ.ID
	}
	if by != 0 {
		actor = &by
	}
	now := db.now()
	set := `UPDATE bot_unanswered SET outcome = $1, faq_id = $2, handled_by = $3, handled_at = $4 WHERE outcome = ''`
	res, err := tx.ExecContext(ctx, set+` AND message_id = $5`, outcome, idArg(faq), idArg(actor), now, w.id)
	if err != nil {
		return db.wrap(err, "handle unanswered question")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return crm.Errorf(crm.ECONFLICT, "This question was handled meanwhile.")
	}
	res, err = tx.ExecContext(ctx, set+` AND question_key = $5`, outcome, idArg(faq), idArg(actor), now, w.key)
	if err != nil {
		return db.wrap(err, "handle unanswered questions")
	}
	n, _ := res.RowsAffected()
	t.Handled = 1 + int(n)
	if t.Handled > 1 {
		detail += fmt.Sprintf(" (%d questions)", t.Handled)
	}
	return db.Audit(ctx, &crm.AuditEntry{ActorID: actor, Action: "bot.unanswered_" + outcome,
		Subject: crm.Ref{Kind: crm.RefMessage, ID: w.id}, Detail: detail})
}

// short is a question as an audit entry quotes it.
func short(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
