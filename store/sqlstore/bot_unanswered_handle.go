package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
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
